/// Statistics for benchmark samples: medians, quantiles, bootstrap
/// confidence intervals, Tukey outliers, a rank test, and least squares.
///
/// Every randomized procedure takes an explicit seed and uses
/// ``SeededGenerator``, so the same inputs give the same outputs everywhere.
/// Inputs must be finite; empty inputs are a programming error
/// (precondition), except for ``median(_:)``, which returns NaN.
public enum Statistics {
    /// Relative width of the headline figure's 95 % confidence interval above
    /// which a cell is flagged as noisy (5 %: the size of change a review
    /// would act on; criterion uses a 5 % noise threshold for change detection).
    public static let noiseThresholdWidth: Double = 0.05

    /// The statistic of a cell's repetitions that its headline figures use
    /// (time per op, ratio to `none`, added cost): the fastest repetition.
    /// Why, measured on these VMs: the machine switches between a fast and a
    /// slow mode for seconds at a time (the same `getStore` batch at 28 and
    /// at 50 ns, switching within one process, on either core, with or
    /// without huge pages), strategies are slowed by different factors, and
    /// interference only adds time. Repetitions spread over the whole run
    /// (the suite interleaves cells, ``Sampler``) meet the fast mode in
    /// nearly every cell, so the low end of a cell's repetitions repeats from
    /// run to run where the median follows the share of slow minutes. Of the
    /// low-end statistics, the mean of the fastest quarter (6 of 21) repeated
    /// a little better than the minimum when both runs of a pair were mostly
    /// fast (median difference 1.04 % against 1.49 %), and much worse when
    /// one run spent most of its length in the slow mode (5.45 % against
    /// 2.61 %: a slow-mode run's fastest quarter includes slow repetitions,
    /// its single fastest one is still fast). Both pairs were recomputed from
    /// their samples.csv with `bench compare-runs` (PAPER.md §8); the CSV keeps
    /// all three statistics.
    public static let headline: SampleStatistic = .minimum

    /// The median: middle value, or mean of the two middle values.
    /// NaN for an empty input.
    ///
    /// - Complexity: O(n log n).
    public static func median(_ xs: [Double]) -> Double {
        guard !xs.isEmpty else { return .nan }
        return medianOfSorted(xs.sorted())
    }

    /// The `p`-quantile (0 ≤ p ≤ 1) by linear interpolation between order
    /// statistics (Hyndman & Fan type 7, the default of R and NumPy).
    ///
    /// - Complexity: O(n log n).
    public static func quantile(_ xs: [Double], _ p: Double) -> Double {
        precondition(!xs.isEmpty, "Statistics.quantile: empty input")
        return quantileOfSorted(xs.sorted(), p)
    }

    /// Summarizes samples: median with a bootstrap percentile confidence
    /// interval (`resamples` resamples drawn with a generator seeded by
    /// `seed`), unscaled MAD, mean, sample standard deviation, coefficient
    /// of variation, and Tukey outlier counts (quartiles by type-7
    /// interpolation; mild: beyond 1.5 IQR but within 3 IQR; severe: beyond
    /// 3 IQR).
    ///
    /// - Precondition: `samples` is non-empty and finite, `resamples >= 1`,
    ///   `0 < confidence < 1`.
    /// - Complexity: O(resamples × n log n).
    public static func summarize(_ samples: [Double], seed: UInt64, resamples: Int = 2000, confidence: Double = 0.95) -> SampleSummary {
        precondition(!samples.isEmpty, "Statistics.summarize: no samples")
        precondition(samples.allSatisfy { $0.isFinite }, "Statistics.summarize: samples must be finite")
        precondition(resamples >= 1, "Statistics.summarize: resamples must be at least 1")
        precondition(confidence > 0 && confidence < 1, "Statistics.summarize: confidence must be in (0, 1)")
        let sorted = samples.sorted()
        let n = sorted.count
        let median = medianOfSorted(sorted)
        let mad = medianOfSorted(sorted.map { abs($0 - median) }.sorted())
        let mean = sorted.reduce(0, +) / Double(n)
        let variance = n > 1 ? sorted.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1) : 0
        let stddev = variance.squareRoot()
        let cv = mean != 0 ? stddev / abs(mean) : (stddev == 0 ? 0 : .infinity)

        let q1 = quantileOfSorted(sorted, 0.25)
        let q3 = quantileOfSorted(sorted, 0.75)
        let iqr = q3 - q1
        let (innerLow, innerHigh) = (q1 - 1.5 * iqr, q3 + 1.5 * iqr)
        let (outerLow, outerHigh) = (q1 - 3 * iqr, q3 + 3 * iqr)
        var mild = 0
        var severe = 0
        for x in sorted {
            if x < outerLow || x > outerHigh {
                severe += 1
            } else if x < innerLow || x > innerHigh {
                mild += 1
            }
        }

        var generator = SeededGenerator(seed: seed)
        let alpha = (1 - confidence) / 2
        var buffer = [Double](repeating: 0, count: n)
        var estimates: [SampleStatistic: SampleSummary.Estimate] = [:]
        for statistic in SampleStatistic.allCases {
            var values = [Double](repeating: 0, count: resamples)
            for r in 0..<resamples { values[r] = resampled(statistic, sorted, into: &buffer, using: &generator) }
            values.sort()
            estimates[statistic] = SampleSummary.Estimate(value: statistic.ofSorted(sorted), ciLow: quantileOfSorted(values, alpha),
                                                          ciHigh: quantileOfSorted(values, 1 - alpha))
        }
        return SampleSummary(
            n: n, minimum: estimates[.minimum]!, secondFastest: sorted[min(1, n - 1)], fastestQuarterMean: estimates[.fastestQuarterMean]!, median: estimates[.median]!,
            mad: mad, mean: mean, stddev: stddev, cv: cv,
            mildOutliers: mild, severeOutliers: severe)
    }

    // MARK: Helpers on sorted data

    static func medianOfSorted(_ sorted: [Double]) -> Double {
        let n = sorted.count
        if n % 2 == 1 { return sorted[n / 2] }
        return (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }

    static func quantileOfSorted(_ sorted: [Double], _ p: Double) -> Double {
        precondition(p >= 0 && p <= 1, "Statistics: quantile \(p) outside [0, 1]")
        let h = Double(sorted.count - 1) * p
        let lower = Int(h.rounded(.down))
        let upper = Swift.min(lower + 1, sorted.count - 1)
        let fraction = h - Double(lower)
        return sorted[lower] + fraction * (sorted[upper] - sorted[lower])
    }

    /// `statistic` of one bootstrap resample of `source` (drawn with
    /// replacement); `buffer` has `source.count` elements.
    static func resampled(_ statistic: SampleStatistic, _ source: [Double], into buffer: inout [Double],
                          using generator: inout SeededGenerator) -> Double {
        let n = source.count
        switch statistic {
        case .minimum:
            var lowest = Double.infinity
            for _ in 0..<n { lowest = Swift.min(lowest, source[Int(generator.next(below: UInt64(n)))]) }
            return lowest
        case .fastestQuarterMean, .median:
            for i in 0..<n { buffer[i] = source[Int(generator.next(below: UInt64(n)))] }
            buffer.sort()
            return statistic.ofSorted(buffer)
        }
}
}
