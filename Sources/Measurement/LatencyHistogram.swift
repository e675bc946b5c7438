import Histogram

/// A high-dynamic-range latency histogram (HdrHistogram), in nanoseconds.
///
/// All storage is allocated by the initializer for the whole trackable range
/// (no auto-resize), so ``record(_:)`` never allocates and can sit inside a
/// measured span — as long as the histogram is uniquely held: it is a value
/// type whose counts array is copy-on-write, so recording into a copy that
/// still shares storage copies the array once. Values above `highestTrackableNanos` are recorded as
/// `highestTrackableNanos` and counted in ``saturatedCount``; the exact
/// maximum and sum are tracked on the side, so ``LatencySummary/max`` and
/// ``LatencySummary/mean`` are exact even then.
///
/// Percentile queries walk the counts array (one pass per call, answering
/// every requested percentile together; tens of microseconds to a
/// millisecond): call ``summary()`` and ``distribution(_:)`` at report time
/// only.
public struct LatencyHistogram {
    @usableFromInline var histogram: Histogram<UInt64>
    @usableFromInline var exactMax: UInt64 = 0
    @usableFromInline var sum: UInt64 = 0
    @usableFromInline var saturated: UInt64 = 0
    /// The largest value recorded without saturation.
    public let highestTrackableNanos: UInt64

    /// Creates an empty histogram tracking 1 ns … `highestTrackableNanos`
    /// with `significantDigits` decimal digits of precision.
    ///
    /// - Precondition: `highestTrackableNanos >= 2` and
    ///   `0 <= significantDigits <= 5`.
    /// - Complexity: O(buckets); about 220 KB for the defaults.
    public init(highestTrackableNanos: UInt64 = 60_000_000_000, significantDigits: Int = 3) {
        precondition(highestTrackableNanos >= 2, "LatencyHistogram: highestTrackableNanos must be at least 2")
        guard significantDigits >= 0, significantDigits <= 5,
              let digits = SignificantDigits(rawValue: Int8(significantDigits)) else {
            preconditionFailure("LatencyHistogram: significantDigits must be in 0...5, got \(significantDigits)")
        }
        self.highestTrackableNanos = highestTrackableNanos
        histogram = Histogram<UInt64>(lowestDiscernibleValue: 1,
                                      highestTrackableValue: highestTrackableNanos,
                                      numberOfSignificantValueDigits: digits)
        histogram.autoResize = false
    }

    /// Records one latency.
    ///
    /// - Complexity: O(1); a few nanoseconds, no allocation.
    @inlinable
    public mutating func record(_ nanos: UInt64) {
        if nanos > exactMax { exactMax = nanos }
        let (newSum, overflow) = sum.addingReportingOverflow(nanos)
        sum = overflow ? .max : newSum  // saturates only after ~584 years of recorded time
        if nanos > highestTrackableNanos {
            saturated &+= 1
            histogram.record(highestTrackableNanos)
        } else {
            histogram.record(nanos)
        }
    }

    /// Number of recorded values.
    ///
    /// - Complexity: O(1).
    public var count: UInt64 { histogram.totalCount }

    /// Number of recorded values that exceeded ``highestTrackableNanos`` and
    /// were clamped to it in the percentile data.
    public var saturatedCount: UInt64 { saturated }

    /// Adds every value recorded in `other` (which must have the same range
    /// and precision) to this histogram.
    ///
    /// - Complexity: O(buckets).
    public mutating func merge(_ other: LatencyHistogram) {
        precondition(other.highestTrackableNanos == highestTrackableNanos
                     && other.histogram.numberOfSignificantValueDigits == histogram.numberOfSignificantValueDigits,
                     "LatencyHistogram.merge: histograms must have the same range and precision")
        histogram.add(other.histogram)
        exactMax = Swift.max(exactMax, other.exactMax)
        let (newSum, overflow) = sum.addingReportingOverflow(other.sum)
        sum = overflow ? .max : newSum
        saturated &+= other.saturated
    }

    /// p50, p90, p99, p99.9, exact max, count and exact mean.
    ///
    /// - Complexity: O(buckets) per percentile (microseconds); report time only.
    public func summary() -> LatencySummary {
        let n = count
        guard n > 0 else {
            return LatencySummary(count: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0, mean: 0)
        }
        let p = values(atPercentiles: [50, 90, 99, 99.9])
        return LatencySummary(count: n, p50: p[0], p90: p[1], p99: p[2], p999: p[3], max: exactMax, mean: Double(sum) / Double(n))
    }

    /// The value at each requested percentile (0 … 100), for HDR-style
    /// percentile curves. Percentile 100 is the exact maximum; the others
    /// have the histogram's precision. Empty histograms give zeros.
    ///
    /// - Complexity: O(buckets × percentiles.count); report time only.
    public func distribution(_ percentiles: [Double]) -> [(percentile: Double, nanos: UInt64)] {
        for p in percentiles {
            precondition(p >= 0 && p <= 100, "LatencyHistogram.distribution: percentile \(p) is outside 0...100")
        }
        guard count > 0 else { return percentiles.map { ($0, 0) } }
        let values = values(atPercentiles: percentiles)
        return zip(percentiles, values).map { p, v in (p, p >= 100 ? exactMax : v) }
    }

    /// `histogram.valueAtPercentile(p)` for every `p`, computed in one pass
    /// over the recorded buckets with the same definition: the value at the
    /// first bucket whose cumulative count reaches
    /// `max(1, ceil(nextDown(p) × total / 100))`, reported as the highest
    /// value equivalent to that bucket, clamped to the recorded range.
    /// (HdrHistogram's own query is not specialized across modules and
    /// walks the array once per percentile.)
    ///
    /// - Complexity: O(buckets + k log k) for k percentiles.
    func values(atPercentiles percentiles: [Double]) -> [UInt64] {
        let total = histogram.totalCount
        guard total > 0 else { return percentiles.map { _ in 0 } }
        let low = histogram.min
        let high = histogram.maxRecorded
        var result = [UInt64](repeating: 0, count: percentiles.count)
        // (target cumulative count, output slot), ascending.
        var targets: [(count: UInt64, slot: Int)] = []
        for (slot, p) in percentiles.enumerated() {
            if p == 0 {
                result[slot] = low
            } else if p >= 100 {
                result[slot] = high
            } else {
                let requested = Swift.min(Swift.max(p.nextDown, 0), 100)
                let countAtPercentile = Swift.max(1, UInt64(((requested * Double(total)) / 100).rounded(.up)))
                targets.append((countAtPercentile, slot))
            }
        }
        targets.sort { $0.count < $1.count }
        var next = 0
        var iterator = histogram.recordedValues()
        while next < targets.count, let bucket = iterator.next() {
            while next < targets.count && bucket.totalCountToThisValue >= targets[next].count {
                result[targets[next].slot] = Swift.max(Swift.min(bucket.value, high), low)
                next += 1
            }
        }
        return result
    }

    /// Percentiles for a standard HDR curve: 0, 10, …, 90, 95, 99, 99.5,
    /// 99.9, 99.95, 99.99, 100.
    public static let standardPercentiles: [Double] =
        [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 100]
}
