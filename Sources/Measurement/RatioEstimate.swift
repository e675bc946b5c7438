/// A comparison of one sample set against a baseline, from
/// ``Statistics/ratio(_:baseline:seed:resamples:confidence:)``.
public struct RatioEstimate: Equatable, Codable, Sendable {
    /// `statistic(samples) / statistic(baseline)` (the minimum for the
    /// suites' figures, ``Statistics/headline``): above 1 means slower (for
    /// times) or larger than the baseline.
    public var ratio: Double
    /// Lower bound of the bootstrap percentile confidence interval of the ratio.
    public var ciLow: Double
    /// Upper bound of the bootstrap percentile confidence interval of the ratio.
    public var ciHigh: Double
    /// Two-sided Mann-Whitney U p-value (normal approximation, tie and
    /// continuity corrections) for "same distribution".
    public var pValue: Double
    /// `"***"` for p < 0.001, `"**"` for p < 0.01, `"*"` for p < 0.05, `""`
    /// otherwise (the convention of Node.js `benchmark/compare.R`).
    public var stars: String

    /// Creates an estimate from its fields.
    public init(ratio: Double, ciLow: Double, ciHigh: Double, pValue: Double, stars: String) {
        self.ratio = ratio
        self.ciLow = ciLow
        self.ciHigh = ciHigh
        self.pValue = pValue
        self.stars = stars
    }
}

/// The added cost of a strategy over the baseline, from
/// ``Statistics/difference(_:baseline:seed:resamples:confidence:)``.
public struct AddedCost: Equatable, Codable, Sendable {
    /// `statistic(samples) - statistic(baseline)` (negative: cheaper than the baseline).
    public var difference: Double
    /// Bounds of the bootstrap percentile confidence interval of the difference.
    public var ciLow: Double
    public var ciHigh: Double

    public init(difference: Double, ciLow: Double, ciHigh: Double) {
        self.difference = difference
        self.ciLow = ciLow
        self.ciHigh = ciHigh
    }
}
