#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

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
        var buffer = [Double](repeating: 0, count: n)
        for r in 0..<resamples {
            medians[r] = resampledMedian(sorted, into: &buffer, using: &generator)
        }
        medians.sort()
        let alpha = (1 - confidence) / 2
        return SampleSummary(
            n: n, median: median,
            ciLow: quantileOfSorted(medians, alpha), ciHigh: quantileOfSorted(medians, 1 - alpha),
            mad: mad, mean: mean, stddev: stddev, cv: cv,
            mildOutliers: mild, severeOutliers: severe)
    }

    /// Compares `samples` with `baseline`: ratio of medians with a bootstrap
    /// percentile confidence interval (both sets resampled independently,
    /// `resamples` times, generator seeded by `seed`), the two-sided
    /// Mann-Whitney U p-value, and significance stars (`"***"` p < 0.001,
    /// `"**"` p < 0.01, `"*"` p < 0.05, as Node.js `benchmark/compare.R`).
    ///
    /// A zero baseline median gives an infinite or NaN ratio.
    ///
    /// - Precondition: both inputs non-empty and finite, `resamples >= 1`,
    ///   `0 < confidence < 1`.
    /// - Complexity: O(resamples × (n + m) log(n + m)).
    public static func ratio(_ samples: [Double], baseline: [Double], seed: UInt64, resamples: Int = 2000, confidence: Double = 0.95) -> RatioEstimate {
        precondition(!samples.isEmpty && !baseline.isEmpty, "Statistics.ratio: both sample sets must be non-empty")
        precondition(samples.allSatisfy { $0.isFinite } && baseline.allSatisfy { $0.isFinite }, "Statistics.ratio: samples must be finite")
        precondition(resamples >= 1, "Statistics.ratio: resamples must be at least 1")
        precondition(confidence > 0 && confidence < 1, "Statistics.ratio: confidence must be in (0, 1)")
        let sortedSamples = samples.sorted()
        let sortedBaseline = baseline.sorted()
        let pointRatio = medianOfSorted(sortedSamples) / medianOfSorted(sortedBaseline)

        var generator = SeededGenerator(seed: seed)
        var ratios = [Double](repeating: 0, count: resamples)
        var sampleBuffer = [Double](repeating: 0, count: sortedSamples.count)
        var baselineBuffer = [Double](repeating: 0, count: sortedBaseline.count)
        for r in 0..<resamples {
            let numerator = resampledMedian(sortedSamples, into: &sampleBuffer, using: &generator)
            let denominator = resampledMedian(sortedBaseline, into: &baselineBuffer, using: &generator)
            ratios[r] = numerator / denominator
        }
        ratios.sort { a, b in a < b || (!a.isNaN && b.isNaN) }  // NaN (0/0 resamples) last
        let alpha = (1 - confidence) / 2
        let p = mannWhitneyU(samples, baseline)
        return RatioEstimate(
            ratio: pointRatio,
            ciLow: quantileOfSorted(ratios, alpha), ciHigh: quantileOfSorted(ratios, 1 - alpha),
            pValue: p, stars: stars(forPValue: p))
    }

    /// Significance stars for a p-value: `"***"` below 0.001, `"**"` below
    /// 0.01, `"*"` below 0.05, `""` otherwise.
    public static func stars(forPValue p: Double) -> String {
        if p < 0.001 { return "***" }
        if p < 0.01 { return "**" }
        if p < 0.05 { return "*" }
        return ""
    }

    /// Two-sided p-value of the Mann-Whitney U (Wilcoxon rank-sum) test that
    /// `a` and `b` come from the same distribution: normal approximation
    /// with tie correction and continuity correction (what R's
    /// `wilcox.test(a, b, exact = FALSE)` and SciPy's
    /// `mannwhitneyu(method="asymptotic")` report). When every value is tied
    /// the statistic carries no information and the p-value is 1.
    ///
    /// - Precondition: both inputs non-empty and finite.
    /// - Complexity: O((n + m) log(n + m)).
    public static func mannWhitneyU(_ a: [Double], _ b: [Double]) -> Double {
        precondition(!a.isEmpty && !b.isEmpty, "Statistics.mannWhitneyU: both sample sets must be non-empty")
        precondition(a.allSatisfy { $0.isFinite } && b.allSatisfy { $0.isFinite }, "Statistics.mannWhitneyU: samples must be finite")
        let n1 = Double(a.count)
        let n2 = Double(b.count)
        let n = n1 + n2
        // Pool with group labels, sort, assign mid-ranks to tie runs.
        let pooled = (a.map { ($0, true) } + b.map { ($0, false) }).sorted { $0.0 < $1.0 }
        var rankSumA = 0.0
        var tieTerm = 0.0  // Σ (t³ − t) over tie runs
        var i = 0
        while i < pooled.count {
            var j = i
            while j + 1 < pooled.count && pooled[j + 1].0 == pooled[i].0 { j += 1 }
            let t = Double(j - i + 1)
            let midRank = Double(i + j + 2) / 2  // ranks are 1-based
            for k in i...j where pooled[k].1 { rankSumA += midRank }
            tieTerm += t * t * t - t
            i = j + 1
        }
        let u = rankSumA - n1 * (n1 + 1) / 2
        let meanU = n1 * n2 / 2
        let varianceU = n1 * n2 / 12 * ((n + 1) - tieTerm / (n * (n - 1)))
        guard varianceU > 0 else { return 1 }
        let d = u - meanU
        let correction = d > 0 ? 0.5 : (d < 0 ? -0.5 : 0)
        let z = (d - correction) / varianceU.squareRoot()
        // 2 · min(Φ(z), 1 − Φ(z)) = erfc(|z| / √2)
        return Swift.min(1, erfc(abs(z) / 2.0.squareRoot()))
    }

    /// Ordinary least squares of `y` on `x`, with R².
    ///
    /// - Precondition: `x.count == y.count >= 2`, finite values, and `x` not
    ///   constant.
    /// - Complexity: O(n).
    public static func linearFit(x: [Double], y: [Double]) -> LinearFit {
        precondition(x.count == y.count, "Statistics.linearFit: x and y must have the same length")
        precondition(x.count >= 2, "Statistics.linearFit: need at least two points")
        precondition(x.allSatisfy { $0.isFinite } && y.allSatisfy { $0.isFinite }, "Statistics.linearFit: values must be finite")
        let n = Double(x.count)
        let meanX = x.reduce(0, +) / n
        let meanY = y.reduce(0, +) / n
        var sxx = 0.0
        var sxy = 0.0
        var syy = 0.0
        for (xi, yi) in zip(x, y) {
            sxx += (xi - meanX) * (xi - meanX)
            sxy += (xi - meanX) * (yi - meanY)
            syy += (yi - meanY) * (yi - meanY)
        }
        precondition(sxx > 0, "Statistics.linearFit: x is constant; the slope is undefined")
        let slope = sxy / sxx
        let intercept = meanY - slope * meanX
        var ssRes = 0.0
        for (xi, yi) in zip(x, y) {
            let r = yi - (slope * xi + intercept)
            ssRes += r * r
        }
        let r2 = syy > 0 ? 1 - ssRes / syy : 1
        return LinearFit(slope: slope, intercept: intercept, r2: r2, n: x.count)
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

    /// Median of one bootstrap resample of `source` (drawn with replacement).
    static func resampledMedian(_ source: [Double], into buffer: inout [Double], using generator: inout SeededGenerator) -> Double {
        let n = source.count
        for i in 0..<n {
            buffer[i] = source[Int(generator.next(below: UInt64(n)))]
        }
        buffer.sort()
        return medianOfSorted(buffer)
    }
}
