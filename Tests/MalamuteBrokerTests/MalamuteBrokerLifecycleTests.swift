import MalamuteBroker
import MalamuteProtocol
import TestSupport
import Testing

/// Starting, binding and stopping the broker.
@Suite struct MalamuteBrokerLifecycleTests {
    @Test func wildcardTCPPortIsReportedInBoundEndpoints() throws {
        let broker = try MalamuteBroker(configuration: BrokerConfiguration(endpoints: ["tcp://127.0.0.1:*"]))
        let endpoint = try #require(broker.boundEndpoints.first)
        #expect(endpoint.hasPrefix("tcp://127.0.0.1:"))
        #expect(!endpoint.hasSuffix(":*"))
        let peer = try RawPeer(endpoint)
        #expect(try peer.open("tcp-client") == .success)
    }

    @Test func bindsEveryConfiguredEndpoint() throws {
        let endpoints = [uniqueEndpoint("one"), uniqueEndpoint("two")]
        let broker = try MalamuteBroker(configuration: BrokerConfiguration(endpoints: endpoints))
        #expect(broker.boundEndpoints == endpoints)
        for endpoint in endpoints {
            #expect(try RawPeer(endpoint).open("x-\(endpoint.suffix(6))") == .success)
        }
    }

    @Test func bindFailureNamesTheEndpoint() throws {
        let endpoint = uniqueEndpoint("busy")
        let first = try MalamuteBroker(configuration: BrokerConfiguration(endpoints: [endpoint]))
        #expect {
            _ = try MalamuteBroker(configuration: BrokerConfiguration(endpoints: [endpoint]))
        } throws: { error in
            guard case .bindFailed(let failed, _) = error as? MalamuteBrokerError else { return false }
            return failed == endpoint
        }
        first.stop()
    }

    @Test func emptyEndpointListIsRefused() {
        #expect(throws: MalamuteBrokerError.self) {
            _ = try MalamuteBroker(configuration: BrokerConfiguration(endpoints: []))
        }
    }

    @Test func stopIsIdempotentAndReleasesTheEndpoint() throws {
        let endpoint = uniqueEndpoint("restart")
        let broker = try MalamuteBroker(configuration: BrokerConfiguration(endpoints: [endpoint]))
        #expect(try RawPeer(endpoint).open("before") == .success)
        broker.stop()
        broker.stop()
        let again = try MalamuteBroker(configuration: BrokerConfiguration(endpoints: [endpoint]))
        // A restarted broker knows no session: the old peer would get ERROR 500 to a PING.
        #expect(try RawPeer(endpoint).open("after") == .success)
        again.stop()
    }

    @Test func anInprocEndpointServesClientsInTheProcessAndStopsAtOnce() throws {
        let endpoint = "inproc://broker-lifecycle-\(UInt64.random(in: 0...UInt64.max))"
        let broker = try MalamuteBroker(configuration: BrokerConfiguration(endpoints: [uniqueEndpoint("ipc"), endpoint]))
        #expect(try RawPeer(endpoint).open("inproc-client") == .success)
        let start = ContinuousClock.now
        broker.stop()
        // No CLOSED event comes for an inproc endpoint; stop must not wait for one.
        #expect(ContinuousClock.now - start < .milliseconds(500))
    }
}
