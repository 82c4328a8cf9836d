/// The `rfc-evaluator-rules` mailbox (engine.md §9).
extension EngineCore {
    /// The only subject the mailbox answers (§9.1).
    public static let mailboxSubject = "rfc-evaluator-rules"

    /// ``handleRequest(subject:frames:)`` for a request sent by `client`, whose name every log
    /// line of the request carries as `client=` metadata (who added or deleted a rule).
    public func handleRequest(subject: String, frames: [[UInt8]], client: String) -> RequestOutcome {
        logger[metadataKey: "client"] = "\(client)"
        defer { logger[metadataKey: "client"] = nil }
        return handleRequest(subject: subject, frames: frames)
    }

    /// Handles one mailbox request and says what to reply and publish (§9.1–§9.8).
    ///
    /// Another subject, fewer than two frames or an unknown command: logged, no reply. Every
    /// request is counted in the self-metrics by command and result.
    public func handleRequest(subject: String, frames: [[UInt8]]) -> RequestOutcome {
        let outcome = dispatch(subject: subject, frames: frames)
        journal(outcome.publications)
        rulesChanged()  // cheaper to set the gauge than to work out whether the request changed it
        selfMetrics.countRequest(command: Self.commandLabel(frames), result: Self.resultLabel(outcome.reply))
        return outcome
    }

    private func dispatch(subject: String, frames: [[UInt8]]) -> RequestOutcome {
        if subject.hasSameBytes(as: Self.whySubject) { return why(frames) }
        guard subject.hasSameBytes(as: Self.mailboxSubject) else {
            logger.warning("mailbox: ignoring message with subject '\(subject)'")
            return .none
        }
        guard frames.count >= 2 else {
            logger.warning("mailbox: ignoring request with \(frames.count) frame(s); command and parameter needed")
            return .none
        }
        switch frames[0] {
        case Command.list: return list(frames)
        case Command.get: return get(frames[1])
        case Command.add: return frames.count == 2 ? add(frames[1]) : update(frames[1], oldName: frames[2])
        case Command.touch: return touch(frames[1])
        case Command.delete: return delete(matching: frames[1], byElement: false)
        case Command.deleteElement: return delete(matching: frames[1], byElement: true)
        default:
            logger.warning("mailbox: ignoring unknown command '\(String(decoding: frames[0], as: UTF8.self))'")
            return .none
        }
    }

    /// The command frames, built once rather than on every request.
    enum Command {
        static let list = Array("LIST".utf8)
        static let get = Array("GET".utf8)
        static let add = Array("ADD".utf8)
        static let touch = Array("TOUCH".utf8)
        static let delete = Array("DELETE".utf8)
        static let deleteElement = Array("DELETE_ELEMENT".utf8)
        static let ok = Array("OK".utf8)
        static let error = Array("ERROR".utf8)
    }

    // MARK: Self-metrics labels

    /// The command of a request as a metric label, from a fixed set (an ADD with an old name
    /// is `UPDATE`; anything else is `OTHER`).
    private static func commandLabel(_ frames: [[UInt8]]) -> String {
        guard let command = frames.first else { return "OTHER" }
        switch command {
        case Command.list: return "LIST"
        case Command.get: return "GET"
        case Command.add: return frames.count > 2 ? "UPDATE" : "ADD"
        case Command.touch: return "TOUCH"
        case Command.delete: return "DELETE"
        case Command.deleteElement: return "DELETE_ELEMENT"
        default: return "OTHER"
        }
    }

    /// `OK`, `IGNORED` (no reply) or the reason of an ERROR reply, which is always one of
    /// ``RuleError/wireReason``, so the label set stays fixed.
    private static func resultLabel(_ reply: [[UInt8]]?) -> String {
        guard let reply else { return "IGNORED" }
        guard reply.first == Command.error, reply.count >= 2 else { return "OK" }
        return String(decoding: reply[1], as: UTF8.self)
    }

    // MARK: Replies

    private static func ok(_ rest: [UInt8]...) -> [[UInt8]] { [Command.ok] + rest }

    /// The ERROR reply of `error`: `ERROR` and its wire reason (§9, `RuleError.wireReason`).
    static func errorReply(_ error: RuleError) -> [[UInt8]] { [Command.error, Array(error.wireReason.utf8)] }

    private func error(_ error: RuleError) -> RequestOutcome {
        logger.info("mailbox: \(error)")
        return RequestOutcome(reply: Self.errorReply(error))
    }

    /// The rule named exactly `frame` (byte comparison; an invalid UTF-8 frame names no rule).
    private func id(named frame: [UInt8]) -> Int? { store.id(namedBytes: frame) }

    // MARK: LIST, GET (§9.2, §9.3)

    private func list(_ frames: [[UInt8]]) -> RequestOutcome {
        let type = String(decoding: frames[1], as: UTF8.self)
        let filter: RuleListFilter
        do {
            filter = try RuleListFilter(wireType: type, dialect: dialect)
        } catch {
            return self.error(error)
        }
        let classFrame = frames.count >= 3 ? frames[2] : []
        var reply: [[UInt8]] = [Command.list, frames[1], classFrame]
        reply.reserveCapacity(3 + store.count)
        store.forEachRule { rule in
            guard filter.includes(rule.kind) else { return }
            // §9.2: a non-empty class must equal `rule_class` exactly.
            if !classFrame.isEmpty && !rule.ruleClass.utf8.elementsEqual(classFrame) { return }
            reply.append(rule.storedBytes)
        }
        return RequestOutcome(reply: reply)
    }

    private func get(_ name: [UInt8]) -> RequestOutcome {
        guard let id = id(named: name), let rule = store.rule(id) else {
            return error(.notFound(name: String(decoding: name, as: UTF8.self)))
        }
        return RequestOutcome(reply: Self.ok(rule.storedBytes))
    }

    // MARK: ADD (§9.4, §9.5)

    private func add(_ document: [UInt8]) -> RequestOutcome {
        let compiled: (rule: Rule, program: LuaRuleProgram?)
        do {
            compiled = try LoadedRule.compile(document, limits: luaLimits, dialect: dialect)
        } catch {
            return self.error(error)
        }
        let name = compiled.rule.name
        if DirectInstantiation.isRefused(ruleName: name) {
            return error(.notDirectlyInstantiable(name: name))
        }
        guard XphaseCheck.isApplicable(ruleName: name, assetInfo: assetInfo, metricPresent: metricPresent) else {
            return error(.xphaseNotApplicable(name: name))
        }
        guard store.id(named: name) == nil else { return error(.alreadyExists(name: name)) }
        let file: RuleFileName
        do {
            file = try RuleFileName(rule: name)
            // decisions.md D6: OK means the rule is on disk.
            try storage.write(compiled.rule.storedBytes, to: file)
        } catch {
            return self.error(.storageFailed(name: name, message: error.description))
        }
        store.insert(LoadedRule(rule: compiled.rule, program: compiled.program, fileName: file))
        logger.info("mailbox: rule '\(name)' added")
        // §9.5: the reply echoes the request frame byte for byte; no alert on ADD.
        return RequestOutcome(reply: Self.ok(document))
    }

    // MARK: update (§9.6)

    private func update(_ document: [UInt8], oldName oldFrame: [UInt8]) -> RequestOutcome {
        // Step 1: NOT_FOUND before parsing.
        guard let oldID = id(named: oldFrame), let old = store[oldID] else {
            return error(.notFound(name: String(decoding: oldFrame, as: UTF8.self)))
        }
        let compiled: (rule: Rule, program: LuaRuleProgram?)
        do {
            compiled = try LoadedRule.compile(document, limits: luaLimits, dialect: dialect)
        } catch {
            return self.error(error)
        }
        let name = compiled.rule.name
        // Step 3 checks a rule of the new name only when the name changed (utf8eq). We also
        // refuse when only the case changed onto another rule's exact name: going on would
        // leave two rules with one name and overwrite that rule's file.
        if let other = store.id(named: name), other != oldID {
            return error(.alreadyExists(name: name))
        }
        let file: RuleFileName
        do {
            // The file keeps its name when the rule name is unchanged byte for byte (a rule
            // loaded from `SIMPLETHRESHOLD2.rule` stays there); otherwise `<new name>.rule`.
            file = name.hasSameBytes(as: old.rule.name) ? old.fileName : try RuleFileName(rule: name)
            // Step 4 done right (Q1): new file durable first, then the old one removed.
            try storage.replace(old.fileName, with: file, contents: compiled.rule.storedBytes)
        } catch {
            return self.error(.storageFailed(name: name, message: error.description))
        }
        // Step 5: RESOLVED for the old rule's alerts (last description), then swap.
        let publications = store[oldID]?.tracker.resolveAllForUpdate(now: now()) ?? []
        trackerChanged(oldID)
        store.remove(oldID)
        store.insert(LoadedRule(rule: compiled.rule, program: compiled.program, fileName: file))
        logger.info("mailbox: rule '\(old.rule.name)' updated as '\(name)'")
        return RequestOutcome(reply: Self.ok(document), publications: publications)
    }

    // MARK: TOUCH (§9.7)

    private func touch(_ name: [UInt8]) -> RequestOutcome {
        guard let id = id(named: name) else {
            return error(.notFound(name: String(decoding: name, as: UTF8.self)))
        }
        let publications = store[id]?.tracker.touch(now: now()) ?? []
        trackerChanged(id)
        return RequestOutcome(reply: Self.ok(), publications: publications)
    }

    // MARK: DELETE, DELETE_ELEMENT (§9.8)

    private func delete(matching key: [UInt8], byElement: Bool) -> RequestOutcome {
        let ids = store.ids.filter { id in
            guard let rule = store[id]?.rule else { return false }
            // Q38: DELETE_ELEMENT "" matches every pattern rule (their element is "").
            return (byElement ? rule.element : rule.name).utf8.elementsEqual(key)
        }
        guard !ids.isEmpty else { return error(.noMatch(String(decoding: key, as: UTF8.self))) }
        let time = now()
        var publications: [AlertPublication] = []
        var deleted: [[UInt8]] = []
        for id in ids {
            guard let loaded = store[id] else { continue }
            do {
                // Q19: a file already gone counts as removed.
                try storage.remove(loaded.fileName)
            } catch {
                // Q18: stop, but the rules removed so far do publish their alerts.
                let failure = RuleError.ruleRemovalFailed(name: loaded.rule.name, message: error.description)
                logger.error("mailbox: \(failure)")
                return RequestOutcome(
                    reply: Self.errorReply(failure), publications: publications, publishesBeforeReply: true)
            }
            publications += store[id]?.tracker.deleteAll(now: time) ?? []
            trackerChanged(id)
            store.remove(id)
            deleted.append(Array(loaded.rule.name.utf8))
            logger.info("mailbox: rule '\(loaded.rule.name)' deleted")
        }
        return RequestOutcome(reply: Self.ok() + deleted, publications: publications, publishesBeforeReply: true)
    }
}
