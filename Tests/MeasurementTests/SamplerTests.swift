import XCTest
@testable import Measurement

/// Records every call a cell receives; the work itself is trivial.
private final class CallLog {
    var calls: [(id: String, iterations: Int)] = []
}

private func trivialCells(_ count: Int, log: CallLog) -> [TimedCell] {
    (0..<count).map { i in
        let id = "cell\(i)"
        return TimedCell(id: id) { n in
            log.calls.append((id, n))
            var sum: UInt64 = 0
            for k in 0..<n { sum &+= UInt64(k ^ i) }
            return sum
        }
    }
}

final class SamplerTests: XCTestCase {
    func testPlanRejectsNonsense() {
        XCTAssertThrowsError(try SamplingPlan(repetitions: 0)) { error in
            XCTAssertEqual(error as? PlanError, .repetitionsBelowOne(0))
            XCTAssertTrue("\(error)".contains("repetitions must be at least 1"))
        }
        XCTAssertThrowsError(try SamplingPlan(repetitions: -3)) {
            XCTAssertEqual($0 as? PlanError, .repetitionsBelowOne(-3))
        }
        XCTAssertThrowsError(try SamplingPlan(warmups: -1)) { error in
            XCTAssertEqual(error as? PlanError, .negativeWarmups(-1))
            XCTAssertTrue("\(error)".contains("warmups must be 0 or more"))
        }
        XCTAssertThrowsError(try SamplingPlan(minSampleNanos: 0)) { error in
            XCTAssertEqual(error as? PlanError, .zeroMinimumSampleDuration)
            XCTAssertTrue("\(error)".contains("minSampleNanos"))
        }
        XCTAssertNoThrow(try SamplingPlan(warmups: 0, repetitions: 1, minSampleNanos: 1, seed: 0))
        let defaults = try? SamplingPlan()
        XCTAssertEqual(defaults?.warmups, 1)
        XCTAssertEqual(defaults?.repetitions, 10)
        XCTAssertEqual(defaults?.minSampleNanos, 10_000_000)
        XCTAssertEqual(defaults?.seed, 42)
        XCTAssertEqual(defaults?.rounds, 11)
    }

    func testCountsWarmupsAndProgress() throws {
        let log = CallLog()
        let cells = trivialCells(4, log: log)
        let plan = try SamplingPlan(warmups: 2, repetitions: 5, minSampleNanos: 1, seed: 11)
        var progress: [(Int, Int)] = []
        let results = Sampler.measure(cells, plan: plan) { progress.append(($0, $1)) }

        XCTAssertEqual(results.map(\.id), ["cell0", "cell1", "cell2", "cell3"])
        for r in results {
            XCTAssertEqual(r.samples.count, 7)
            XCTAssertEqual(r.samples.filter(\.isWarmup).count, 2)
            XCTAssertEqual(r.measured.count, 5)
            XCTAssertEqual(r.warmups.count, 2)
            XCTAssertEqual(r.samples.map(\.repetition), Array(0..<7))
            XCTAssertEqual(r.samples.map(\.isWarmup), [true, true, false, false, false, false, false])
            XCTAssertGreaterThanOrEqual(r.iterations, 1)
            for s in r.samples {
                XCTAssertEqual(s.iterations, r.iterations)
                XCTAssertEqual(s.nanosPerIteration, Double(s.totalNanos) / Double(s.iterations))
            }
            XCTAssertEqual(r.measured, r.samples.filter { !$0.isWarmup }.map(\.nanosPerIteration))
        }
        XCTAssertEqual(progress.count, 28)
        XCTAssertEqual(progress.first?.0, 1)
        XCTAssertEqual(progress.last?.0, 28)
        XCTAssertTrue(progress.allSatisfy { $0.1 == 28 })
        // Every recorded batch was a real call with the calibrated count.
        let recorded = log.calls.suffix(28)
        for call in recorded {
            XCTAssertEqual(call.iterations, results.first { $0.id == call.id }!.iterations)
        }
    }

    /// Reconstructs the per-round order from the samples.
    private func orders(_ results: [CellSamples], rounds: Int) -> [[String]] {
        (0..<rounds).map { round in
            results
                .map { r in (r.id, r.samples.first { $0.repetition == round }!.orderInRepetition) }
                .sorted { $0.1 < $1.1 }
                .map(\.0)
        }
    }

    func testInterleavedOrderVariesByRoundAndIsSeeded() throws {
        let rounds = 10
        let plan = try SamplingPlan(warmups: 1, repetitions: rounds - 1, minSampleNanos: 1, seed: 42)
        let log = CallLog()
        let results = Sampler.measure(trivialCells(5, log: log), plan: plan)
        let first = orders(results, rounds: rounds)
        for order in first {
            XCTAssertEqual(order.sorted(), ["cell0", "cell1", "cell2", "cell3", "cell4"])  // each cell once per round
        }
        XCTAssertGreaterThan(Set(first).count, 1, "the order must change between rounds")
        // The order of calls matches the recorded positions.
        let recordedCalls = log.calls.suffix(5 * rounds).map(\.id)
        XCTAssertEqual(recordedCalls, first.flatMap { $0 })

        // Same seed, same orders; another seed, other orders.
        let again = orders(Sampler.measure(trivialCells(5, log: CallLog()), plan: plan), rounds: rounds)
        XCTAssertEqual(again, first)
        var other = plan
        other.seed = 43
        let otherOrders = orders(Sampler.measure(trivialCells(5, log: CallLog()), plan: other), rounds: rounds)
        XCTAssertNotEqual(otherOrders, first)
    }

    func testCalibrationDoublesUntilTargetWithSyntheticClock() throws {
        // A synthetic clock that advances 100 "ns" per iteration run: the
        // calibrated count is the first power of two with n × 100 ≥ 10,000.
        var now: UInt64 = 0
        let cell = TimedCell(id: "synthetic") { n in
            now += UInt64(n) * 100
            return UInt64(n)
        }
        let plan = try SamplingPlan(warmups: 1, repetitions: 3, minSampleNanos: 10_000, seed: 1)
        let results = Sampler.measure([cell], plan: plan, clock: { now }, progress: nil)
        XCTAssertEqual(results[0].iterations, 128)
        XCTAssertEqual(results[0].samples.map(\.totalNanos), [12_800, 12_800, 12_800, 12_800])
        XCTAssertEqual(results[0].measured, [100, 100, 100])
    }

    func testCalibrationIsCappedForCellsThatNeverReachTheTarget() throws {
        let cell = TimedCell(id: "frozen") { _ in 0 }
        let plan = try SamplingPlan(warmups: 0, repetitions: 1, minSampleNanos: 1_000, seed: 1)
        let results = Sampler.measure([cell], plan: plan, clock: { 5 }, progress: nil)
        XCTAssertEqual(results[0].iterations, Sampler.maxCalibratedIterations)
        XCTAssertEqual(results[0].samples.count, 1)
        XCTAssertFalse(results[0].samples[0].isWarmup)
    }

    func testNoCellsNoSamples() throws {
        XCTAssertTrue(Sampler.measure([], plan: try SamplingPlan()).isEmpty)
    }
}
