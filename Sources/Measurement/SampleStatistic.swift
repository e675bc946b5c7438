/// Which statistic of a set of timed repetitions a figure is: the median
/// (robust to outliers both ways) or the minimum (the repetition least
/// disturbed by the rest of the machine). ``Statistics/headline`` names the
/// one the headline figures use.
public enum SampleStatistic: String, Codable, Sendable, CaseIterable {
    case minimum
    case median

    /// The statistic of `sorted` (ascending, non-empty).
    ///
    /// - Complexity: O(1).
    func ofSorted(_ sorted: [Double]) -> Double {
        switch self {
        case .minimum: return sorted[0]
        case .median: return Statistics.medianOfSorted(sorted)
        }
    }
}
