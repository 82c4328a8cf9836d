/// The `rfc-evaluator-rules` mailbox (engine.md §9).
extension EngineCore {
    /// The only subject the mailbox answers (§9.1).
    public static let mailboxSubject = "rfc-evaluator-rules"

    /// Handles one mailbox request and says what to reply and publish (§9.1–§9.8).
    ///
    /// Another subject, fewer than two frames or an unknown command: logged, no reply.
    public func handleRequest(subject: String, frames: [[UInt8]]) -> RequestOutcome {
        guard subject.hasSameBytes(as: Self.mailboxSubject) else {
            logger.warning("mailbox: ignoring message with subject '\(subject)'")
            return .none
        }
        guard frames.count >= 2 else {
            logger.warning("mailbox: ignoring request with \(frames.count) frame(s); command and parameter needed")
            return .none
        }
        let command = String(decoding: frames[0], as: UTF8.self)
        switch frames[0] {
        case Array("LIST".utf8): return list(frames)
        case Array("GET".utf8): return get(frames[1])
        case Array("ADD".utf8): return frames.count == 2 ? add(frames[1]) : update(frames[1], oldName: frames[2])
        case Array("TOUCH".utf8): return touch(frames[1])
        case Array("DELETE".utf8): return delete(matching: frames[1], byElement: false)
        case Array("DELETE_ELEMENT".utf8): return delete(matching: frames[1], byElement: true)
        default:
            logger.warning("mailbox: ignoring unknown command '\(command)'")
            return .none
        }
    }

    // MARK: Replies

    private static func ok(_ rest: [UInt8]...) -> [[UInt8]] { [Array("OK".utf8)] + rest }

    private func error(_ error: RuleError) -> RequestOutcome {
        logger.info("mailbox: \(error)")
        return RequestOutcome(reply: [Array("ERROR".utf8), Array(error.wireReason.utf8)])
    }

    /// The text of a frame, or nil when it is not valid UTF-8 (then no rule can have that name).
    private static func text(_ frame: [UInt8]) -> String? {
        let text = String(decoding: frame, as: UTF8.self)
        return text.utf8.elementsEqual(frame) ? text : nil
    }

    private func id(named frame: [UInt8]) -> Int? { Self.text(frame).flatMap { store.id(named: $0) } }

    // MARK: LIST, GET (§9.2, §9.3)

    private func list(_ frames: [[UInt8]]) -> RequestOutcome {
        let type = String(decoding: frames[1], as: UTF8.self)
        let filter: RuleListFilter
        do {
            filter = try RuleListFilter(wireType: type)
        } catch {
            return self.error(error)
        }
        let classFrame = frames.count >= 3 ? frames[2] : []
        var reply: [[UInt8]] = [Array("LIST".utf8), frames[1], classFrame]
        for id in store.ids {
            guard let rule = store[id]?.rule, filter.includes(rule.kind) else { continue }
            // §9.2: a non-empty class must equal `rule_class` exactly.
            if !classFrame.isEmpty && !rule.ruleClass.utf8.elementsEqual(classFrame) { continue }
            reply.append(Array(rule.storedJSON.utf8))
        }
        return RequestOutcome(reply: reply)
    }

    private func get(_ name: [UInt8]) -> RequestOutcome {
        guard let id = id(named: name), let rule = store[id]?.rule else {
            return error(.notFound(name: String(decoding: name, as: UTF8.self)))
        }
        return RequestOutcome(reply: Self.ok(Array(rule.storedJSON.utf8)))
    }

    // MARK: ADD (§9.4, §9.5)

    private func add(_ document: [UInt8]) -> RequestOutcome {
        let compiled: (rule: Rule, program: LuaRuleProgram?)
        do {
            compiled = try LoadedRule.compile(document, limits: luaLimits)
        } catch {
            return self.error(error)
        }
        let name = compiled.rule.name
        if name.utf8.starts(with: "humidity.default@sensor-".utf8)
            || name.utf8.starts(with: "temperature.default@sensor-".utf8)
        {
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
            try storage.write(Array(compiled.rule.storedJSON.utf8), to: file)
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
            compiled = try LoadedRule.compile(document, limits: luaLimits)
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
            try storage.replace(old.fileName, with: file, contents: Array(compiled.rule.storedJSON.utf8))
        } catch {
            return self.error(.storageFailed(name: name, message: error.description))
        }
        // Step 5: RESOLVED for the old rule's alerts (last description), then swap.
        let publications = store[oldID]?.tracker.resolveAllForUpdate(now: now()) ?? []
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
                    reply: [Array("ERROR".utf8), Array(failure.wireReason.utf8)], publications: publications,
                    publishesBeforeReply: true)
            }
            publications += store[id]?.tracker.deleteAll(now: time) ?? []
            store.remove(id)
            deleted.append(Array(loaded.rule.name.utf8))
            logger.info("mailbox: rule '\(loaded.rule.name)' deleted")
        }
        return RequestOutcome(reply: Self.ok() + deleted, publications: publications, publishesBeforeReply: true)
    }
}
