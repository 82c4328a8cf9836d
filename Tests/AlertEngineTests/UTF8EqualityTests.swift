import Testing

@testable import AlertEngine

/// `utf8eq` (engine.md §3.6).
@Suite struct UTF8EqualityTests {
    @Test(arguments: [
        ("simplethreshold2", "SIMPLETHRESHOLD2", true),
        ("abc@Fff", "ABC@fff", true),
        ("realpower.default@Žluťoučký Kůň", "realpower.default@Žluťoučký Kůň", true),
        ("REALPOWER.default@Žluťoučký Kůň", "realpower.default@Žluťoučký Kůň", true),
        ("realpower.default@žluťoučký kůň", "realpower.default@Žluťoučký Kůň", false),
        ("Ž", "ž", false),
        ("\u{C1}", "A\u{301}", false),  // one code point vs A + combining accent
        ("abc", "abcd", false),
        ("", "", true),
        ("a-b", "a_b", false),
        ("[", "{", false),  // lower-casing only touches A…Z
    ])
    func comparesNamesPerSpec(_ lhs: String, _ rhs: String, _ equal: Bool) {
        #expect(utf8eq(lhs, rhs) == equal)
        #expect(utf8eq(rhs, lhs) == equal)
    }

    @Test(arguments: [
        [0x80, 0x41] as [UInt8],  // lone continuation byte
        [0xC3, 0x41],  // bad continuation
        [0xC0, 0x80],  // overlong lead
        [0xFF, 0xFF],
        [0x41, 0xE2, 0x82],  // truncated sequence
    ])
    func invalidUTF8IsNeverEqual(_ bytes: [UInt8]) {
        #expect(!utf8eq(bytes: bytes, bytes))
    }

    @Test func validBytesCompareLikeStrings() {
        #expect(utf8eq(bytes: Array("Kůň".utf8), Array("KŮŇ".utf8)) == false)
        #expect(utf8eq(bytes: Array("Kůň".utf8), Array("kůň".utf8)))
    }
}
