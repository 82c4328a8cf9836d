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
                loaded.journalMembers.fingerprint == record.fingerprint
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

    /// Journals the state each publication left behind for its (rule, element), with what
    /// was staged before, in one write.
    func journal(_ publications: [AlertPublication]) {
        guard stateJournal != nil else { return }
        for publication in publications {
            if let loaded = store.id(named: publication.ruleName).flatMap({ store[$0] }) {
                journalState(of: loaded, element: publication.element)
            } else {
                stateJournal?.stage(
                    alert: nil, element: publication.element, lifecycle: nil,
                    rule: JournalLine.RuleMembers(rule: publication.ruleName, fingerprint: ""))
            }
        }
        flushJournal()
    }

    /// Stages the state of `element` of `loaded` (a publication, or a pending or damping change
    /// that published nothing); ``flushJournal()`` writes it.
    func journalState(of loaded: LoadedRule, element: String) {
        stateJournal?.stage(
            alert: loaded.tracker.cachedAlert(forElement: element), element: element,
            lifecycle: loaded.lifecycle == nil ? nil : loaded.lifecycles[ByteKey(element)],
            rule: loaded.journalMembers)
    }

    /// Writes what is staged (one write(2)), then compacts the journal if it holds far more
    /// lines than live states. Call before the publications the lines belong to are returned.
    func flushJournal() {
        guard let stateJournal, stateJournal.hasStaged else { return }
        do {
            try stateJournal.flush()
        } catch {
            logger.error("state journal \(stateJournal.path): \(error)")
        }
        compactJournalIfNeeded()
    }

    /// Rewrites the journal when it holds far more lines than live states.
    ///
    /// The live states are every element with a cached alert and, for rules with lifecycle
    /// fields, every element with a lifecycle state but no alert yet (a `for` crossing still
    /// pending, a damping penalty): their progress must survive the rewrite as it survives a
    /// restart.
    private func compactJournalIfNeeded() {
        guard let stateJournal, stateJournal.mayNeedCompaction else { return }
        var count = 0
        for id in store.ids {
            guard let loaded = store[id] else { continue }
            count += loaded.tracker.cachedAlerts.count
            if loaded.lifecycle != nil { count += lifecycleOnlyElements(of: loaded).count }
        }
        guard stateJournal.needsCompaction(live: count) else { return }
        do {
            try stateJournal.compact {
                for id in store.ids {
                    guard let loaded = store[id] else { continue }
                    for (element, alert) in loaded.tracker.cachedAlerts {
                        stateJournal.stage(
                            alert: alert, element: element,
                            lifecycle: loaded.lifecycle == nil ? nil : loaded.lifecycles[ByteKey(element)],
                            rule: loaded.journalMembers)
                    }
                    guard loaded.lifecycle != nil else { continue }
                    for (element, lifecycle) in lifecycleOnlyElements(of: loaded) {
                        stateJournal.stage(alert: nil, element: element, lifecycle: lifecycle, rule: loaded.journalMembers)
                    }
                }
            }
        } catch {
            logger.error("state journal \(stateJournal.path): \(error)")
        }
    }

    /// The elements of `loaded` with a lifecycle state and no cached alert.
    private func lifecycleOnlyElements(of loaded: LoadedRule) -> [(String, AlertLifecycle)] {
        guard !loaded.lifecycles.isEmpty else { return [] }
        let alerted = Set(loaded.tracker.cachedAlerts.map { ByteKey($0.element) })
        return loaded.lifecycles.compactMap { key, lifecycle in
            alerted.contains(key) ? nil : (key.string, lifecycle)
        }
    }
}
