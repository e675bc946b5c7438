import XCTest
import Measurement

final class StatisticsTests: XCTestCase {
    func testMedian() {
        XCTAssertEqual(Statistics.median([3, 1, 2]), 2)
        XCTAssertEqual(Statistics.median([4, 1, 3, 2]), 2.5)
        XCTAssertEqual(Statistics.median([7]), 7)
        XCTAssertTrue(Statistics.median([]).isNaN)
    }

    func testQuantileType7() {
        let xs: [Double] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 100]
        XCTAssertEqual(Statistics.quantile(xs, 0.25), 3.25)
        XCTAssertEqual(Statistics.quantile(xs, 0.75), 7.75)
        XCTAssertEqual(Statistics.quantile(xs, 0), 1)
        XCTAssertEqual(Statistics.quantile(xs, 1), 100)
    }

    /// Expected values computed independently with NumPy (median, MAD,
    /// mean, std(ddof=1), quantile type 7).
    func testSummaryWithOneSevereHighOutlier() {
        let s = Statistics.summarize([1, 2, 3, 4, 5, 6, 7, 8, 9, 100], seed: 1)
        XCTAssertEqual(s.n, 10)
        XCTAssertEqual(s.median, 5.5)
        XCTAssertEqual(s.mad, 2.5)
        XCTAssertEqual(s.mean, 14.5, accuracy: 1e-12)
        XCTAssertEqual(s.stddev, 30.152390728873666, accuracy: 1e-9)
        XCTAssertEqual(s.cv, 2.0794752226809425, accuracy: 1e-9)
        // Q1 3.25, Q3 7.75, IQR 4.5: inner fence 14.5, outer 21.25.
        XCTAssertEqual(s.mildOutliers, 0)
        XCTAssertEqual(s.severeOutliers, 1)
        XCTAssertTrue(s.isNoisy)
    }

    func testSummaryWithOneMildHighOutlier() {
        let s = Statistics.summarize([1, 2, 3, 4, 5, 6, 7, 8, 9, 16], seed: 1)
        XCTAssertEqual(s.mean, 6.1, accuracy: 1e-12)
        XCTAssertEqual(s.stddev, 4.332051092342595, accuracy: 1e-9)
        XCTAssertEqual(s.mildOutliers, 1)   // 16 > 14.5 but ≤ 21.25
        XCTAssertEqual(s.severeOutliers, 0)
    }

    func testSummaryWithLowOutliersAndNegativeMean() {
        // Q1 1.75, Q3 7.25, IQR 5.5: inner fence −6.5, outer −14.75.
        let s = Statistics.summarize([-100, -10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], seed: 3)
        XCTAssertEqual(s.median, 4.5)
        XCTAssertEqual(s.mildOutliers, 1)    // −10
        XCTAssertEqual(s.severeOutliers, 1)  // −100
        XCTAssertEqual(s.mean, -4.583333333333333, accuracy: 1e-12)
        XCTAssertEqual(s.cv, 6.654599647523542, accuracy: 1e-9)  // stddev / |mean| (NumPy)
    }

    func testQuietDataIsNotNoisy() {
        let s = Statistics.summarize([100, 101, 99, 100, 100.5, 99.5], seed: 1)
        XCTAssertEqual(s.median, 100)
        XCTAssertLessThan(s.cv, Statistics.noiseThresholdCV)
        XCTAssertFalse(s.isNoisy)
        XCTAssertEqual(s.mildOutliers + s.severeOutliers, 0)
    }

    func testConstantAndSingleSamples() {
        let c = Statistics.summarize([5, 5, 5, 5], seed: 0)
        XCTAssertEqual(c, SampleSummary(n: 4, median: 5, ciLow: 5, ciHigh: 5, mad: 0, mean: 5, stddev: 0, cv: 0, mildOutliers: 0, severeOutliers: 0))
        let one = Statistics.summarize([42], seed: 0)
        XCTAssertEqual(one.n, 1)
        XCTAssertEqual(one.ciLow, 42)
        XCTAssertEqual(one.ciHigh, 42)
        XCTAssertEqual(one.stddev, 0)
    }

    func testBootstrapIsDeterministicAndBracketsTheMedian() {
        var g = SeededGenerator(seed: 2024)
        let data = (0..<41).map { _ in 1000 + Double(g.next(below: 200)) }
        let a = Statistics.summarize(data, seed: 7)
        let b = Statistics.summarize(data, seed: 7)
        XCTAssertEqual(a, b)
        XCTAssertLessThanOrEqual(a.ciLow, a.median)
        XCTAssertGreaterThanOrEqual(a.ciHigh, a.median)
        XCTAssertLessThan(a.ciLow, a.ciHigh)
        XCTAssertGreaterThanOrEqual(a.ciLow, data.min()!)
        XCTAssertLessThanOrEqual(a.ciHigh, data.max()!)
        // A wider confidence level gives a wider (or equal) interval.
        let wide = Statistics.summarize(data, seed: 7, confidence: 0.99)
        XCTAssertLessThanOrEqual(wide.ciLow, a.ciLow)
        XCTAssertGreaterThanOrEqual(wide.ciHigh, a.ciHigh)
    }

    /// R's `?wilcox.test` example (Hollander & Wolfe 1973, p. 69); reference
    /// from SciPy 1.17 `mannwhitneyu(x, y, method="asymptotic")`
    /// (= R `wilcox.test(x, y, exact = FALSE)`): W = 35, p = 0.24462360512698333.
    func testMannWhitneyTextbookExample() {
        let x = [0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46]
        let y = [1.15, 0.88, 0.90, 0.74, 1.21]
        XCTAssertEqual(Statistics.mannWhitneyU(x, y), 0.24462360512698333, accuracy: 1e-12)
        XCTAssertEqual(Statistics.mannWhitneyU(y, x), 0.24462360512698333, accuracy: 1e-12)
    }

    /// Tied data; reference from SciPy (U = 7.5, p = 0.006373133838085873).
    func testMannWhitneyWithTies() {
        let a: [Double] = [1, 2, 2, 3, 3, 3, 4, 5]
        let b: [Double] = [3, 4, 4, 5, 5, 6, 7, 7, 8]
        XCTAssertEqual(Statistics.mannWhitneyU(a, b), 0.006373133838085873, accuracy: 1e-12)
    }

    func testMannWhitneyExtremes() {
        let low = (1...20).map(Double.init)
        let high = (21...40).map(Double.init)
        XCTAssertEqual(Statistics.mannWhitneyU(low, high), 6.795615128173358e-08, accuracy: 1e-15)
        XCTAssertEqual(Statistics.mannWhitneyU(low, low), 1)
        XCTAssertEqual(Statistics.mannWhitneyU([3, 3, 3], [3, 3]), 1)  // all tied
    }

    func testStars() {
        XCTAssertEqual(Statistics.stars(forPValue: 0.0005), "***")
        XCTAssertEqual(Statistics.stars(forPValue: 0.005), "**")
        XCTAssertEqual(Statistics.stars(forPValue: 0.03), "*")
        XCTAssertEqual(Statistics.stars(forPValue: 0.05), "")
        XCTAssertEqual(Statistics.stars(forPValue: 0.5), "")
    }

    func testRatio() {
        let baseline = (1...20).map { 100 + Double($0) }
        let doubled = baseline.map { $0 * 2 }
        let r = Statistics.ratio(doubled, baseline: baseline, seed: 5)
        XCTAssertEqual(r.ratio, 2, accuracy: 1e-12)
        XCTAssertLessThanOrEqual(r.ciLow, r.ratio)
        XCTAssertGreaterThanOrEqual(r.ciHigh, r.ratio)
        XCTAssertLessThan(r.pValue, 0.001)
        XCTAssertEqual(r.stars, "***")
        XCTAssertEqual(r, Statistics.ratio(doubled, baseline: baseline, seed: 5))  // deterministic

        let same = Statistics.ratio(baseline, baseline: baseline, seed: 5)
        XCTAssertEqual(same.ratio, 1)
        XCTAssertEqual(same.pValue, 1)
        XCTAssertEqual(same.stars, "")
        XCTAssertLessThanOrEqual(same.ciLow, 1)
        XCTAssertGreaterThanOrEqual(same.ciHigh, 1)
    }

    /// Issue 11: the machine's speed moves between rounds; a per-round
    /// ratio cancels it, a ratio of medians does not.
    func testPairedRatioCancelsASpeedChangeCommonToOneRound() {
        // Round speeds drift by up to ±40 %; the strategy costs 1.5× the baseline in every round.
        let speed: [Double] = [1.0, 1.4, 0.6, 1.3, 0.7, 1.2, 0.9]
        let baseline = speed.map { 100 * $0 }
        let samples = speed.map { 150 * $0 }
        let unpaired = Statistics.ratio(samples, baseline: baseline, seed: 1)
        let paired = Statistics.pairedRatio(samples, baseline: baseline, seed: 1)
        XCTAssertEqual(paired.ratio, 1.5, accuracy: 1e-12)
        XCTAssertEqual(paired.ciLow, 1.5, accuracy: 1e-12)
        XCTAssertEqual(paired.ciHigh, 1.5, accuracy: 1e-12)
        XCTAssertEqual(paired, Statistics.pairedRatio(samples, baseline: baseline, seed: 1))  // deterministic
        XCTAssertGreaterThan(unpaired.ciHigh - unpaired.ciLow, 0.5, "the unpaired interval carries the drift")
        let added = Statistics.pairedDifference([110, 150, 90], baseline: [100, 140, 80], seed: 1)
        XCTAssertEqual(added, AddedCost(difference: 10, ciLow: 10, ciHigh: 10))
    }

    /// Expected p-values from SciPy 1.17 `wilcoxon(d, method="approx", correction=True)`.
    func testWilcoxonSignedRankMatchesSciPy() {
        let x = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30]
        let y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29]
        XCTAssertEqual(Statistics.wilcoxonSignedRank(zip(x, y).map { $0 - $1 }), 0.04401098401295143, accuracy: 1e-12)
        XCTAssertEqual(Statistics.wilcoxonSignedRank([1, 2, -3, 4, 4, -4, 5, 6, 7, 8]), 0.05217230280371143, accuracy: 1e-12)
        XCTAssertEqual(Statistics.wilcoxonSignedRank([0, 0, 0]), 1)
    }

    func testLinearFitExact() {
        let x: [Double] = [0, 1, 10, 100]
        let fit = Statistics.linearFit(x: x, y: x.map { 3 * $0 + 2 })
        XCTAssertEqual(fit, LinearFit(slope: 3, intercept: 2, r2: 1, n: 4))
        XCTAssertEqual(fit.predict(1000), 3002)
    }

    /// Classic example: x 1…5, y 2 4 5 4 5 → y = 0.6x + 2.2, R² = 0.6.
    func testLinearFitWithResiduals() {
        let fit = Statistics.linearFit(x: [1, 2, 3, 4, 5], y: [2, 4, 5, 4, 5])
        XCTAssertEqual(fit.slope, 0.6, accuracy: 1e-12)
        XCTAssertEqual(fit.intercept, 2.2, accuracy: 1e-12)
        XCTAssertEqual(fit.r2, 0.6, accuracy: 1e-12)
        XCTAssertEqual(fit.n, 5)
    }

    func testLinearFitFlat() {
        let fit = Statistics.linearFit(x: [1, 2, 3], y: [7, 7, 7])
        XCTAssertEqual(fit, LinearFit(slope: 0, intercept: 7, r2: 1, n: 3))
    }
}
