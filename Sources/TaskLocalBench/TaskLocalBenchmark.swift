#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Measurement

/// One timed sample: `iterations` runs of the workload.
public struct TaskLocalSample: Sendable {
    public var storages: Int
    public var repetition: Int
    public var warmup: Bool
    public var iterations: Int
    /// Process CPU nanoseconds for the whole sample.
    public var cpuNanos: UInt64
    /// Monotonic wall nanoseconds (informational; includes sleeps and waits).
    public var wallNanos: UInt64
    public var checksum: UInt64
    public var reads: Int
}

/// One k of one workload: its samples and their summary (`Measurement.Statistics`).
public struct TaskLocalCell: Sendable {
    public var storages: Int
    public var ops: Int
    public var samples: [TaskLocalSample]
    /// Every run's checksum was the same.
    public var checksumsAgree: Bool
    public var outcome: TaskLocalOutcome
    /// Summary of the measured (non-warm-up) samples' CPU ns per op.
    public var summary: SampleSummary
    /// `ratio_vs_none`: this k against k = 0 (no binding), when both were measured.
    public var ratioVsNone: RatioEstimate?

    public var nanosPerOp: [Double] {
        samples.filter { !$0.warmup }.map { Double($0.cpuNanos) / Double($0.iterations * ops) }
    }
}

/// Measures one workload at several k, repetitions of all k interleaved in a
/// seeded random order (bindings have no process-wide side effects, so
/// interleaving is safe and spreads machine noise evenly).
public struct TaskLocalBenchmark: Sendable {
    public var workload: TaskLocalWorkload
    public var storages: [Int]
    public var ops: Int
    public var concurrency: Int
    public var repetitions: Int
    public var warmups: Int
    public var targetSampleNanos: UInt64
    public var seed: UInt64
    /// Where every task of the measurement runs (default: one thread, like a JS event loop).
    public var executor: TaskLocalExecutor

    public init(workload: TaskLocalWorkload, storages: [Int] = [0, 1, 8, 64], ops: Int? = nil, concurrency: Int = 100,
                repetitions: Int = 7, warmups: Int = 2, targetSampleNanos: UInt64 = 40_000_000, seed: UInt64 = 42,
                executor: TaskLocalExecutor = .single) {
        self.workload = workload
        self.storages = storages
        self.ops = ops ?? workload.defaultOps
        self.concurrency = concurrency
        self.repetitions = repetitions
        self.warmups = warmups
        self.targetSampleNanos = targetSampleNanos
        self.seed = seed
        self.executor = executor
    }

    func parameters(_ k: Int) -> TaskLocalParameters {
        TaskLocalParameters(storages: k, ops: workload == .requestServer ? max(ops, 2 * concurrency) : ops,
                            concurrency: concurrency)
    }

    /// Runs the benchmark on ``executor``; `report` then sees every sample in the order taken.
    public func run(report: (TaskLocalSample) -> Void = { _ in }) async -> [TaskLocalCell] {
        let (cells, order) = await executor.run { await self.measure() }
        for s in order { report(s) }
        return cells
    }

    func measure() async -> ([TaskLocalCell], [TaskLocalSample]) {
        var taken: [TaskLocalSample] = []
        var iterations: [Int: Int] = [:]
        var outcomes: [Int: TaskLocalOutcome] = [:]
        var agree: [Int: Bool] = [:]
        var samples: [Int: [TaskLocalSample]] = [:]
        // Calibration: at least 5 ms of CPU per k, then iterations per sample.
        for k in storages {
            let p = parameters(k)
            var runs = 0
            let start = ProcessCPUClock.now()
            var elapsed: UInt64 = 0
            repeat {
                let outcome = await TaskLocalWorkloads.run(workload, p)
                if let first = outcomes[k], first != outcome { agree[k] = false }
                outcomes[k] = outcomes[k] ?? outcome
                runs += 1
                elapsed = ProcessCPUClock.now() - start
            } while elapsed < 5_000_000 && runs < 1_000
            let perRun = max(1, elapsed / UInt64(runs))
            iterations[k] = max(1, Int((targetSampleNanos + perRun - 1) / perRun))
            agree[k] = agree[k] ?? true
            samples[k] = []
        }
        var generator = SeededGenerator(seed: seed)
        for round in 0..<(warmups + repetitions) {
            var order = storages
            generator.shuffle(&order)
            for k in order {
                let p = parameters(k)
                let n = iterations[k]!
                var last = outcomes[k]!
                let wall0 = MonotonicClock.now()
                let cpu0 = ProcessCPUClock.now()
                for _ in 0..<n {
                    last = await TaskLocalWorkloads.run(workload, p)
                    if last != outcomes[k]! { agree[k] = false }
                }
                let cpu = ProcessCPUClock.now() - cpu0
                let wall = MonotonicClock.now() - wall0
                let warm = round < warmups
                let sample = TaskLocalSample(storages: k, repetition: warm ? round : round - warmups, warmup: warm,
                                             iterations: n, cpuNanos: cpu, wallNanos: wall,
                                             checksum: last.checksum, reads: last.reads)
                samples[k]!.append(sample)
                taken.append(sample)
            }
        }
        var cells = storages.map { k -> TaskLocalCell in
            let p = parameters(k)
            var cell = TaskLocalCell(storages: k, ops: p.ops, samples: samples[k]!, checksumsAgree: agree[k]!,
                                     outcome: outcomes[k]!, summary: SampleSummary(n: 0, minimum: .exact(0), fastestQuarterMean: .exact(0), median: .exact(0),
                                                                                   mad: 0, mean: 0, stddev: 0, cv: 0, mildOutliers: 0, severeOutliers: 0),
                                     ratioVsNone: nil)
            cell.summary = Statistics.summarize(cell.nanosPerOp, seed: 42)
            return cell
        }
        if let baseline = cells.first(where: { $0.storages == 0 })?.nanosPerOp {
            for i in cells.indices where cells[i].storages != 0 {
                cells[i].ratioVsNone = Statistics.ratio(cells[i].nanosPerOp, baseline: baseline, of: Statistics.headline, seed: 43)
            }
        }
        return (cells, taken)
    }
}
