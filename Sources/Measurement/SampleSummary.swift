/// Robust and classical statistics of one cell's samples, from
/// ``Statistics/summarize(_:seed:resamples:confidence:)``.
public struct SampleSummary: Equatable, Codable, Sendable {
    /// Number of samples.
    public var n: Int
    /// The fastest sample: the headline time figure (``Statistics/headline``).
    /// On a shared VM the machine's speed switches between modes lasting
    /// seconds (measured: the same batch at 28 and at 50 ns per `getStore`,
    /// switching within one process), and interference only ever adds time,
    /// so the fastest of repetitions spread over the run is the figure that
    /// repeats; the median moves with the share of slow minutes.
    public var minimum: Double
    /// Bounds of the bootstrap percentile confidence interval of the minimum
    /// (for 21 samples about the fastest and the fourth fastest).
    public var minimumCILow: Double
    public var minimumCIHigh: Double
    /// Sample median (mean of the two middle values when `n` is even).
    public var median: Double
    /// Lower bound of the bootstrap percentile confidence interval of the median.
    public var ciLow: Double
    /// Upper bound of the bootstrap percentile confidence interval of the median.
    public var ciHigh: Double
    /// Median absolute deviation from the median, *unscaled* (multiply by
    /// 1.4826 for a normal-consistent estimate of the standard deviation).
    public var mad: Double
    /// Arithmetic mean.
    public var mean: Double
    /// Sample standard deviation (denominator `n - 1`; 0 when `n == 1`).
    public var stddev: Double
    /// Coefficient of variation, `stddev / |mean|` (0 when both are 0,
    /// infinite when only the mean is 0). Compare with
    /// ``Statistics/noiseThresholdCV``.
    public var cv: Double
    /// Samples beyond Tukey's inner fences (1.5 IQR outside the quartiles)
    /// but within the outer fences (3 IQR).
    public var mildOutliers: Int
    /// Samples beyond Tukey's outer fences (3 IQR outside the quartiles).
    public var severeOutliers: Int

    /// Creates a summary from its fields.
    public init(n: Int, minimum: Double, minimumCILow: Double, minimumCIHigh: Double, median: Double, ciLow: Double, ciHigh: Double,
                mad: Double, mean: Double, stddev: Double, cv: Double, mildOutliers: Int, severeOutliers: Int) {
        self.n = n
        self.minimum = minimum
        self.minimumCILow = minimumCILow
        self.minimumCIHigh = minimumCIHigh
        self.median = median
        self.ciLow = ciLow
        self.ciHigh = ciHigh
        self.mad = mad
        self.mean = mean
        self.stddev = stddev
        self.cv = cv
        self.mildOutliers = mildOutliers
        self.severeOutliers = severeOutliers
    }

    /// `statistic` of the samples with its bootstrap interval.
    public func estimate(_ statistic: SampleStatistic) -> (value: Double, ciLow: Double, ciHigh: Double) {
        switch statistic {
        case .minimum: return (minimum, minimumCILow, minimumCIHigh)
        case .median: return (median, ciLow, ciHigh)
        }
    }

    /// The headline time figure (``Statistics/headline``) with its interval.
    public var headline: (value: Double, ciLow: Double, ciHigh: Double) { estimate(Statistics.headline) }

    /// Whether the run was noisy: ``cv`` at or above
    /// ``Statistics/noiseThresholdCV``.
    public var isNoisy: Bool { !(cv < Statistics.noiseThresholdCV) }
}
