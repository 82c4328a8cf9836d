import FtyProto

/// The alert-actions decisions as a value: caches of assets and alerts in, requests to send
/// out (engine.md §12.2–§12.6). No sockets, no clock: every event carries `now` in monotonic
/// milliseconds.
///
/// ```swift
/// var core = AlertActionsCore(start: clock.milliseconds())
/// perform(core.handleAsset(asset))
/// perform(core.handleAlert(alert, frame: frame, now: clock.milliseconds()))
/// perform(core.tick(now: clock.milliseconds()))   // at least every wake period
/// ```
public struct AlertActionsCore: Sendable {
    /// The assets known.
    public private(set) var assets = AssetCache()
    /// The alerts known, by rule.
    public private(set) var alerts = AlertCache()
    /// Integration-test mode (§12.1): unknown assets are never looked up.
    public let integrationTestMode: Bool
    /// Periodic work runs at most once per this many ms (§12.6, 60 s).
    public let checkInterval: UInt64
    /// `TESTCHECKINTERVAL` (§12.6): when non-zero, every alert is re-notified this often (ms)
    /// whatever its severity and priority.
    public let notificationOverride: UInt64
    /// When periodic work last ran.
    public private(set) var lastCheck: UInt64

    /// Creates an empty core; the first periodic work is due `checkInterval` after `start`.
    public init(
        start: UInt64, integrationTestMode: Bool = false, checkInterval: UInt64 = 60_000,
        notificationOverride: UInt64 = 0
    ) {
        self.lastCheck = start
        self.integrationTestMode = integrationTestMode
        self.checkInterval = checkInterval
        self.notificationOverride = notificationOverride
    }

    // MARK: ASSET (§12.3)

    /// Handles an ASSET message.
    public mutating func handleAsset(_ asset: FtyAsset) -> ActionsOutcome {
        var outcome = ActionsOutcome()
        if asset.isGone {
            guard assets[asset.name] != nil else { return outcome }
            for rule in alerts.rules(relatedTo: asset.name) {
                if let entry = alerts.remove(rule) { outcome.requests += resolveActions(entry.alert) }
            }
            assets[asset.name] = nil
            return outcome
        }
        // §12.3: create, inventory and retire (still active, Q36) are ignored; an update follows.
        guard asset.operation == "update" else { return outcome }
        guard let known = assets[asset.name] else {
            assets[asset.name] = asset
            return outcome
        }
        let changed = known.contacts != asset.contacts
        let related = changed ? alerts.rules(relatedTo: asset.name) : []
        for rule in related {
            if let entry = alerts[rule] { outcome.requests += resolveActions(entry.alert) }
        }
        assets[asset.name] = asset
        for rule in related {
            if let entry = alerts[rule] { outcome.append(alertActions(entry)) }
        }
        return outcome
    }

    // MARK: ALERT (§12.4)

    /// Handles an ALERT message; `frame` is its fty_proto frame as received.
    ///
    /// When the alert is new and its asset unknown (outside integration-test mode), nothing is
    /// done yet: the outcome's ``ActionsOutcome/assetLookup`` names the asset to ask for.
    public mutating func handleAlert(_ alert: FtyAlert, frame: [UInt8], now: UInt64) -> ActionsOutcome {
        if alert.state == "RESOLVED" {
            guard let entry = alerts.remove(alert.rule) else { return .none }
            return ActionsOutcome(requests: resolveActions(entry.alert))
        }
        guard alert.state == "ACTIVE" || alert.state.hasPrefix("ACK-") else {
            return ActionsOutcome(notes: [.ignoredState(rule: alert.rule, state: alert.state)])
        }
        guard let cached = alerts[alert.rule] else {
            if assets[alert.name] == nil, !integrationTestMode {
                return ActionsOutcome(assetLookup: alert.name)
            }
            return cacheNew(alert, frame: frame, now: now)
        }
        return refresh(cached, with: alert, frame: frame, now: now)
    }

    /// Finishes a new alert whose asset had to be looked up: `asset` is the asset agent's answer,
    /// nil on timeout or a mismatched reply (the alert is then dropped, §12.4).
    public mutating func completeAssetLookup(
        _ asset: FtyAsset?, for alert: FtyAlert, frame: [UInt8], now: UInt64
    ) -> ActionsOutcome {
        guard let asset else {
            return ActionsOutcome(notes: [.droppedAlert(rule: alert.rule, asset: alert.name)])
        }
        var outcome = handleAsset(asset)
        // The answer may have changed the cache in any way; handle the alert afresh, without a
        // second lookup (Q13: an asset still unknown is an empty one).
        if let cached = alerts[alert.rule] {
            outcome.append(refresh(cached, with: alert, frame: frame, now: now))
        } else {
            outcome.append(cacheNew(alert, frame: frame, now: now))
        }
        return outcome
    }

    private mutating func cacheNew(_ alert: FtyAlert, frame: [UInt8], now: UInt64) -> ActionsOutcome {
        let known = assets[alert.name] != nil
        let entry = CachedAlert(
            alert: alert, frame: frame, relatedAsset: known ? alert.name : nil, lastNotification: now,
            lastReceived: now)
        alerts.store(entry, rule: alert.rule)
        var outcome = alertActions(entry)
        if !known { outcome.notes.insert(.unknownAsset(rule: alert.rule, asset: alert.name), at: 0) }
        return outcome
    }

    private mutating func refresh(
        _ cached: CachedAlert, with alert: FtyAlert, frame: [UInt8], now: UInt64
    ) -> ActionsOutcome {
        let old = cached.alert
        // §12.4: ACTIVE → ACK-x is a change (and notifies, Q24); ACK-x → ACTIVE or ACK-y is not.
        let changed =
            (old.state == "ACTIVE" && Self.acknowledged.contains(alert.state))
            || old.severity != alert.severity || old.description != alert.description || old.action != alert.action
        alerts.update(alert.rule) {
            $0.alert = alert
            $0.frame = frame
            $0.lastReceived = now
        }
        guard changed, let entry = alerts[alert.rule] else { return .none }
        var outcome = ActionsOutcome(requests: resolveActions(old))
        outcome.append(alertActions(entry))
        return outcome
    }

    /// The four acknowledgement states (§2.1).
    static let acknowledged: Set<String> = ["ACK-WIP", "ACK-PAUSE", "ACK-IGNORE", "ACK-SILENCE"]
    /// States whose reminders are not sent (§12.5); ACK-WIP still gets them.
    static let silenced: Set<String> = ["ACK-PAUSE", "ACK-IGNORE", "ACK-SILENCE"]

    // MARK: Periodic work (§12.6)

    /// Runs the periodic work if `checkInterval` has passed since it last ran.
    public mutating func tick(now: UInt64) -> ActionsOutcome {
        guard now >= lastCheck, now - lastCheck >= checkInterval else { return .none }
        lastCheck = now
        return runPeriodicWork(now: now)
    }

    /// Drops timed-out alerts, then sends the reminders that are due.
    public mutating func runPeriodicWork(now: UInt64) -> ActionsOutcome {
        var outcome = ActionsOutcome()
        for rule in alerts.rules {
            guard let entry = alerts[rule] else { continue }
            if entry.lastReceived + UInt64(entry.alert.ttl) * 1000 < now {
                alerts.remove(rule)
                outcome.notes.append(.expired(rule: rule))
                outcome.requests += resolveActions(entry.alert)
            }
        }
        for rule in alerts.rules {
            guard let entry = alerts[rule] else { continue }
            let interval = notificationOverride != 0 ? notificationOverride : NotificationInterval.milliseconds(
                severity: entry.alert.severity, priority: asset(of: entry)?.priorityLevel ?? 0)
            guard interval != 0, entry.lastNotification + interval < now else { continue }
            alerts.update(rule) { $0.lastNotification = now }
            outcome.requests += repeatActions(entry)
        }
        return outcome
    }

    // MARK: Actions (§12.5)

    private func asset(of entry: CachedAlert) -> FtyAsset? {
        entry.relatedAsset.flatMap { assets[$0] }
    }

    /// New or changed alert: every usable action, whatever the state (Q24).
    private func alertActions(_ entry: CachedAlert) -> ActionsOutcome {
        var outcome = ActionsOutcome()
        for text in entry.alert.action {
            switch ActionString(text) {
            case .empty: continue
            case .email: outcome.requests.append(.email(notification(entry, contactKey: "contact_email")))
            case .sms: outcome.requests.append(.sms(notification(entry, contactKey: "contact_sms")))
            case .gpo(let iname, let state):
                outcome.requests.append(.gpo(GPORequest(rule: entry.alert.rule, iname: iname, state: state)))
            case .unusable(let reason):
                outcome.notes.append(.ignoredAction(rule: entry.alert.rule, action: text, reason: reason))
            }
        }
        return outcome
    }

    /// Resolution: only GPOs, set to the opposite state (Q25).
    private func resolveActions(_ alert: FtyAlert) -> [ActionRequest] {
        alert.action.compactMap { text in
            guard case .gpo(let iname, let state) = ActionString(text) else { return nil }
            return .gpo(GPORequest(rule: alert.rule, iname: iname, state: ActionString.resolvedGPOState(state)))
        }
    }

    /// Reminders: e-mail and SMS only, none while paused, ignored or silenced.
    private func repeatActions(_ entry: CachedAlert) -> [ActionRequest] {
        guard !Self.silenced.contains(entry.alert.state) else { return [] }
        return entry.alert.action.compactMap { text in
            switch ActionString(text) {
            case .email: .email(notification(entry, contactKey: "contact_email"))
            case .sms: .sms(notification(entry, contactKey: "contact_sms"))
            default: nil
            }
        }
    }

    /// The e-mail / SMS request for `entry`; an unknown asset reads as empty (Q13).
    private func notification(_ entry: CachedAlert, contactKey: String) -> NotificationRequest {
        let asset = asset(of: entry)
        return NotificationRequest(
            rule: entry.alert.rule, priority: asset?.aux["priority"] ?? "", assetName: asset?.ext["name"] ?? "",
            contact: asset?.ext[contactKey] ?? "", alertFrame: entry.frame)
    }
}
