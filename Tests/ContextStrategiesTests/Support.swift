import XCTest
import HostRuntime
import ContextStrategies
import Measurement

/// Program generation from one seed (``SplitMix64`` from Measurement), so
/// every generated program can be reproduced from one number.
extension SplitMix64 {
    /// Uniform in 0..<n.
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
}

/// What a conformance scenario sees: a fresh host of one strategy, and a log
/// of observations. Scenarios record what callbacks observe; the runner
/// compares the whole log with the expected one, so a callback that never
/// ran is a failure too (the `common.mustCall` of Node's tests).
final class Probe<S: ContextStrategy> {
    let host = Host(strategy: S())
    private(set) var log: [String] = []
    var id: String { S.id }
    var supportsEnterWith: Bool { S.id != FrameRef.id }

    func storage(_ name: String = "als", defaultValue: JSValue = .undefined) -> AsyncLocalStorage<S> {
        AsyncLocalStorage(host, name: name, defaultValue: defaultValue)
    }
    /// Records `label=value`.
    func see(_ label: String, _ value: JSValue) { log.append("\(label)=\(value)") }
    func note(_ line: String) { log.append(line) }

    /// Chooses an expected value by the runtime the strategy models. The
    /// frame-representation variants expect continuation-slot's value, except
    /// where `pointerRestore` is given: the variants whose `run` restores the
    /// previous frame by pointer (all but slot-cow) instead of Node 24's
    /// `enterWith(prior)` on the current frame. `hooks20` is Node 20's
    /// async_hooks ALS (`hook-map-copy-node20`), where it differs from Node
    /// 24's (`hooks`).
    func per<T>(hooks: T, hooks20: T? = nil, promiseHooks: T? = nil, frames: T, slot: T? = nil, pointerRestore: T? = nil) -> T {
        switch S.id {
        case HookMapCopy.id: return hooks
        case HookMapCopyNode20.id: return hooks20 ?? hooks
        case PromiseHooks.id: return promiseHooks ?? hooks
        case FrameRef.id: return frames
        default:
            if let pointerRestore, (S.self as? SlotCarriedInspectable.Type)?.restoresByPointer == true { return pointerRestore }
            return slot ?? frames
        }
    }
}

/// One conformance scenario, written once for every strategy.
protocol Scenario {
    /// The public test or issue it comes from.
    static var source: String { get }
    /// Runs the scenario and returns the expected log.
    static func check<S: ContextStrategy>(_ t: Probe<S>) throws -> [String]
}

/// Runs a scenario under one strategy; returns (actual, expected) logs.
struct ScenarioVisitor<Sc: Scenario>: StrategyVisitor {
    func visit<S: ContextStrategy>(_ type: S.Type) -> Result<([String], [String]), Error> {
        let t = Probe<S>()
        do {
            let expected = try Sc.check(t)
            return .success((t.log, expected))
        } catch {
            return .failure(error)
        }
    }
}

/// Runs `Sc` under every faithful strategy and every frame-representation
/// variant (`StrategyRegistry.oracleIDs`) and fails on any log mismatch.
/// Returns the observed log per strategy (for the divergence matrix).
@discardableResult
func checkScenario<Sc: Scenario>(_ sc: Sc.Type, file: StaticString = #filePath, line: UInt = #line) -> [String: [String]] {
    var observed: [String: [String]] = [:]
    for id in StrategyRegistry.oracleIDs {
        switch StrategyRegistry.visit(id: id, ScenarioVisitor<Sc>())! {
        case .success(let (actual, expected)):
            observed[id] = actual
            XCTAssertFalse(expected.isEmpty, "\(Sc.self) expects nothing", file: file, line: line)
            if actual != expected {
                XCTFail("\(Sc.self) [\(id)] (\(Sc.source))\n  expected \(expected)\n  actual   \(actual)", file: file, line: line)
            }
        case .failure(let error):
            XCTFail("\(Sc.self) [\(id)] threw \(error)", file: file, line: line)
        }
    }
    return observed
}
