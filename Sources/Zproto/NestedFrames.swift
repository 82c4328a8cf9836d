/// Packs a list of frames into one frame and back, as czmq `zmsg_encode` / `zmsg_decode` do.
///
/// wire.md §5.4: each frame is written as one length byte and its bytes when it is shorter than
/// 255 bytes, otherwise as `FF`, a 4-byte big-endian length and its bytes. There is no count and
/// no terminator, so an empty list encodes to an empty buffer.
public enum NestedFrames {
    /// Packs `frames` into one buffer.
    public static func encode(_ frames: [[UInt8]]) -> [UInt8] {
        var size = 0
        for frame in frames { size += (frame.count < 0xFF ? 1 : 5) + frame.count }
        var writer = ByteWriter(capacity: size)
        for frame in frames {
            if frame.count < 0xFF {
                writer.number1(UInt8(frame.count))
            } else {
                writer.number1(0xFF)
                writer.number4(UInt32(truncatingIfNeeded: frame.count))
            }
            writer.raw(frame)
        }
        return writer.bytes
    }

    /// Unpacks a buffer written by ``encode(_:)``; a length that runs past the end rejects it all.
    ///
    /// czmq's `zmsg_decode` returns NULL on any overrun, so a partial list is never returned.
    public static func decode(_ buffer: [UInt8]) throws(TruncatedFrame) -> [[UInt8]] {
        var reader = ByteReader(buffer)
        var frames: [[UInt8]] = []
        while reader.remaining > 0 {
            let marker = try reader.number1()
            let length = marker == 0xFF ? Int(try reader.number4()) : Int(marker)
            frames.append(Array(try reader.raw(length)))
        }
        return frames
    }
}
