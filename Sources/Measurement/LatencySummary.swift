/// Percentile summary of a ``LatencyHistogram``, in nanoseconds.
///
/// Percentiles carry the histogram's precision (3 significant digits by
/// default: within 0.1 % of the recorded value); `max` and `mean` are exact.
/// An empty histogram summarizes to `count == 0` and zeros elsewhere.
public struct LatencySummary: Equatable, Codable, Sendable {
    /// Number of recorded values.
    public var count: UInt64
    /// Median.
    public var p50: UInt64
    /// 90th percentile.
    public var p90: UInt64
    /// 99th percentile.
    public var p99: UInt64
    /// 99.9th percentile.
    public var p999: UInt64
    /// Largest recorded value (exact).
    public var max: UInt64
    /// Arithmetic mean of the recorded values (exact, from their sum).
    public var mean: Double

    /// Creates a summary from its fields.
    public init(count: UInt64, p50: UInt64, p90: UInt64, p99: UInt64, p999: UInt64, max: UInt64, mean: Double) {
        self.count = count
        self.p50 = p50
        self.p90 = p90
        self.p99 = p99
        self.p999 = p999
        self.max = max
        self.mean = mean
    }
}
