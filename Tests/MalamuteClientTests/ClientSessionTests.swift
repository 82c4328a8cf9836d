import MalamuteProtocol
import Testing

@testable import MalamuteClient

/// Transition tests of the client state machine (wire.md §3.2 with the §6.2 improvements), no sockets.
@Suite struct ClientSessionTests {
    // MARK: start

    @Test func connectSendsOpenAndArmsTheConnectTimeout() {
        var session = ClientSession(address: clientName, timing: testTiming)
        let actions = session.handle(.connect, now: at(0))
        #expect(actions == [.send(open)])
        #expect(session.state == .connecting)
        #expect(session.pending == .connect)
        #expect(session.nextDeadline == at(5000))
    }

    @Test func commandsBeforeConnectFailWithoutSending() {
        var session = ClientSession(address: clientName, timing: testTiming)
        let actions = session.handle(.command(metricsConsumer), now: at(0))
        #expect(actions == [.callFailed(.notConnected(.command(metricsConsumer), state: .start))])
        #expect(session.state == .start)
        #expect(session.replay.commands.isEmpty)
    }

    @Test func brokerTrafficIsIgnoredBeforeConnect() {
        var session = ClientSession(address: clientName, timing: testTiming)
        for message in [ok, error500, .connectionPong, delivery("x@y")] {
            #expect(session.handle(.received(message), now: at(0)).isEmpty)
        }
        #expect(session.handle(.tick, now: at(10_000)).isEmpty)
        #expect(session.state == .start)
        #expect(session.nextDeadline == nil)
    }

    @Test func closeBeforeConnectSendsNothing() {
        var session = ClientSession(address: clientName, timing: testTiming)
        #expect(session.handle(.close, now: at(0)) == [.callSucceeded])
        #expect(session.state == .closed)
    }

    // MARK: connecting

    @Test func okCompletesConnectAndStartsTheHeartbeat() {
        var session = ClientSession(address: clientName, timing: testTiming)
        _ = session.handle(.connect, now: at(0))
        #expect(session.handle(.received(ok), now: at(10)) == [.callSucceeded])
        #expect(session.state == .connected)
        #expect(session.isConnected)
        #expect(session.pending == nil)
        #expect(session.nextDeadline == at(1010))
    }

    @Test func connectTimesOutBackToStartAndCanBeRetried() {
        var session = ClientSession(address: clientName, timing: testTiming)
        _ = session.handle(.connect, now: at(0))
        #expect(session.handle(.tick, now: at(4999)).isEmpty)
        #expect(session.handle(.tick, now: at(5000)) == [.callFailed(.timedOut(.connect, after: .seconds(5)))])
        #expect(session.state == .start)
        #expect(session.nextDeadline == nil)
        // No PING was ever sent: the heartbeat starts only with the first OK (§3.1).
        #expect(session.handle(.connect, now: at(6000)) == [.send(open)])
    }

    @Test func error500WhileConnectingResendsOpenWithinTheSameDeadline() {
        var session = ClientSession(address: clientName, timing: testTiming)
        _ = session.handle(.connect, now: at(0))
        #expect(session.handle(.received(error500), now: at(5)) == [.send(open)])
        #expect(session.state == .connecting)
        #expect(session.nextDeadline == at(5000))
        #expect(session.handle(.received(ok), now: at(6)) == [.callSucceeded])
    }

    @Test func otherErrorWhileConnectingFailsConnect() {
        var session = ClientSession(address: clientName, timing: testTiming)
        _ = session.handle(.connect, now: at(0))
        let actions = session.handle(.received(.error(code: 502, reason: bytes("boom"))), now: at(5))
        #expect(actions == [.callFailed(.rejected(.connect, code: 502, reason: "boom"))])
        #expect(session.state == .start)
    }

    @Test func connectOnAConnectedSessionSucceedsWithoutSending() {
        var session = connectedSession()
        #expect(session.handle(.connect, now: at(20)) == [.callSucceeded])
    }

    // MARK: heartbeat and expiry

    @Test func pingsEveryHeartbeatRegardlessOfTraffic() {
        var session = connectedSession()
        #expect(session.handle(.tick, now: at(1009)).isEmpty)
        #expect(session.handle(.tick, now: at(1010)) == [.send(.connectionPing)])
        #expect(session.nextDeadline == at(2010))
        _ = session.handle(.received(delivery("a@b")), now: at(1500))
        #expect(session.handle(.tick, now: at(2010)) == [.send(.connectionPing)])
    }

    @Test func anyBrokerMessageRestartsTheExpiry() {
        var session = connectedSession()
        for time in [1010, 2010, 3010] { _ = session.handle(.tick, now: at(time)) }
        _ = session.handle(.received(.connectionPong), now: at(3500))
        let actions = session.handle(.tick, now: at(4010))
        #expect(actions == [.send(.connectionPing)])
        #expect(session.state == .connected)
    }

    @Test func silenceForFourHeartbeatsDisconnectsButPingingGoesOn() {
        var session = connectedSession()
        for time in [1010, 2010, 3010] {
            #expect(session.handle(.tick, now: at(time)) == [.send(.connectionPing)])
        }
        let actions = session.handle(.tick, now: at(4010))
        #expect(actions.withoutLogs == [.send(.connectionPing)])
        #expect(actions.logs(.warning).count == 1)
        #expect(session.state == .disconnected)
        #expect(!session.isConnected)
        #expect(session.handle(.tick, now: at(5010)) == [.send(.connectionPing)])
    }

    @Test func pongBringsADisconnectedSessionBack() {
        var session = connectedSession()
        _ = session.handle(.tick, now: at(4010))
        #expect(session.state == .disconnected)
        #expect(session.handle(.received(.connectionPong), now: at(4100)).withoutLogs.isEmpty)
        #expect(session.state == .connected)
        // The expiry is re-armed from that PONG.
        _ = session.handle(.tick, now: at(8099))
        #expect(session.state == .connected)
        _ = session.handle(.tick, now: at(8100))
        #expect(session.state == .disconnected)
    }

    @Test func deliveriesWhileDisconnectedArePassedOnAndReconnect() {
        var session = connectedSession()
        _ = session.handle(.tick, now: at(4010))
        let actions = session.handle(.received(delivery("a@b")), now: at(4100))
        #expect(actions.withoutLogs == [.deliver(MalamuteDelivery(delivery("a@b"))!)])
        #expect(session.state == .connected)
    }

    @Test func commandsWhileDisconnectedFail() {
        var session = connectedSession()
        _ = session.handle(.tick, now: at(4010))
        let actions = session.handle(.command(metricsConsumer), now: at(4100))
        #expect(actions == [.callFailed(.notConnected(.command(metricsConsumer), state: .disconnected))])
        #expect(session.replay.commands.isEmpty)
    }

    @Test func deadlinesNeverStayInThePast() {
        // The shell polls until `nextDeadline`; a deadline left in the past would make it spin.
        var session = connectedSession()
        let script: [(Int, ClientEvent)] = [
            (20, .command(metricsConsumer)), (4010, .tick), (4500, .received(.error(code: 300, reason: []))),
            (9000, .tick), (9100, .received(error500)), (14_100, .tick), (14_200, .received(.connectionPong)),
            (18_300, .tick), (18_400, .received(error500)), (18_500, .received(ok)), (30_000, .tick),
        ]
        for (time, event) in script {
            _ = session.handle(event, now: at(time))
            if case .tick = event, let next = session.nextDeadline {
                #expect(next > at(time), "after tick at \(time) in \(session.state)")
            }
        }
    }

    // MARK: commands

    @Test func commandSendsItsMessageAndCompletesOnOK() {
        var session = connectedSession()
        #expect(session.handle(.command(metricsConsumer), now: at(20)) == [.send(metricsConsumer.message)])
        #expect(session.state == .confirming)
        #expect(session.pending == .command(metricsConsumer))
        #expect(session.nextDeadline == at(1010))  // the ping comes before the 5 s call deadline
        #expect(session.handle(.received(.connectionPong), now: at(21)).isEmpty)
        #expect(session.handle(.received(delivery("a@b")), now: at(22)) == [.deliver(MalamuteDelivery(delivery("a@b"))!)])
        #expect(session.handle(.received(ok), now: at(23)) == [.callSucceeded])
        #expect(session.state == .connected)
        #expect(session.replay.commands == [metricsConsumer])
    }

    @Test func eachCommandMessageIsTheWireOne() {
        #expect(alertsProducer.message == .streamWrite(stream: bytes("_ALERTS_SYS")))
        #expect(metricsConsumer.message == .streamRead(stream: bytes("METRICS"), pattern: bytes(".*")))
        #expect(ClientCommand.removeConsumer(stream: bytes("A")).message == .streamCancel(stream: bytes("A")))
        #expect(
            ClientCommand.setWorker(service: bytes("S"), pattern: bytes("p")).message
                == .serviceOffer(address: bytes("S"), pattern: bytes("p")))
    }

    @Test
    func invalidPatternIsRefusedLocally() {
        var session = connectedSession()
        let bad = ClientCommand.setConsumer(stream: bytes("METRICS"), pattern: bytes("a("))
        #expect(session.handle(.command(bad), now: at(20)) == [.callFailed(.invalidPattern("a("))])
        #expect(session.state == .connected)
        #expect(session.replay.commands.isEmpty)
        let badWorker = ClientCommand.setWorker(service: bytes("S"), pattern: bytes("[x"))
        #expect(session.handle(.command(badWorker), now: at(21)) == [.callFailed(.invalidPattern("[x"))])
    }

    @Test func commandWithoutAnswerTimesOutAndItsLateOKIsIgnored() {
        var session = connectedSession()
        _ = session.handle(.command(metricsConsumer), now: at(20))
        _ = session.handle(.received(.connectionPong), now: at(3000))  // keeps the expiry away
        _ = session.handle(.received(.connectionPong), now: at(4900))
        let actions = session.handle(.tick, now: at(5020))
        #expect(actions.contains(.callFailed(.timedOut(.command(metricsConsumer), after: .seconds(5)))))
        #expect(session.state == .connected)
        #expect(session.handle(.received(ok), now: at(5100)).isEmpty)
        // The next call is answered by its own OK, not by the late one.
        _ = session.handle(.command(alertsProducer), now: at(5200))
        #expect(session.handle(.received(ok), now: at(5201)) == [.callSucceeded])
    }

    @Test func expiryWhileConfirmingFailsTheCall() {
        var session = connectedSession()
        _ = session.handle(.command(metricsConsumer), now: at(20))
        let actions = session.handle(.tick, now: at(4010))
        #expect(actions.contains(.callFailed(.connectionLost(.command(metricsConsumer)))))
        #expect(session.state == .disconnected)
        #expect(session.pending == nil)
    }

    @Test func error300FailsTheCallButTheClientCarriesOn() {
        var session = connectedSession()
        _ = session.handle(.command(alertsProducer), now: at(20))
        let actions = session.handle(.received(error300), now: at(21))
        #expect(actions.withoutLogs == [.callFailed(.rejected(.command(alertsProducer), code: 300, reason: ""))])
        #expect(actions.logs(.warning).count == 1)
        #expect(session.state == .connected)
        _ = session.handle(.command(metricsConsumer), now: at(30))
        #expect(session.handle(.received(ok), now: at(31)) == [.callSucceeded])
    }

    @Test func errorsOtherThan500WhileConnectedAreLoggedOnly() {
        var session = connectedSession()
        for code: UInt16 in [300, 501, 502] {
            let actions = session.handle(.received(.error(code: code, reason: [])), now: at(20))
            #expect(actions.withoutLogs.isEmpty)
            #expect(actions.logs(.warning).count == 1)
            #expect(session.state == .connected)
        }
    }

    @Test func aSecondCallWhileOneIsPendingIsRefused() {
        var session = connectedSession()
        _ = session.handle(.command(metricsConsumer), now: at(20))
        let actions = session.handle(.command(alertsProducer), now: at(21))
        #expect(actions == [.callFailed(.callInProgress(.command(metricsConsumer)))])
        #expect(session.handle(.connect, now: at(22)) == [.callFailed(.callInProgress(.command(metricsConsumer)))])
        #expect(session.pending == .command(metricsConsumer))
    }

    @Test func unexpectedBrokerMessagesAreLoggedAndIgnored() {
        var session = connectedSession()
        let strays: [MLMMessage] = [
            .connectionPing, .credit(amount: 3), .confirm(tracker: [], code: 200, reason: []),
            .connectionOpen(address: []), .streamSend(subject: [], content: []),
        ]
        for message in strays {
            let actions = session.handle(.received(message), now: at(20))
            #expect(actions.withoutLogs.isEmpty)
            #expect(actions.logs(.warning).count == 1)
        }
        #expect(session.state == .connected)
    }

    // MARK: recovery (wire.md §3.3, §3.4)

    @Test func error500ReopensAndReplaysTheNetState() {
        var session = connectedSession()
        run(alertsProducer, on: &session, at: 20)
        run(metricsConsumer, on: &session, at: 30)
        run(.setConsumer(stream: bytes("ASSETS"), pattern: bytes(".*")), on: &session, at: 40)
        run(.setConsumer(stream: bytes("METRICS"), pattern: bytes("^status")), on: &session, at: 50)
        run(.removeConsumer(stream: bytes("ASSETS")), on: &session, at: 60)
        run(.setWorker(service: bytes("svc"), pattern: bytes(".*")), on: &session, at: 70)
        run(.setProducer(stream: bytes("ALERTS")), on: &session, at: 80)

        let reopen = session.handle(.received(error500), now: at(100))
        #expect(reopen.withoutLogs == [.send(open)])
        #expect(session.state == .reconnecting)
        #expect(session.holdsSends)
        // ERRORs to other traffic queued before the re-open are ignored, PONGs too.
        #expect(session.handle(.received(error500), now: at(101)).isEmpty)
        #expect(session.handle(.received(.connectionPong), now: at(102)).isEmpty)

        let replay = session.handle(.received(ok), now: at(110))
        #expect(
            replay.sent == [
                .streamWrite(stream: bytes("ALERTS")),
                .streamRead(stream: bytes("METRICS"), pattern: bytes(".*")),
                .streamRead(stream: bytes("METRICS"), pattern: bytes("^status")),
                .serviceOffer(address: bytes("svc"), pattern: bytes(".*")),
            ])
        // Held sends go out only after the replayed STREAM_WRITE.
        #expect(replay.last == .releaseHeldSends)
        #expect(session.state == .connected)
        #expect(!session.holdsSends)
        for time in 111...114 { #expect(session.handle(.received(ok), now: at(time)).isEmpty) }
        #expect(session.state == .connected)
    }

    @Test func aCallInterruptedByError500CompletesAfterTheReplay() {
        var session = connectedSession()
        run(alertsProducer, on: &session, at: 20)
        _ = session.handle(.command(metricsConsumer), now: at(30))
        #expect(session.handle(.received(error500), now: at(31)).sent == [open])
        #expect(session.pending == .command(metricsConsumer))
        let replay = session.handle(.received(ok), now: at(32))
        #expect(replay.sent == [alertsProducer.message, metricsConsumer.message])
        #expect(!replay.contains(.callSucceeded))
        #expect(session.state == .confirming)
        #expect(session.handle(.received(ok), now: at(33)).isEmpty)
        #expect(session.handle(.received(ok), now: at(34)) == [.callSucceeded])
        #expect(session.state == .connected)
    }

    @Test func anInterruptedRemoveConsumerSucceedsOnceReopened() {
        var session = connectedSession()
        run(metricsConsumer, on: &session, at: 20)
        let cancel = ClientCommand.removeConsumer(stream: bytes("METRICS"))
        _ = session.handle(.command(cancel), now: at(30))
        _ = session.handle(.received(error500), now: at(31))
        let replay = session.handle(.received(ok), now: at(32))
        #expect(replay.sent.isEmpty)
        #expect(replay.contains(.callSucceeded))
        #expect(session.state == .connected)
    }

    @Test func deliveriesWhileReconnectingArePassedOn() {
        var session = connectedSession()
        _ = session.handle(.received(error500), now: at(20))
        let message = MLMMessage.mailboxDeliver(
            sender: bytes("peer"), address: clientName, subject: bytes("s"), tracker: bytes("t"), content: [])
        #expect(session.handle(.received(message), now: at(21)) == [.deliver(MalamuteDelivery(message)!)])
    }

    @Test func reopenWithoutAnswerFallsBackToDisconnectedAndTriesAgain() {
        var session = connectedSession()
        _ = session.handle(.received(error500), now: at(100))
        for time in stride(from: 1010, through: 5010, by: 1000) {
            let actions = session.handle(.tick, now: at(time))
            #expect(actions.withoutLogs == [.send(.connectionPing)])  // pings go on while reconnecting
        }
        #expect(session.state == .reconnecting)
        let expired = session.handle(.tick, now: at(5100))
        #expect(expired.withoutLogs == [.releaseHeldSends])
        #expect(session.state == .disconnected)
        #expect(!session.holdsSends)
        // The next ping's ERROR 500 starts another re-open.
        #expect(session.handle(.received(error500), now: at(6020)).sent == [open])
        #expect(session.state == .reconnecting)
    }

    @Test func error500WhileDisconnectedReopens() {
        var session = connectedSession()
        _ = session.handle(.tick, now: at(4010))
        #expect(session.handle(.received(error500), now: at(5010)).sent == [open])
        _ = session.handle(.received(ok), now: at(5020))
        #expect(session.state == .connected)
    }

    @Test func pendingCallTimesOutWhileReconnecting() {
        var session = connectedSession()
        _ = session.handle(.command(metricsConsumer), now: at(20))
        _ = session.handle(.received(error500), now: at(21))
        _ = session.handle(.received(.connectionPong), now: at(4000))
        let actions = session.handle(.tick, now: at(5020))
        #expect(actions.contains(.callFailed(.timedOut(.command(metricsConsumer), after: .seconds(5)))))
        #expect(session.pending == nil)
        // The re-open itself is still under way; its OK replays the consumer that was asked for.
        let replay = session.handle(.received(ok), now: at(5030))
        #expect(replay.sent == [metricsConsumer.message])
        #expect(!replay.contains(.callSucceeded))
    }

    // MARK: close

    @Test func closeSendsCloseAndWaitsForOK() {
        var session = connectedSession()
        #expect(session.handle(.close, now: at(20)) == [.send(.connectionClose)])
        #expect(session.state == .terminating)
        #expect(session.handle(.received(delivery("late")), now: at(21)).isEmpty)  // dropped while closing
        #expect(session.handle(.received(ok), now: at(22)) == [.callSucceeded])
        #expect(session.state == .closed)
        #expect(session.nextDeadline == nil)
    }

    @Test func closeWithoutAnswerFinishesAfterTheCloseTimeout() {
        var session = connectedSession()
        _ = session.handle(.close, now: at(20))
        #expect(session.handle(.tick, now: at(1019)).withoutLogs == [.send(.connectionPing)])
        #expect(session.handle(.tick, now: at(1020)).withoutLogs == [.callSucceeded])
        #expect(session.state == .closed)
    }

    @Test func closeWhileDisconnectedDoesNotWait() {
        var session = connectedSession()
        _ = session.handle(.tick, now: at(4010))
        #expect(session.handle(.close, now: at(4020)) == [.send(.connectionClose), .callSucceeded])
        #expect(session.state == .closed)
    }

    @Test func everythingFailsOrIsIgnoredOnceClosed() {
        var session = connectedSession()
        _ = session.handle(.close, now: at(20))
        _ = session.handle(.received(ok), now: at(21))
        #expect(session.handle(.connect, now: at(30)) == [.callFailed(.closed)])
        #expect(session.handle(.command(metricsConsumer), now: at(30)) == [.callFailed(.closed)])
        #expect(session.handle(.close, now: at(30)) == [.callSucceeded])
        #expect(session.handle(.received(error500), now: at(30)).isEmpty)
        #expect(session.handle(.tick, now: at(100_000)).isEmpty)
    }
}
