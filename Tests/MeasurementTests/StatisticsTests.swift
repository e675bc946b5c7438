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
        // The fastest quarter (3 of 10: 1, 2, 3) has a mean of 2; the
        // headline, the fastest (1), stands alone: the second fastest (2) is
        // 100 % slower.
        XCTAssertEqual(s.fastestQuarterEstimate.value, 2, accuracy: 1e-12)
        XCTAssertEqual(s.headline.value, 1)
        XCTAssertEqual(s.secondFastest, 2)
        XCTAssertTrue(s.isNoisy)
    }

    /// The fastest repetition is flagged when it stands alone, not when its
    /// bootstrap interval is wide: that interval runs to about the fourth
    /// fastest, which on these VMs is usually more than 5 % slower.
    func testAFastestMetTwiceIsNotNoisyWhateverItsInterval() {
        let paired = Statistics.summarize([100, 104, 130, 140, 150, 160, 170, 180], seed: 1)
        XCTAssertGreaterThan(paired.minimumEstimate.relativeWidth, Statistics.noiseThresholdWidth)
        XCTAssertFalse(paired.isNoisy, "second fastest 4 % slower")
        let alone = Statistics.summarize([100, 106, 107, 108, 109, 110, 111, 112], seed: 1)
        XCTAssertTrue(alone.isNoisy, "second fastest 6 % slower")
        XCTAssertFalse(Statistics.summarize([7], seed: 1).isNoisy, "one sample has no second fastest")
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
        XCTAssertLessThan(s.headline.relativeWidth, Statistics.noiseThresholdWidth)
        XCTAssertFalse(s.isNoisy)
        XCTAssertEqual(s.mildOutliers + s.severeOutliers, 0)
    }

    func testConstantAndSingleSamples() {
        let c = Statistics.summarize([5, 5, 5, 5], seed: 0)
        XCTAssertEqual(c, SampleSummary(n: 4, minimum: .exact(5), fastestQuarterMean: .exact(5), median: .exact(5), mad: 0, mean: 5, stddev: 0, cv: 0, mildOutliers: 0, severeOutliers: 0))
        let one = Statistics.summarize([42], seed: 0)
        XCTAssertEqual(one.n, 1)
        XCTAssertEqual(one.medianEstimate, .exact(42))
        XCTAssertEqual(one.headline, .exact(42))
        XCTAssertEqual(one.stddev, 0)
    }

    func testBootstrapIsDeterministicAndBracketsTheMedian() {
        var g = SeededGenerator(seed: 2024)
        let data = (0..<41).map { _ in 1000 + Double(g.next(below: 200)) }
        let a = Statistics.summarize(data, seed: 7)
        let b = Statistics.summarize(data, seed: 7)
        XCTAssertEqual(a, b)
        XCTAssertLessThanOrEqual(a.medianEstimate.ciLow, a.median)
        XCTAssertGreaterThanOrEqual(a.medianEstimate.ciHigh, a.median)
        XCTAssertLessThan(a.medianEstimate.ciLow, a.medianEstimate.ciHigh)
        XCTAssertGreaterThanOrEqual(a.medianEstimate.ciLow, data.min()!)
        XCTAssertLessThanOrEqual(a.medianEstimate.ciHigh, data.max()!)
        // A wider confidence level gives a wider (or equal) interval.
        let wide = Statistics.summarize(data, seed: 7, confidence: 0.99)
        XCTAssertLessThanOrEqual(wide.medianEstimate.ciLow, a.medianEstimate.ciLow)
        XCTAssertGreaterThanOrEqual(wide.medianEstimate.ciHigh, a.medianEstimate.ciHigh)
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

    /// Issue 11: the VM's speed switches between a fast and a slow mode;
    /// a strategy's repetitions and the baseline's land in either. The ratio
    /// of the fastest repetitions does not move with the share of slow ones,
    /// the ratio of medians flips with it.
    func testLowEndRatiosIgnoreTheShareOfSlowRepetitions() {
        // Fast mode: baseline 100, strategy 150 (1.5×); slow mode: everything
        // 1.8× slower and the strategy hurt more (2.0× the baseline).
        func run(slowShare: Int) -> (baseline: [Double], samples: [Double]) {
            let modes = (0..<21).map { $0 < slowShare }
            return (modes.enumerated().map { i, slow in (slow ? 180 : 100) + Double(i % 3) },
                    modes.enumerated().map { i, slow in (slow ? 360 : 150) + Double(i % 2) })
        }
        let mostlyFast = run(slowShare: 6), mostlySlow = run(slowShare: 15)
        for r in [mostlyFast, mostlySlow] {
            let fastest = Statistics.ratio(r.samples, baseline: r.baseline, of: .minimum, seed: 1)
            XCTAssertEqual(fastest.ratio, 1.5, accuracy: 1e-12)
            XCTAssertLessThanOrEqual(fastest.ciLow, 1.5)
            XCTAssertGreaterThanOrEqual(fastest.ciHigh, 1.5)
            XCTAssertEqual(fastest, Statistics.ratio(r.samples, baseline: r.baseline, of: .minimum, seed: 1))  // deterministic
            XCTAssertEqual(Statistics.difference(r.samples, baseline: r.baseline, of: .minimum, seed: 1).difference, 50, accuracy: 1e-12)
        }
        // The fastest quarter (6 of 21) holds only fast-mode repetitions in both:
        // mostly fast, 150 / 100.17; mostly slow, 150.5 / 101.
        let quarterFast = Statistics.ratio(mostlyFast.samples, baseline: mostlyFast.baseline, of: .fastestQuarterMean, seed: 1)
        let quarterSlow = Statistics.ratio(mostlySlow.samples, baseline: mostlySlow.baseline, of: .fastestQuarterMean, seed: 1)
        XCTAssertEqual(quarterFast.ratio, 150 / (601.0 / 6), accuracy: 1e-12)
        XCTAssertEqual(quarterSlow.ratio, 150.5 / 101, accuracy: 1e-12)
        let medianFast = Statistics.ratio(mostlyFast.samples, baseline: mostlyFast.baseline, seed: 1).ratio
        let medianSlow = Statistics.ratio(mostlySlow.samples, baseline: mostlySlow.baseline, seed: 1).ratio
        XCTAssertLessThan(medianFast, 1.5, "mostly fast: the median is the fast mode's ratio")
        XCTAssertGreaterThan(medianSlow, 1.95, "mostly slow: the median follows the slow mode's")
    }

    func testSummaryCarriesTheFastestSampleAndTheFastestQuarter() {
        let samples: [Double] = [50, 30, 31, 90, 32, 33, 80, 70, 60, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45]
        let s = Statistics.summarize(samples, seed: 3)
        XCTAssertEqual(s.minimum, 30)
        XCTAssertEqual(s.minimumEstimate.ciLow, 30)
        // P(a resample's minimum > the k-th fastest) = ((21 - k) / 21)^21: 0.045 for k = 3, 0.016 for k = 4.
        XCTAssertGreaterThanOrEqual(s.minimumEstimate.ciHigh, 31)
        XCTAssertLessThanOrEqual(s.minimumEstimate.ciHigh, 34)
        // The fastest quarter: the mean of the fastest ⌈21 / 4⌉ = 6 (30…35), inside its interval.
        XCTAssertEqual(s.fastestQuarterEstimate.value, 32.5, accuracy: 1e-12)
        XCTAssertLessThanOrEqual(s.fastestQuarterEstimate.ciLow, 32.5)
        XCTAssertGreaterThanOrEqual(s.fastestQuarterEstimate.ciHigh, 32.5)
        XCTAssertGreaterThanOrEqual(s.fastestQuarterEstimate.ciLow, 30)
        // The headline is the fastest repetition, with its own interval.
        XCTAssertEqual(Statistics.headline, .minimum)
        XCTAssertEqual(s.headline, s.minimumEstimate)
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
