/// Which statistic of a set of timed repetitions a figure is.
/// ``Statistics/headline`` names the one the headline figures use.
public enum SampleStatistic: String, Codable, Sendable, CaseIterable {
    /// The fastest repetition: the one least disturbed by the rest of the
    /// machine, but a single sample, so it moves with that one sample.
    case minimum
    /// The mean of the fastest quarter of the repetitions (⌈n / 4⌉ of them):
    /// like the minimum it ignores the repetitions that met the machine's
    /// slow mode, and it averages several fast ones, so one lucky or unlucky
    /// sample moves it a quarter as much.
    case fastestQuarterMean
    /// The median: robust to outliers both ways, but it follows the share of
    /// repetitions that met the slow mode.
    case median

    /// What the statistic is, for labels, help and chart axes.
    public var label: String {
        switch self {
        case .minimum: return "fastest repetition"
        case .fastestQuarterMean: return "fastest-quarter mean"
        case .median: return "median"
        }
    }

    /// How many of `n` repetitions ``fastestQuarterMean`` averages.
    @inline(__always)
    static func fastestQuarterCount(_ n: Int) -> Int { max(1, (n + 3) / 4) }

    /// The statistic of `sorted` (ascending, non-empty).
    ///
    /// - Complexity: O(n) (O(1) for the minimum).
    public func ofSorted(_ sorted: [Double]) -> Double {
        switch self {
        case .minimum: return sorted[0]
        case .fastestQuarterMean:
            let m = Self.fastestQuarterCount(sorted.count)
            return sorted[..<m].reduce(0, +) / Double(m)
        case .median: return Statistics.medianOfSorted(sorted)
        }
    }
}
