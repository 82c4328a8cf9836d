@testable import FtyProto
import Testing
import TestSupport

/// The czmq zhash model of wire.md §4.7 that decides the encoded order of hash entries.
@Suite struct ZhashOrderTests {
    @Test(arguments: [
        ("name", 5), ("parent_name.2", 7), ("create_ts", 9), ("parent_name.1", 10), ("logical_asset", 17),
        ("sname", 24), ("parent", 95), ("status", 127), ("serial_no", 135), ("update_ts", 139), ("port", 152),
        ("time", 159), ("rule_class", 171), ("contact_email", 181), ("type", 193), ("element-dest", 199),
        ("model", 202), ("subtype", 203), ("contact_sms", 208), ("priority", 211), ("ip.1", 213),
        ("contact_phone", 226), ("uuid", 234), ("ctime", 245), ("manufacturer", 250),
    ])
    func bucketsOfCommonKeysMatchTheSpec(_ key: String, _ bucket: UInt32) {
        #expect(ZhashOrder.hash(key) % 255 == bucket)
    }

    @Test func bytesAbove0x7FAreSignExtended() {
        // "é" is C3 A9: as signed chars -61 and -87.
        let signed = (33 &* UInt32(bitPattern: -61)) ^ UInt32(bitPattern: -87)
        #expect(ZhashOrder.hash("é") == signed)
    }

    @Test func hashStopsAtNULLikeACString() {
        #expect(ZhashOrder.hash("ab\u{0}cd") == ZhashOrder.hash("ab"))
    }

    @Test func collidingKeysComeOutNewestFirstOrInInsertionOrder() {
        // key08, key81 and k111 share a bucket (vectors: "aux with 20 keys incl. bucket collisions").
        let keys = ["key08", "key81", "k111"]
        #expect(Set(keys.map { ZhashOrder.hash($0) % 255 }).count == 1)
        #expect(ZhashOrder.encodingOrder(of: keys, .setters) == [2, 1, 0])
        #expect(ZhashOrder.encodingOrder(of: keys, .convenienceEncoder) == [0, 1, 2])
    }

    @Test(arguments: [["key08", "key81"], ["key81", "key08"], ["time", "name"], ["name", "time"], ["port", "sname"]])
    func twoKeysFollowTheGeneralModel(_ keys: [String]) {
        let hashes = keys.map(ZhashOrder.hash)
        for path in [FtyHashOrder.setters, .convenienceEncoder] {
            #expect(ZhashOrder.encodingOrder(of: keys, path) == ZhashOrder.simulatedEncodingOrder(hashes, path))
        }
    }

    @Test func closedFormMatchesTheSimulationWhileNoTableGrows() {
        var generator = SplitMix64(seed: 0x5EED)
        for _ in 0..<50 {
            let count = Int.random(in: 2...191, using: &generator)
            // Few distinct hash values, so that buckets collide a lot.
            let hashes = (0..<count).map { _ in UInt32.random(in: 0...600, using: &generator) }
            #expect(ZhashOrder.orderWithoutGrowth(hashes, newestFirst: true) == ZhashOrder.simulatedEncodingOrder(hashes, .setters))
            #expect(
                ZhashOrder.orderWithoutGrowth(hashes, newestFirst: false)
                    == ZhashOrder.simulatedEncodingOrder(hashes, .convenienceEncoder))
        }
    }

    @Test func growthAtThe192ndInsertRehashesModulo510() {
        let hashes = (0..<192).map { ZhashOrder.hash("attr.\($0)") }
        let first191 = Array(hashes.prefix(191))
        #expect(ZhashOrder.simulatedOrder(first191) == ZhashOrder.orderWithoutGrowth(first191, newestFirst: true))
        let grown = ZhashOrder.simulatedOrder(hashes)
        #expect(grown != ZhashOrder.orderWithoutGrowth(hashes, newestFirst: true))
        let buckets = grown.map { hashes[$0] % 510 }
        #expect(buckets == buckets.sorted())
    }

    @Test func everyKeyIsWrittenExactlyOnce() {
        let keys = (0..<500).map { "k\($0)" }
        for path in [FtyHashOrder.setters, .convenienceEncoder] {
            #expect(ZhashOrder.encodingOrder(of: keys, path).sorted() == Array(0..<500))
        }
    }
}
