/// Robust and classical statistics of one cell's samples, from
/// ``Statistics/summarize(_:seed:resamples:confidence:)``.
public struct SampleSummary: Equatable, Codable, Sendable {
    /// A statistic of the samples with the bounds of its bootstrap
    /// percentile confidence interval.
    public struct Estimate: Equatable, Codable, Sendable {
        public var value: Double
        public var ciLow: Double
        public var ciHigh: Double
        public init(value: Double, ciLow: Double, ciHigh: Double) {
            self.value = value
            self.ciLow = ciLow
            self.ciHigh = ciHigh
        }
        /// An exact figure (no interval): `value` at both bounds.
        public static func exact(_ value: Double) -> Estimate { Estimate(value: value, ciLow: value, ciHigh: value) }
        /// The interval's width relative to the value (0 for a zero-width interval).
        public var relativeWidth: Double { ciHigh == ciLow ? 0 : (ciHigh - ciLow) / abs(value) }
    }

    /// Number of samples.
    public var n: Int
    /// The fastest sample (for 21 samples its interval spans about the
    /// fastest to the fourth fastest): the headline (``Statistics/headline``).
    /// On a shared VM the machine's speed switches between modes lasting
    /// seconds (measured: the same batch at 28 and at 50 ns per `getStore`,
    /// switching within one process), and interference only ever adds time,
    /// so the low end of repetitions spread over the run is the figure that
    /// repeats; the median moves with the share of slow minutes.
    public var minimumEstimate: Estimate
    /// The second-fastest sample (the fastest when `n` is 1): how far the
    /// fastest stands alone (``isNoisy``).
    public var secondFastest: Double
    /// The mean of the fastest quarter (⌈n / 4⌉ samples).
    public var fastestQuarterEstimate: Estimate
    /// Sample median (mean of the two middle values when `n` is even).
    public var medianEstimate: Estimate
    /// Median absolute deviation from the median, *unscaled* (multiply by
    /// 1.4826 for a normal-consistent estimate of the standard deviation).
    public var mad: Double
    /// Arithmetic mean.
    public var mean: Double
    /// Sample standard deviation (denominator `n - 1`; 0 when `n == 1`).
    public var stddev: Double
    /// Coefficient of variation, `stddev / |mean|` (0 when both are 0,
    /// infinite when only the mean is 0).
    public var cv: Double
    /// Samples beyond Tukey's inner fences (1.5 IQR outside the quartiles)
    /// but within the outer fences (3 IQR).
    public var mildOutliers: Int
    /// Samples beyond Tukey's outer fences (3 IQR outside the quartiles).
    public var severeOutliers: Int

    /// Creates a summary from its fields.
    public init(n: Int, minimum: Estimate, secondFastest: Double? = nil, fastestQuarterMean: Estimate, median: Estimate,
                mad: Double, mean: Double, stddev: Double, cv: Double, mildOutliers: Int, severeOutliers: Int) {
        self.n = n
        self.minimumEstimate = minimum
        self.secondFastest = secondFastest ?? minimum.value
        self.fastestQuarterEstimate = fastestQuarterMean
        self.medianEstimate = median
        self.mad = mad
        self.mean = mean
        self.stddev = stddev
        self.cv = cv
        self.mildOutliers = mildOutliers
        self.severeOutliers = severeOutliers
    }

    /// The fastest sample.
    public var minimum: Double { minimumEstimate.value }
    /// The sample median.
    public var median: Double { medianEstimate.value }

    /// `statistic` of the samples with its bootstrap interval.
    public func estimate(_ statistic: SampleStatistic) -> Estimate {
        switch statistic {
        case .minimum: return minimumEstimate
        case .fastestQuarterMean: return fastestQuarterEstimate
        case .median: return medianEstimate
        }
    }

    /// The headline time figure (``Statistics/headline``) with its interval.
    public var headline: Estimate { estimate(Statistics.headline) }

    /// Whether the headline figure may not repeat in another run, by
    /// ``Statistics/noiseThresholdWidth``.
    ///
    /// For the fastest repetition: when the second fastest is more than that
    /// much slower, the fast end was met once, and a second run may not meet
    /// it. The minimum's bootstrap interval is no test: it runs from the
    /// fastest to about the fourth fastest repetition, wider than 5 % in 519
    /// of 552 standard cells, while the minimum repeated to a median of
    /// 1.5-3.1 % between runs (three pairs). Measured on four standard runs of the previous
    /// versions (samples.csv, six pairs, absolute ns per op): cells whose
    /// fastest stood alone by more than 5 % moved by more than 5 % in the
    /// other run 51-77 % of the time, the others 16-58 %. A weak predictor,
    /// but the only one of those tried (the fourth fastest, the interval)
    /// that separated the cells in most pairs. For the other statistics:
    /// their bootstrap interval is wider than the threshold. (The spread of
    /// all repetitions, ``cv``, is not the test either: on these VMs nearly
    /// every cell has slow-mode repetitions, cv > 5 %, while its low end repeats.)
    public var isNoisy: Bool {
        switch Statistics.headline {
        case .minimum: return !(secondFastest <= minimum * (1 + Statistics.noiseThresholdWidth))
        case .fastestQuarterMean, .median: return !(headline.relativeWidth <= Statistics.noiseThresholdWidth)
        }
    }
}
