import Foundation
import Testing
import ZeroMQ

@Suite struct ZMQMonitorTests {
    @Test func unbindReportsClosedAndFreesTheAddress() throws {
        let endpoint = "ipc://@/zmq-monitor-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let monitorEndpoint = "inproc://zmq-monitor-test-\(UInt64.random(in: 0...UInt64.max))"
        let router = try ZMQSocket(.router)
        try router.startMonitor(monitorEndpoint, events: [.listening, .closed])
        let monitor = try ZMQSocket(.pair)
        try monitor.connect(monitorEndpoint)
        try router.bind(endpoint)
        let listening = try #require(try monitor.receive().flatMap(ZMQMonitorEvent.init(frames:)))
        #expect(listening.event == .listening)
        #expect(listening.endpoint == endpoint)

        try router.unbind(endpoint)
        let closed = try #require(try monitor.receive().flatMap(ZMQMonitorEvent.init(frames:)))
        #expect(closed.event == .closed)
        let other = try ZMQSocket(.router)
        try other.bind(endpoint)
    }

    @Test func monitorEventRejectsFramesOfTheWrongShape() {
        #expect(ZMQMonitorEvent(frames: [[1, 2, 3]]) == nil)
        #expect(ZMQMonitorEvent(frames: [[1, 2, 3], []]) == nil)
    }
}
