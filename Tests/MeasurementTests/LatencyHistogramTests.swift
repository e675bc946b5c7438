import XCTest
@testable import Measurement

final class LatencyHistogramTests: XCTestCase {
    func testPercentilesOfOneToOneThousand() {
        var h = LatencyHistogram()
        // Values below 2048 are exact at 3 significant digits.
        for v in 1...1000 { h.record(UInt64(v)) }
        XCTAssertEqual(h.count, 1000)
        let s = h.summary()
        XCTAssertEqual(s, LatencySummary(count: 1000, p50: 500, p90: 900, p99: 990, p999: 999, max: 1000, mean: 500.5))
    }

    func testDistributionIsMonotonicAndEndsAtMax() {
        var h = LatencyHistogram()
        for v in 1...1000 { h.record(UInt64(v)) }
        let d = h.distribution(LatencyHistogram.standardPercentiles)
        XCTAssertEqual(d.map(\.percentile), LatencyHistogram.standardPercentiles)
        XCTAssertEqual(d.first?.nanos, 1)
        XCTAssertEqual(d.last?.nanos, 1000)
        XCTAssertEqual(d.first { $0.percentile == 10 }?.nanos, 100)
        XCTAssertEqual(d.first { $0.percentile == 95 }?.nanos, 950)
        for (a, b) in zip(d, d.dropFirst()) { XCTAssertLessThanOrEqual(a.nanos, b.nanos) }
        XCTAssertEqual(LatencyHistogram.standardPercentiles.first, 0)
        XCTAssertEqual(LatencyHistogram.standardPercentiles.last, 100)
    }

    func testLargeValuesKeepThreeSignificantDigits() {
        var h = LatencyHistogram()
        h.record(123_456_789)
        let p50 = h.summary().p50
        XCTAssertEqual(Double(p50), 123_456_789, accuracy: 123_456_789 * 0.001)
        XCTAssertEqual(h.summary().max, 123_456_789)  // exact
    }

    func testSkewedDistribution() {
        var h = LatencyHistogram()
        for _ in 0..<990 { h.record(100) }
        for _ in 0..<10 { h.record(1_000_000) }
        let s = h.summary()
        XCTAssertEqual(s.p50, 100)
        XCTAssertEqual(s.p90, 100)
        XCTAssertEqual(s.p99, 100)
        XCTAssertEqual(Double(s.p999), 1_000_000, accuracy: 1000)
        XCTAssertEqual(s.max, 1_000_000)
        XCTAssertEqual(s.mean, (990.0 * 100 + 10 * 1_000_000) / 1000)
    }

    /// The one-pass percentile walk must agree exactly with HdrHistogram's
    /// own `valueAtPercentile` on arbitrary data.
    func testOnePassPercentilesMatchHdrHistogram() {
        var g = SeededGenerator(seed: 9)
        for round in 0..<5 {
            var h = LatencyHistogram()
            let n = 1 + Int(g.next(below: 5000))
            for _ in 0..<n {
                // Log-uniform-ish values from 1 ns to ~10 s.
                let magnitude = g.next(below: 34)
                h.record(1 + g.next(below: 1 << magnitude))
            }
            var ps = LatencyHistogram.standardPercentiles + [0.1, 1, 33.3, 66.6, 99.999, 50]
            ps += (0..<20).map { _ in g.nextUnitDouble() * 100 }
            let onePass = h.values(atPercentiles: ps)
            let reference = ps.map { h.histogram.valueAtPercentile($0) }
            XCTAssertEqual(onePass, reference, "round \(round)")
        }
    }

    func testSaturationIsCountedNotDropped() {
        var h = LatencyHistogram(highestTrackableNanos: 1_000_000)
        h.record(5)
        h.record(2_000_000)
        XCTAssertEqual(h.count, 2)
        XCTAssertEqual(h.saturatedCount, 1)
        XCTAssertEqual(h.summary().max, 2_000_000)
    }

    func testEmptyHistogram() {
        let h = LatencyHistogram()
        XCTAssertEqual(h.count, 0)
        XCTAssertEqual(h.summary(), LatencySummary(count: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0, mean: 0))
    }

    func testMerge() {
        var a = LatencyHistogram()
        var b = LatencyHistogram()
        for v in 1...500 { a.record(UInt64(v)) }
        for v in 501...1000 { b.record(UInt64(v)) }
        a.merge(b)
        XCTAssertEqual(a.summary().p50, 500)
        XCTAssertEqual(a.summary().max, 1000)
        XCTAssertEqual(a.count, 1000)
    }

    func testRecordingNeverAllocates() throws {
        guard let probe = AllocationProbe.shared else {
            XCTFail("SETUP ERROR: jemalloc unavailable: \(AllocationProbe.unavailableReason ?? "?")")
            return
        }
        var h = LatencyHistogram()
        h.record(1)  // warm the path once
        let (_, delta) = probe.measure {
            for v in 0..<100_000 { h.record(UInt64(v) &* 7919 % 50_000_000_000) }
        }
        XCTAssertEqual(delta.allocations, 0)
        XCTAssertEqual(h.count, 100_001)
    }
}
