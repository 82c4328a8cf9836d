import Testing
@testable import AlertEngine

@Suite struct MetricCacheTests {
    static func metric(_ value: Double, at time: UInt64 = 100, ttl: UInt32 = 10) -> CachedMetric {
        CachedMetric(value: value, unit: "W", timestamp: time, ttl: ttl)
    }

    @Test func arrivalReplacesTheEntry() {
        var cache = MetricCache()
        cache.store(Self.metric(1), topic: "realpower.default@rack-1")
        cache.store(Self.metric(2, at: 105), topic: "realpower.default@rack-1")
        #expect(cache.count == 1)
        #expect(cache["realpower.default@rack-1"] == Self.metric(2, at: 105))
        #expect(cache.value(of: "realpower.default@rack-1") == 2)
    }

    /// A handle remembers a slot; once the purge frees it and another topic takes it, the handle
    /// must not read the other topic's value.
    @Test func handlesFollowThePurgeAndSlotReuse() {
        var cache = MetricCache()
        let a = ByteKey("a@x")
        cache.store(Self.metric(1, at: 100, ttl: 10), key: a)
        var handle: MetricCache.Handle?
        #expect(cache.value(of: a, handle: &handle) == 1)
        #expect(handle != nil)
        cache.store(Self.metric(2, at: 105, ttl: 10), key: a)
        #expect(cache.value(of: a, handle: &handle) == 2)
        #expect(cache.purge(now: 120) == ["a@x"])
        cache.store(Self.metric(3, at: 120, ttl: 10), topic: "b@x")  // reuses the freed slot
        #expect(cache.value(of: a, handle: &handle) == nil)
        #expect(cache.value(of: "b@x") == 3)
        cache.store(Self.metric(4, at: 121, ttl: 10), key: a)
        #expect(cache.value(of: a, handle: &handle) == 4)
        #expect(cache.values(ofKeys: [a, ByteKey("b@x")]) == [4, 3])
        #expect(cache.count == 2)
    }

    @Test func purgeDropsOnlyEntriesOlderThanTheirTTL() {
        var cache = MetricCache()
        cache.store(Self.metric(1, at: 100, ttl: 10), topic: "a@x")
        cache.store(Self.metric(2, at: 100, ttl: 11), topic: "b@x")
        cache.store(Self.metric(3, at: 200, ttl: 0), topic: "future@x")
        #expect(cache.purge(now: 110).isEmpty)  // age 10 == ttl 10: kept
        #expect(cache.purge(now: 111) == ["a@x"])  // age 11 > 10
        #expect(cache.purge(now: 112) == ["b@x"])
        #expect(cache.purge(now: 200).isEmpty)  // ttl 0, age 0: kept
        #expect(cache.purge(now: 201) == ["future@x"])
        #expect(cache.count == 0)
    }

    @Test func futureTimestampIsNotPurged() {
        var cache = MetricCache()
        cache.store(Self.metric(1, at: 1_000, ttl: 5), topic: "a@x")
        #expect(cache.purge(now: 10).isEmpty)
        #expect(cache.value(of: "a@x") == 1)
    }

    @Test func missingOrNaNValueIsNothing() {
        var cache = MetricCache()
        cache.store(Self.metric(.nan), topic: "nan@x")
        cache.store(Self.metric(.infinity), topic: "inf@x")
        #expect(cache.value(of: "never@x") == nil)
        #expect(cache.value(of: "nan@x") == nil)
        #expect(cache["nan@x"] != nil)
        #expect(cache.value(of: "inf@x") == .infinity)
    }

    @Test func multiTargetLookupNeedsEveryValueInOrder() {
        var cache = MetricCache()
        cache.store(Self.metric(1), topic: "abc@sss1")
        cache.store(Self.metric(2), topic: "abc@sss2")
        cache.store(Self.metric(.nan), topic: "abc@sss3")
        #expect(cache.values(of: ["abc@sss2", "abc@sss1", "abc@sss2"]) == [2, 1, 2])
        #expect(cache.values(of: ["abc@sss1", "abc@missing"]) == nil)
        #expect(cache.values(of: ["abc@sss1", "abc@sss3"]) == nil)
        #expect(cache.values(of: []) == [])
    }

    @Test func topicsCompareByBytes() {
        var cache = MetricCache()
        cache.store(Self.metric(1), topic: "t@caf\u{E9}")
        #expect(cache.value(of: "t@cafe\u{301}") == nil)
        #expect(cache.value(of: "t@caf\u{E9}") == 1)
    }

    @Test(arguments: [
        ("1234", UInt64(1234)), (nil, 500), ("abc", 500), ("-5", 500), (" 12", 500), ("", 500), ("12x", 500),
        ("18446744073709551615", UInt64.max), ("18446744073709551616", 500), ("0", 0),
    ] as [(String?, UInt64)])
    func timestampIsAuxTimeWhenUnsignedElseNow(auxTime: String?, expected: UInt64) {
        #expect(CachedMetric.timestamp(auxTime: auxTime, now: 500) == expected)
    }

    @Test func arrivingMetricIsParsed() throws {
        let metric = try CachedMetric(valueText: " 42.5", unit: "C", ttl: 60, auxTime: "77", now: 500)
        #expect(metric == CachedMetric(value: 42.5, unit: "C", timestamp: 77, ttl: 60))
        #expect(throws: MetricValueError(text: "42,5", reason: .trailingCharacters)) {
            try CachedMetric(valueText: "42,5", unit: "C", ttl: 60, auxTime: nil, now: 500)
        }
    }
}
