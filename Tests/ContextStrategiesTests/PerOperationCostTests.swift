import XCTest
import HostRuntime
import ContextStrategies
import Measurement

/// Counters per operation, measured with k storages all holding a value:
/// the numbers the measurement layer reports, pinned exactly.
struct PerOperationCost: StrategyVisitor {
    enum Operation: String, CaseIterable { case awaitValue = "await 1", then = "then on resolved", timeout = "setTimeout (fired)", run = "run (new value)" }
    let k: Int
    let operation: Operation
    static let n = 100

    func visit<S: ContextStrategy>(_ type: S.Type) -> StrategyCounters {
        func measure(_ ops: Int) -> StrategyCounters {
            let host = Host(strategy: S())
            let storages = (0..<k).map { AsyncLocalStorage(host, name: "s\($0)") }
            host.run {
                func nest(_ i: Int) {
                    guard i == k else { return storages[i].run(.number(Double(i + 1))) { nest(i + 1) } }
                    for j in 0..<ops {
                        switch operation {
                        case .awaitValue: _ = host.async { .awaiting(1) { _ in .done } }
                        case .then: host.promiseResolve(1).then({ $0 })
                        case .timeout: host.setTimeout(1) {}
                        case .run: storages[0].run(.number(Double(1000 + j))) {}
                        }
                    }
                }
                nest(0)
            }
            return host.strategy.counters
        }
        let base = measure(0), full = measure(Self.n)
        var per = StrategyCounters()
        per.hookCalls = (full.hookCalls - base.hookCalls) / Self.n
        per.entriesCopied = (full.entriesCopied - base.entriesCopied) / Self.n
        per.framesCreated = (full.framesCreated - base.framesCreated) / Self.n
        per.wrappersAllocated = (full.wrappersAllocated - base.wrappersAllocated) / Self.n
        per.sideTableHighWater = (full.sideTableHighWater - base.sideTableHighWater) / Self.n
        per.sideTableSize = full.sideTableSize
        return per
    }
}

final class PerOperationCostTests: XCTestCase {
    func testPerOperationCostTable() {
        var lines = ["| strategy | operation | k | hookCalls | entriesCopied | framesCreated | wrappers | sideTable after drain |",
                     "|---|---|---|---|---|---|---|---|"]
        for id in StrategyRegistry.faithfulIDs {
            for operation in PerOperationCost.Operation.allCases {
                for k in [1, 10, 100] {
                    let c = StrategyRegistry.visit(id: id, PerOperationCost(k: k, operation: operation))!
                    lines.append("| \(id) | \(operation.rawValue) | \(k) | \(c.hookCalls) | \(c.entriesCopied) | \(c.framesCreated) | \(c.wrappersAllocated) | \(c.sideTableSize) |")
                    // Resources per operation: an async function awaiting 1 = its
                    // own promise + the promise `await` wraps 1 in + the await
                    // reaction; `Promise.resolve(1).then(f)` = two promises;
                    // timeout = 1; run = 0.
                    let resources: [PerOperationCost.Operation: Int] = [.awaitValue: 3, .then: 2, .timeout: 1, .run: 0]
                    // Scheduled callbacks per operation (reaction, await, timer).
                    let callbacks: [PerOperationCost.Operation: Int] = [.awaitValue: 1, .then: 1, .timeout: 1, .run: 0]
                    switch id {
                    case HookMapCopy.id, HookMapCopyNode20.id:
                        // Every storage here is used, so both releases copy all k.
                        XCTAssertEqual(c.entriesCopied, k * resources[operation]!, "\(id) \(operation) k=\(k)")
                        XCTAssertEqual(c.hookCalls, resources[operation]!)
                    case PromiseHooks.id:
                        // init per resource; before/after per callback; promiseResolve
                        // per promise; destroy per non-promise resource.
                        let expected: [PerOperationCost.Operation: Int] = [.awaitValue: 8, .then: 6, .timeout: 4, .run: 0]
                        XCTAssertEqual(c.hookCalls, expected[operation]!, "\(id) \(operation) k=\(k)")
                        XCTAssertEqual(c.entriesCopied, operation == .run ? k : 0)
                        XCTAssertEqual(c.sideTableSize, 0)
                    case FrameRef.id:
                        XCTAssertEqual(c.framesCreated, operation == .run ? 1 : 0, "\(id) \(operation) k=\(k)")
                        XCTAssertEqual(c.entriesCopied, operation == .run ? k : 0)
                        XCTAssertEqual(c.wrappersAllocated, callbacks[operation]!)
                    case ContinuationSlot.id:
                        XCTAssertEqual(c.framesCreated, operation == .run ? 2 : 0, "\(id) \(operation) k=\(k)")
                        XCTAssertEqual(c.entriesCopied, operation == .run ? 2 * k : 0)
                        XCTAssertEqual(c.wrappersAllocated, 0)
                        XCTAssertEqual(c.hookCalls, 0)
                    default:
                        // A cost pin is the strategy's own: a new faithful
                        // strategy states its expected counts here.
                        XCTFail("\(id): no per-operation cost expectation (\(operation) k=\(k)); add a case for it")
                    }
                }
            }
        }
        print("Per-operation counters:\n" + lines.joined(separator: "\n"))
    }
}
