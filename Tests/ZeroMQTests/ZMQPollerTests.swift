#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
import ZeroMQ

@Suite struct ZMQPollerTests {
    @Test func pollsPlainFileDescriptorsTogetherWithSockets() throws {
        let endpoint = "inproc://zmq-poller-test-\(UInt64.random(in: 0...UInt64.max))"
        let a = try ZMQSocket(.pair)
        let b = try ZMQSocket(.pair)
        try a.bind(endpoint)
        try b.connect(endpoint)
        var pipeEnds: [Int32] = [0, 0]
        #expect(pipe(&pipeEnds) == 0)
        defer { close(pipeEnds[0]); close(pipeEnds[1]) }

        var ready = try ZMQPoller.poll([a], fileDescriptors: [pipeEnds[0]], timeoutMilliseconds: 10)
        #expect(ready.sockets == [[]] && ready.fileDescriptors == [[]])

        var byte: UInt8 = 1
        #expect(write(pipeEnds[1], &byte, 1) == 1)
        ready = try ZMQPoller.poll([a], fileDescriptors: [pipeEnds[0]], timeoutMilliseconds: 1000)
        #expect(ready.sockets == [[]])
        #expect(ready.fileDescriptors == [.readable])

        try b.send([[42]])
        ready = try ZMQPoller.poll([a], fileDescriptors: [pipeEnds[0]], timeoutMilliseconds: 1000)
        #expect(ready.sockets == [.readable])
        #expect(ready.fileDescriptors == [.readable])
    }
}
