import XCTest
@testable import TaskLocalBench
#if canImport(Glibc)
import Glibc
#endif

/// The TaskLocal workloads observe exactly the values bound for them, in a
/// deterministic order. Nothing here looks at time.
final class TaskLocalWorkloadTests: XCTestCase {
    /// The checksum of a sequence of observed values, folded independently.
    func expected(_ values: [Double?]) -> TaskLocalOutcome {
        var c = ContextChecksum()
        for v in values { c.observe(v) }
        return TaskLocalOutcome(checksum: c.value, reads: c.reads)
    }

    func nothing(_ reads: Int) -> TaskLocalOutcome {
        var c = ContextChecksum()
        for _ in 0..<reads { c.observeNothing() }
        return TaskLocalOutcome(checksum: c.value, reads: c.reads)
    }

    /// Round-robin over k storages holding 1 + i.
    func roundRobin(k: Int, reads: Int) -> [Double?] { (0..<reads).map { Double(1 + $0 % k) } }

    func testChecksumMatchesTheModelProbe() {
        // FNV-1a 64 as the model's ContextProbe: basis, then (h ^ bits) * prime.
        var c = ContextChecksum()
        c.observe(1)
        XCTAssertEqual(c.value, (0xcbf2_9ce4_8422_2325 ^ (1.0).bitPattern) &* 0x0000_0100_0000_01b3)
        XCTAssertEqual(c.reads, 1)
        c.observe(nil)
        c.observeNothing()
        XCTAssertEqual(c.reads, 3)
    }

    func testPromiseChainObservesBoundValues() async {
        for k in [1, 3, 8] {
            let outcome = await TaskLocalWorkloads.run(.promiseChain, TaskLocalParameters(storages: k, ops: 50))
            XCTAssertEqual(outcome, expected(roundRobin(k: k, reads: 50)), "k = \(k)")
        }
    }

    func testAwaitLoopObservesBoundValues() async {
        for k in [1, 5, 64] {
            let outcome = await TaskLocalWorkloads.run(.awaitLoop, TaskLocalParameters(storages: k, ops: 200))
            XCTAssertEqual(outcome, expected(roundRobin(k: k, reads: 200)), "k = \(k)")
        }
    }

    func testAwaitDepthLogsOncePerCall() async {
        // ops 110 at depth 10: 10 calls of 11 awaits, one log each.
        let outcome = await TaskLocalWorkloads.run(.awaitDepth, TaskLocalParameters(storages: 4, ops: 110))
        XCTAssertEqual(outcome, expected(roundRobin(k: 4, reads: 10)))
    }

    func testFanoutChildrenInheritBindings() async {
        let outcome = await TaskLocalWorkloads.run(.promiseFanout, TaskLocalParameters(storages: 8, ops: 300, width: 100))
        XCTAssertEqual(outcome, expected(roundRobin(k: 8, reads: 300)))
    }

    func testRequestServerIsolatesRequests() async {
        // Every request sees only its own bindings (id * 4096 + i), even with
        // many in flight on a multi-threaded executor.
        let k = 4, ops = 60
        let outcome = await TaskLocalWorkloads.run(.requestServer, TaskLocalParameters(storages: k, ops: ops, concurrency: 16))
        var values: [Double?] = []
        for id in 0..<ops { for j in 0..<3 { values.append(Double(id * 4096 + (3 * id + j) % k)) } }
        XCTAssertEqual(outcome, expected(values))
    }

    func testNoBindingBaselineLogsNothing() async {
        for w in TaskLocalWorkload.allCases {
            let p = TaskLocalParameters(storages: 0, ops: w == .requestServer ? 30 : 220, concurrency: 10)
            let outcome = await TaskLocalWorkloads.run(w, p)
            let reads: Int
            switch w {
            case .awaitDepth: reads = p.ops / (p.depth + 1)
            case .requestServer: reads = 3 * p.ops
            case .promiseFanout: reads = (p.ops / p.width) * p.width
            default: reads = p.ops
            }
            XCTAssertEqual(outcome, nothing(reads), w.rawValue)
        }
    }

    func testRunsAreDeterministic() async {
        for w in TaskLocalWorkload.allCases {
            let p = TaskLocalParameters(storages: 8, ops: w == .requestServer ? 40 : 500, concurrency: 8)
            let a = await TaskLocalWorkloads.run(w, p)
            let b = await TaskLocalWorkloads.run(w, p)
            XCTAssertEqual(a, b, w.rawValue)
        }
    }

    func testBindingsAreGoneAfterTheRun() async {
        _ = await TaskLocalWorkloads.run(.awaitLoop, TaskLocalParameters(storages: 64, ops: 10))
        for i in 0..<64 { XCTAssertNil(TaskLocalKeys.read(i)) }
    }

    func testSingleThreadExecutorGivesTheSameObservations() async {
        for w in TaskLocalWorkload.allCases {
            let p = TaskLocalParameters(storages: 8, ops: w == .requestServer ? 40 : 500, concurrency: 8)
            let onGlobal = await TaskLocalExecutor.global.run { await TaskLocalWorkloads.run(w, p) }
            let onSingle = await TaskLocalExecutor.single.run { await TaskLocalWorkloads.run(w, p) }
            XCTAssertEqual(onGlobal, onSingle, w.rawValue)
        }
    }

    func testSingleThreadExecutorRunsChildTasksOnItsThread() async {
        let threads = await TaskLocalExecutor.single.run { () -> Set<UInt> in
            await withTaskGroup(of: UInt.self) { group in
                for _ in 0..<50 { group.addTask { await Task.yield(); return UInt(bitPattern: Int(bitPattern: UInt(pthread_self()))) } }
                var seen = Set<UInt>()
                for await t in group { seen.insert(t) }
                return seen
            }
        }
        XCTAssertEqual(threads.count, 1)
    }

    func testBenchmarkCountsAreDeterministic() async {
        let bench = TaskLocalBenchmark(workload: .awaitLoop, storages: [0, 2], ops: 100, repetitions: 3, warmups: 1,
                                       targetSampleNanos: 100_000)
        let cells = await bench.run()
        XCTAssertEqual(cells.map(\.storages), [0, 2])
        for c in cells {
            XCTAssertEqual(c.samples.count, 4)
            XCTAssertEqual(c.samples.filter(\.warmup).count, 1)
            XCTAssertTrue(c.checksumsAgree)
            XCTAssertEqual(c.outcome.reads, 100)
            XCTAssertEqual(c.summary.n, 3)
        }
        XCTAssertNil(cells[0].ratioVsNone)
        XCTAssertNotNil(cells[1].ratioVsNone)
        XCTAssertEqual(cells[1].outcome, expected(roundRobin(k: 2, reads: 100)))
    }
}
