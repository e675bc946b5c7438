#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Round-by-round comparisons (issue 11). The sampler times every strategy
/// of a cell once per round, in a shuffled order, so `samples[i]` and
/// `baseline[i]` were measured within the same few tens of milliseconds.
/// On a shared VM the speed of the whole machine moves between rounds (a
/// standard run's `none` samples vary by a median coefficient of variation
/// of 14.6 % within a cell); a ratio or difference taken within each round
/// cancels that common factor, where a ratio of the two medians keeps it.
/// Re-estimated on the samples of two committed standard runs, the
/// per-round estimate halved the median run-to-run difference of the
/// headline figure (7.1 % → 4.3 %).
extension Statistics {
    /// The median of the per-round ratios `samples[i] / baseline[i]`, its
    /// bootstrap percentile interval (rounds resampled with replacement,
    /// generator seeded by `seed`), and the two-sided Wilcoxon signed-rank
    /// p-value for "the log-ratio is centred on 0" with stars as in
    /// ``ratio(_:baseline:seed:resamples:confidence:)``.
    ///
    /// - Precondition: `samples.count == baseline.count > 0`, all finite,
    ///   the baseline positive; `resamples >= 1`, `0 < confidence < 1`.
    /// - Complexity: O(resamples × n log n).
    public static func pairedRatio(_ samples: [Double], baseline: [Double], seed: UInt64, resamples: Int = 2000,
                                   confidence: Double = 0.95) -> RatioEstimate {
        let ratios = paired("pairedRatio", samples, baseline, /)
        let (point, low, high) = bootstrapMedian(ratios, seed: seed, resamples: resamples, confidence: confidence)
        let p = wilcoxonSignedRank(ratios.map { log($0) })
        return RatioEstimate(ratio: point, ciLow: low, ciHigh: high, pValue: p, stars: stars(forPValue: p))
    }

    /// The median of the per-round differences `samples[i] - baseline[i]`
    /// with its bootstrap percentile interval, as in
    /// ``pairedRatio(_:baseline:seed:resamples:confidence:)``.
    ///
    /// - Precondition: as for `pairedRatio`.
    /// - Complexity: O(resamples × n log n).
    public static func pairedDifference(_ samples: [Double], baseline: [Double], seed: UInt64, resamples: Int = 2000,
                                        confidence: Double = 0.95) -> AddedCost {
        let differences = paired("pairedDifference", samples, baseline, -)
        let (point, low, high) = bootstrapMedian(differences, seed: seed, resamples: resamples, confidence: confidence)
        return AddedCost(difference: point, ciLow: low, ciHigh: high)
    }

    private static func paired(_ caller: String, _ samples: [Double], _ baseline: [Double],
                               _ combine: (Double, Double) -> Double) -> [Double] {
        precondition(!samples.isEmpty && samples.count == baseline.count,
                     "Statistics.\(caller): one baseline sample per round (got \(samples.count) and \(baseline.count))")
        precondition(samples.allSatisfy { $0.isFinite } && baseline.allSatisfy { $0.isFinite && $0 > 0 },
                     "Statistics.\(caller): samples must be finite, the baseline positive")
        return zip(samples, baseline).map(combine)
    }

    private static func bootstrapMedian(_ values: [Double], seed: UInt64, resamples: Int, confidence: Double) -> (Double, Double, Double) {
        precondition(resamples >= 1, "Statistics: resamples must be at least 1")
        precondition(confidence > 0 && confidence < 1, "Statistics: confidence must be in (0, 1)")
        let sorted = values.sorted()
        var generator = SeededGenerator(seed: seed)
        var buffer = [Double](repeating: 0, count: sorted.count)
        var medians = (0..<resamples).map { _ in resampledMedian(sorted, into: &buffer, using: &generator) }
        medians.sort()
        let alpha = (1 - confidence) / 2
        return (medianOfSorted(sorted), quantileOfSorted(medians, alpha), quantileOfSorted(medians, 1 - alpha))
    }

    /// Two-sided p-value of the Wilcoxon signed-rank test that `d` is
    /// centred on 0: zeros dropped, mid-ranks for ties of |d|, normal
    /// approximation with tie and continuity corrections (R's
    /// `wilcox.test(d, exact = FALSE)`). 1 when no non-zero value is left.
    ///
    /// - Precondition: every value finite.
    /// - Complexity: O(n log n).
    public static func wilcoxonSignedRank(_ d: [Double]) -> Double {
        precondition(d.allSatisfy { $0.isFinite }, "Statistics.wilcoxonSignedRank: values must be finite")
        let nonZero = d.filter { $0 != 0 }.sorted { abs($0) < abs($1) }
        let n = Double(nonZero.count)
        guard n > 0 else { return 1 }
        var positiveRankSum = 0.0, tieTerm = 0.0
        var i = 0
        while i < nonZero.count {
            var j = i
            while j + 1 < nonZero.count && abs(nonZero[j + 1]) == abs(nonZero[i]) { j += 1 }
            let t = Double(j - i + 1)
            let midRank = Double(i + j + 2) / 2
            for k in i...j where nonZero[k] > 0 { positiveRankSum += midRank }
            tieTerm += t * t * t - t
            i = j + 1
        }
        let mean = n * (n + 1) / 4
        let variance = n * (n + 1) * (2 * n + 1) / 24 - tieTerm / 48
        guard variance > 0 else { return 1 }
        let delta = positiveRankSum - mean
        let correction = delta > 0 ? 0.5 : (delta < 0 ? -0.5 : 0)
        let z = (delta - correction) / variance.squareRoot()
        return Swift.min(1, erfc(abs(z) / 2.0.squareRoot()))
    }
}
