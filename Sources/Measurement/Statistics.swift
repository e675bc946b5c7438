/// Statistics for benchmark samples: medians, quantiles, bootstrap
/// confidence intervals, Tukey outliers, a rank test, and least squares.
///
/// Every randomized procedure takes an explicit seed and uses
/// ``SeededGenerator``, so the same inputs give the same outputs everywhere.
/// Inputs must be finite; empty inputs are a programming error
/// (precondition), except for ``median(_:)``, which returns NaN.
public enum Statistics {
    /// Coefficient of variation at or above which a sample set is flagged as
    /// noisy (5 %; pyperf warns at 10 % of the mean, criterion uses a 5 %
    /// noise threshold for change detection).
    public static let noiseThresholdCV: Double = 0.05

    /// The statistic of a cell's repetitions that its headline figures use
    /// (time per op, ratio to `none`, added cost): the fastest repetition.
    /// Why, measured on these VMs: the machine switches between a fast and a
    /// slow mode for seconds at a time (the same `getStore` batch at 28 and
    /// at 50 ns, switching within one process, on either core, with or
    /// without huge pages), strategies are slowed by different factors, and
    /// interference only adds time. Repetitions spread over the whole run
    /// (the suite interleaves cells, ``Sampler``) meet the fast mode in
    /// nearly every cell, so the fastest one repeats from run to run where
    /// the median follows the share of slow minutes (Python's `timeit` gives
    /// the same advice: the minimum is the figure, higher values are noise).
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
        var medians = [Double](repeating: 0, count: resamples)
        var minima = [Double](repeating: 0, count: resamples)
        var buffer = [Double](repeating: 0, count: n)
        for r in 0..<resamples {
            medians[r] = resampled(.median, sorted, into: &buffer, using: &generator)
            minima[r] = resampled(.minimum, sorted, into: &buffer, using: &generator)
        }
        medians.sort()
        minima.sort()
        let alpha = (1 - confidence) / 2
        return SampleSummary(
            n: n, minimum: sorted[0],
            minimumCILow: quantileOfSorted(minima, alpha), minimumCIHigh: quantileOfSorted(minima, 1 - alpha),
            median: median,
            ciLow: quantileOfSorted(medians, alpha), ciHigh: quantileOfSorted(medians, 1 - alpha),
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
        case .median:
            for i in 0..<n { buffer[i] = source[Int(generator.next(below: UInt64(n)))] }
            buffer.sort()
            return medianOfSorted(buffer)
        }
}
}
