/// Times cells: calibrates batch sizes, then runs warm-up and measured rounds
/// with the cells interleaved in a freshly shuffled order every round, so
/// slow drift (thermal, frequency, neighbours on the VM) hits every cell
/// alike instead of biasing whichever ran last.
public enum Sampler {
    /// Upper bound of a calibrated iteration count, for cells whose batches
    /// stay below the target duration however many iterations they are given
    /// (for example a cell that ignores its argument).
    public static let maxCalibratedIterations = 1 << 32

    /// Measures `cells` according to `plan`.
    ///
    /// 1. **Calibration**, per cell in the given order: start at 1 iteration
    ///    and double until one batch takes at least `plan.minSampleNanos`
    ///    (or ``maxCalibratedIterations`` is reached). Calibration batches
    ///    are not recorded.
    /// 2. **Rounds**: `plan.warmups` warm-up rounds then `plan.repetitions`
    ///    measured rounds. Each round times every cell once, with its
    ///    calibrated count, in an order drawn by a ``SeededGenerator`` seeded
    ///    with `plan.seed` (one generator for the whole call, so successive
    ///    rounds get different orders and the same plan gives the same
    ///    orders).
    ///
    /// `progress`, if given, is called after every recorded batch with
    /// (batches done, batches in total), the total being
    /// `cells.count * plan.rounds`. Results come back in the order of `cells`.
    ///
    /// - Precondition: cell identifiers are unique.
    /// - Complexity: O(cells × rounds) batches of about `minSampleNanos`
    ///   each, plus calibration (under `2 × minSampleNanos` of batches per
    ///   cell once the count is large enough).
    public static func measure(_ cells: [TimedCell], plan: SamplingPlan, clock: SampleClock = .monotonic,
                               progress: ((Int, Int) -> Void)? = nil) -> [CellSamples] {
        return measure(cells, plan: plan, clock: clock.read, progress: progress)
    }

    /// ``measure(_:plan:progress:)`` with an injectable clock (tests drive
    /// calibration with a synthetic clock instead of wall time).
    static func measure(_ cells: [TimedCell], plan: SamplingPlan, clock: () -> UInt64, progress: ((Int, Int) -> Void)?) -> [CellSamples] {
        measure(groups: [cells], plan: plan, clock: clock, progress: progress.map { p in { done, total, _, _ in p(done, total) } })[0]
    }

    /// Measures groups of cells (a suite's cells, each group the strategies
    /// of one workload cell) in rounds that cover every group: each round
    /// visits the groups in a freshly shuffled order and times a group's
    /// cells back to back, themselves shuffled. So the strategies of one cell
    /// are still timed within the same few tens of milliseconds, while a
    /// cell's repetitions are spread over the whole pass instead of falling
    /// into one stretch of seconds: on these VMs the machine switches between
    /// a fast and a slow mode lasting seconds (measured: the same `getStore`
    /// batch at 28 and at 50 ns within one process), and a cell timed in one
    /// stretch was in whichever mode that stretch was in.
    ///
    /// Calibration runs first, every cell in the given order. `progress`, if
    /// given, is called after every recorded batch with (batches done,
    /// batches in total, group index, round). Results come back as `groups`.
    ///
    /// - Precondition: cell identifiers are unique within each group.
    /// - Complexity: O(cells × rounds) batches, as ``measure(_:plan:progress:)``.
    public static func measure(groups: [[TimedCell]], plan: SamplingPlan, clock: SampleClock = .monotonic,
                               progress: ((_ done: Int, _ total: Int, _ group: Int, _ round: Int) -> Void)? = nil) -> [[CellSamples]] {
        measure(groups: groups, plan: plan, clock: clock.read, progress: progress)
    }

    static func measure(groups: [[TimedCell]], plan: SamplingPlan, clock: () -> UInt64,
                        progress: ((Int, Int, Int, Int) -> Void)?) -> [[CellSamples]] {
        for cells in groups {
            precondition(Set(cells.map(\.id)).count == cells.count, "Sampler.measure: cell identifiers must be unique")
        }
        let iterations = groups.map { $0.map { calibrate($0, minSampleNanos: plan.minSampleNanos, clock: clock) } }
        var results = zip(groups, iterations).map { cells, counts in
            zip(cells, counts).map { cell, n in CellSamples(id: cell.id, iterations: n, samples: []) }
        }
        // Capacity is a hint: a huge plan must not trap here (the CLI bounds --reps).
        for g in results.indices { for i in results[g].indices { results[g][i].samples.reserveCapacity(Swift.min(plan.rounds, 1 << 16)) } }

        var generator = SeededGenerator(seed: plan.seed)
        let cellCount = groups.reduce(0) { $0 + $1.count }
        let (total, overflow) = cellCount.multipliedReportingOverflow(by: plan.rounds)
        let totalBatches = overflow ? Int.max : total
        var done = 0
        for round in 0..<plan.rounds {
            var groupOrder = Array(groups.indices)
            generator.shuffle(&groupOrder)
            var position = 0
            for g in groupOrder {
                var order = Array(groups[g].indices)
                generator.shuffle(&order)
                for index in order {
                    let n = iterations[g][index]
                    let nanos = time(groups[g][index], iterations: n, clock: clock)
                    results[g][index].samples.append(TimedSample(
                        repetition: round,
                        isWarmup: round < plan.warmups,
                        iterations: n,
                        totalNanos: nanos,
                        nanosPerIteration: Double(nanos) / Double(n),
                        orderInRepetition: position))
                    position += 1
                    done += 1
                    progress?(done, totalBatches, g, round)
                }
            }
        }
        return results
    }

    /// Doubles the iteration count from 1 until one batch reaches
    /// `minSampleNanos` or the cap.
    static func calibrate(_ cell: TimedCell, minSampleNanos: UInt64, clock: () -> UInt64) -> Int {
        var n = 1
        while true {
            let nanos = time(cell, iterations: n, clock: clock)
            if nanos >= minSampleNanos || n >= maxCalibratedIterations { return n }
            n = Swift.min(n * 2, maxCalibratedIterations)
        }
    }

    /// Times one batch; the checksum goes to ``blackHole(_:)`` after the
    /// clock is read.
    @inline(__always)
    static func time(_ cell: TimedCell, iterations: Int, clock: () -> UInt64) -> UInt64 {
        let start = clock()
        let checksum = cell.run(iterations)
        let end = clock()
        blackHole(checksum)
        return end &- start
    }
}
