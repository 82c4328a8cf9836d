import FtyProto
import Testing

/// `FtyHash`: zhash semantics (unique keys, first insert wins), order kept, `atol` numbers.
@Suite struct FtyHashTests {
    @Test func keepsInsertionOrderAndFirstValueOfARepeatedKey() {
        let hash = FtyHash([(key: "b", value: "1"), (key: "a", value: "2"), (key: "b", value: "3")])
        #expect(hash.keys == ["b", "a"])
        #expect(hash["b"] == "1")
        let literal: FtyHash = ["x": "1", "y": "2", "x": "3"]
        #expect(literal.keys == ["x", "y"])
        #expect(literal["x"] == "1")
    }

    @Test func firstValueWinsInLargeInputsToo() {
        let pairs = (0..<100).map { (key: "k\($0 % 40)", value: "v\($0)") }
        let hash = FtyHash(pairs)
        #expect(hash.count == 40)
        #expect(hash.keys == (0..<40).map { "k\($0)" })
        #expect(hash["k5"] == "v5")
    }

    @Test func insertDoesNotReplace() {
        var hash: FtyHash = ["a": "1"]
        let replacedExisting = hash.insert("2", forKey: "a")
        let addedNew = hash.insert("3", forKey: "b")
        #expect(!replacedExisting)
        #expect(addedNew)
        #expect(hash.entries.map(\.value) == ["1", "3"])
    }

    @Test func subscriptReplacesInPlaceAppendsAndRemoves() {
        var hash: FtyHash = ["a": "1", "b": "2", "c": "3"]
        hash["a"] = "9"
        hash["d"] = "4"
        hash["b"] = nil
        hash["zz"] = nil
        #expect(hash.keys == ["a", "c", "d"])
        #expect(hash["a"] == "9")
        #expect(hash["b"] == nil)
        #expect(hash.count == 3)
        #expect(!hash.isEmpty)
        #expect(FtyHash().isEmpty)
    }

    @Test func equalityIgnoresOrder() {
        let one: FtyHash = ["a": "1", "b": "2"]
        #expect(one == ["b": "2", "a": "1"])
        #expect(one != ["a": "1", "b": "3"])
        #expect(one != ["a": "1"])
        #expect(one != ["a": "1", "c": "2"])
    }

    @Test(arguments: [
        ("42", 42), ("  \t\n42", 42), ("+7", 7), ("-15", -15), ("12abc", 12), ("P1", 0), ("", 0), ("abc", 0),
        ("- 5", 0), ("1.9", 1), ("0x10", 0), ("007", 7), ("9223372036854775807", Int.max),
        ("9223372036854775808", Int.max), ("-9223372036854775808", Int.min), ("-99999999999999999999", Int.min),
        ("\u{0B}\u{0C}\r3", 3),
    ])
    func integerReadsLikeAtol(_ text: String, _ expected: Int) {
        let hash: FtyHash = ["priority": text]
        #expect(hash.integer(forKey: "priority", default: 99) == expected)
    }

    @Test func integerDefaultOnlyForAnAbsentKey() {
        let hash: FtyHash = ["priority": "x"]
        #expect(hash.integer(forKey: "priority", default: 5) == 0)
        #expect(hash.integer(forKey: "missing", default: 5) == 5)
    }
}
