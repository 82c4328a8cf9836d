import TestSupport
import Testing
import Zproto

/// czmq `zmsg_encode` packing of frames into one frame (wire.md §5.4), and the list readers.
@Suite struct NestedFramesTests {
    @Test func shortFramesTakeOneLengthByte() {
        #expect(NestedFrames.encode([]) == [])
        #expect(NestedFrames.encode([[]]) == [0x00])
        #expect(NestedFrames.encode([Array("ab".utf8), [0x00]]) == [0x02, 0x61, 0x62, 0x01, 0x00])
        let frame254 = [UInt8](repeating: 7, count: 254)
        #expect(NestedFrames.encode([frame254]) == [0xFE] + frame254)
    }

    @Test func framesOf255BytesOrMoreTakeFFAndFourBytes() {
        let frame255 = [UInt8](repeating: 1, count: 255)
        #expect(NestedFrames.encode([frame255]) == [0xFF, 0x00, 0x00, 0x00, 0xFF] + frame255)
        let frame70k = [UInt8](repeating: 2, count: 70_000)
        #expect(Array(NestedFrames.encode([frame70k]).prefix(5)) == [0xFF, 0x00, 0x01, 0x11, 0x70])
    }

    @Test(arguments: [0, 1, 2, 254, 255, 256, 1000])
    func roundTrips(_ size: Int) throws {
        let frames: [[UInt8]] = [[], (0..<size).map { UInt8(truncatingIfNeeded: $0) }, Array("uuid".utf8), []]
        #expect(try NestedFrames.decode(NestedFrames.encode(frames)) == frames)
    }

    @Test func anOverrunRejectsEverything() throws {
        let good = NestedFrames.encode([Array("abc".utf8), [UInt8](repeating: 9, count: 300)])
        for length in 1..<good.count where length != 4 {
            #expect(throws: TruncatedFrame.self) { try NestedFrames.decode(Array(good.prefix(length))) }
        }
        // Cut right after the first frame: a shorter but valid list.
        #expect(try NestedFrames.decode(Array(good.prefix(4))) == [Array("abc".utf8)])
        #expect(throws: TruncatedFrame.self) { try NestedFrames.decode([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00]) }
        #expect(throws: TruncatedFrame.self) { try NestedFrames.decode([0xFF, 0x00, 0x00]) }
    }

    @Test func listReadersLeaveTheReaderInPlaceOnTruncation() throws {
        var reader = ByteReader([0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x01, 0x41, 0x00, 0x00, 0x00])
        #expect(throws: TruncatedFrame.self) { try reader.stringList() }
        #expect(reader.offset == 0)
        #expect(throws: TruncatedFrame.self) { try reader.hashEntries() }
        #expect(reader.offset == 0)

        var good = ByteReader([0x00, 0x00, 0x00, 0x01, 0x01, 0x6B, 0x00, 0x00, 0x00, 0x01, 0x76, 0xEE])
        let entries = try good.hashEntries()
        #expect(entries.count == 1)
        #expect(Array(entries[0].key) == [0x6B])
        #expect(Array(entries[0].value) == [0x76])
        #expect(good.remaining == 1)
    }
}
