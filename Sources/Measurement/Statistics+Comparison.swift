#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension Statistics {
    /// Compares `samples` with `baseline`: ratio of the two sets' `statistic`
    /// (medians unless told; ``headline`` for the suites' figures) with a bootstrap
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
    public static func ratio(_ samples: [Double], baseline: [Double], of statistic: SampleStatistic = .median, seed: UInt64,
                             resamples: Int = 2000, confidence: Double = 0.95) -> RatioEstimate {
        let (point, low, high) = bootstrap("ratio", statistic, samples, baseline, seed: seed, resamples: resamples, confidence: confidence, combine: /)
        let p = mannWhitneyU(samples, baseline)
        return RatioEstimate(ratio: point, ciLow: low, ciHigh: high, pValue: p, stars: stars(forPValue: p))
    }

    /// `statistic(samples) - statistic(baseline)` with a bootstrap percentile
    /// confidence interval (resampled as in ``ratio(_:baseline:seed:resamples:confidence:)``):
    /// the added cost per operation, the headline figure of micro-operation
    /// workloads whose baseline is too small for a ratio to mean anything.
    ///
    /// - Precondition: as for `ratio`.
    /// - Complexity: O(resamples × (n + m) log(n + m)).
    public static func difference(_ samples: [Double], baseline: [Double], of statistic: SampleStatistic = .median, seed: UInt64,
                                  resamples: Int = 2000, confidence: Double = 0.95) -> AddedCost {
        let (point, low, high) = bootstrap("difference", statistic, samples, baseline, seed: seed, resamples: resamples, confidence: confidence, combine: -)
        return AddedCost(difference: point, ciLow: low, ciHigh: high)
    }

    /// `combine(statistic(samples), statistic(baseline))` and the percentile interval
    /// of the same over `resamples` independent bootstrap resamples of both sets.
    private static func bootstrap(_ caller: String, _ statistic: SampleStatistic, _ samples: [Double], _ baseline: [Double], seed: UInt64, resamples: Int,
                                         confidence: Double, combine: (Double, Double) -> Double) -> (Double, Double, Double) {
        precondition(!samples.isEmpty && !baseline.isEmpty, "Statistics.\(caller): both sample sets must be non-empty")
        precondition(samples.allSatisfy { $0.isFinite } && baseline.allSatisfy { $0.isFinite }, "Statistics.\(caller): samples must be finite")
        precondition(resamples >= 1, "Statistics.\(caller): resamples must be at least 1")
        precondition(confidence > 0 && confidence < 1, "Statistics.\(caller): confidence must be in (0, 1)")
        let sortedSamples = samples.sorted()
        let sortedBaseline = baseline.sorted()
        let point = combine(statistic.ofSorted(sortedSamples), statistic.ofSorted(sortedBaseline))
        var generator = SeededGenerator(seed: seed)
        var values = [Double](repeating: 0, count: resamples)
        var sampleBuffer = [Double](repeating: 0, count: sortedSamples.count)
        var baselineBuffer = [Double](repeating: 0, count: sortedBaseline.count)
        for r in 0..<resamples {
            let a = resampled(statistic, sortedSamples, into: &sampleBuffer, using: &generator)
            let b = resampled(statistic, sortedBaseline, into: &baselineBuffer, using: &generator)
            values[r] = combine(a, b)
        }
        values.sort { a, b in a < b || (!a.isNaN && b.isNaN) }  // NaN (0/0 resamples) last
        let alpha = (1 - confidence) / 2
        return (point, quantileOfSorted(values, alpha), quantileOfSorted(values, 1 - alpha))
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
}
