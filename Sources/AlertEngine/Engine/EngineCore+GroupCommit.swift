/// Group commit of ADD requests (decisions.md D6): see ``GroupCommitStorage``.
extension EngineCore {
    /// Whether a mailbox request is a plain ADD (two frames, no old name), whose rule file may be
    /// committed together with those of the ADDs around it.
    public static func isPlainAdd(subject: String, frames: [[UInt8]]) -> Bool {
        frames.count == 2 && frames[0].elementsEqual("ADD".utf8) && subject.hasSameBytes(as: mailboxSubject)
    }

    /// Takes back the rule an ADD of this batch inserted when its file could not be committed,
    /// and returns the outcome that ADD must answer instead: the storage error of §9.4 step 5,
    /// as if the write had failed before the rule was inserted.
    ///
    /// The rule was inserted by the ADD (the last rule stored in `file`) and nothing has used it
    /// since: a batch holds ADDs only and no metric is evaluated while it is open.
    func revokeAdd(storedIn file: RuleFileName, failure: RuleDirectoryError, client: String) -> RequestOutcome {
        let name = file.fileName
        if let id = store.ids.last(where: { store[$0]?.fileName == file }), let loaded = store[id] {
            trackerChanged(id)
            store.remove(id)
            let error = RuleError.storageFailed(name: loaded.rule.name, message: failure.description)
            logger.error("mailbox: rule '\(loaded.rule.name)' not added after all: \(error)", metadata: ["client": "\(client)"])
            return RequestOutcome(reply: Self.errorReply(error))
        }
        let error = RuleError.storageFailed(name: name, message: failure.description)
        logger.error("mailbox: \(error)", metadata: ["client": "\(client)"])
        return RequestOutcome(reply: Self.errorReply(error))
    }
}
