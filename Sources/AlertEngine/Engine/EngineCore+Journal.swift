/// The alert state journal (issue 13 item 1): restore at start-up, one record per change.
extension EngineCore {
    /// Restores the alert state `journal` holds into the loaded rules and keeps writing to it.
    ///
    /// Call once, right after `load`. An entry is restored only into a loaded rule whose stored
    /// form is the one it was journaled for (a rule changed while the engine was down starts
    /// empty, as an update does). The journal is then compacted to what was restored. Returns
    /// the number of (rule, element) states restored.
    @discardableResult
    public func restore(from journal: StateJournal) -> Int {
        var restored: [JournalRecord] = []
        for record in journal.read() {
            guard let id = store.id(named: record.rule), let loaded = store[id],
                JournalRecord.fingerprint(of: loaded.rule) == record.fingerprint
            else { continue }
            if let alert = record.alert {
                loaded.tracker.restore(alert.cachedAlert(element: record.element), forElement: record.element)
            }
            if loaded.lifecycle != nil, let lifecycle = record.lifecycle {
                loaded.lifecycles[ByteKey(record.element)] = lifecycle
            }
            if id < shortcuts.count { shortcuts[id].forget() }
            restored.append(record)
        }
        do {
            try journal.compact(restored)
        } catch {
            logger.error("state journal \(journal.path): \(error)")
        }
        stateJournal = journal
        logger.info("restored \(restored.count) alert states from \(journal.path)")
        return restored.count
    }

    /// Syncs the journal if its last sync is a `StateJournal.syncInterval` old (once per loop turn).
    public func syncJournalIfDue() {
        guard let stateJournal else { return }
        do {
            try stateJournal.syncIfDue()
        } catch {
            logger.error("state journal \(stateJournal.path): \(error)")
        }
    }

    /// Syncs and closes the journal (at shutdown).
    public func closeJournal() {
        stateJournal?.close()
        stateJournal = nil
    }

    /// Journals the state each publication left behind for its (rule, element).
    func journal(_ publications: [AlertPublication]) {
        guard stateJournal != nil else { return }
        for publication in publications {
            let loaded = store.id(named: publication.ruleName).flatMap { store[$0] }
            write(loaded, rule: publication.ruleName, element: publication.element)
        }
        compactJournalIfNeeded()
    }

    /// Journals the lifecycle state of `element` of `loaded` (a pending or damping change that
    /// published nothing).
    func journalLifecycle(_ loaded: LoadedRule, element: String) {
        guard stateJournal != nil else { return }
        write(loaded, rule: loaded.rule.name, element: element)
    }

    private func write(_ loaded: LoadedRule?, rule: String, element: String) {
        guard let stateJournal else { return }
        let record = JournalRecord(
            rule: rule, fingerprint: loaded.map { JournalRecord.fingerprint(of: $0.rule) } ?? "",
            element: element,
            alert: loaded?.tracker.cachedAlert(forElement: element).map(JournalRecord.JournaledAlert.init),
            lifecycle: loaded?.lifecycles[ByteKey(element)])
        do {
            try stateJournal.append(record)
        } catch {
            logger.error("state journal \(stateJournal.path): \(error)")
        }
    }

    /// Rewrites the journal when it holds far more lines than live states.
    private func compactJournalIfNeeded() {
        guard let stateJournal, stateJournal.mayNeedCompaction else { return }
        var live: [JournalRecord] = []
        var count = 0
        for id in store.ids { count += store[id]?.tracker.cachedAlerts.count ?? 0 }
        guard stateJournal.needsCompaction(live: count) else { return }
        for id in store.ids {
            guard let loaded = store[id] else { continue }
            let fingerprint = JournalRecord.fingerprint(of: loaded.rule)
            for (element, alert) in loaded.tracker.cachedAlerts {
                live.append(
                    JournalRecord(
                        rule: loaded.rule.name, fingerprint: fingerprint, element: element,
                        alert: JournalRecord.JournaledAlert(alert), lifecycle: loaded.lifecycles[ByteKey(element)]))
            }
        }
        do {
            try stateJournal.compact(live)
        } catch {
            logger.error("state journal \(stateJournal.path): \(error)")
        }
    }
}
