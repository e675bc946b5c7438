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
    /// The strategy's declared semantics. The oracle runs only strategies
    /// that have some (the baseline has none and is never probed).
    var semantics: SemanticProfile {
        guard let semantics = S.profile.semantics else { preconditionFailure("\(S.id) declares no semantics, so no scenario applies") }
        return semantics
    }
    var supportsEnterWith: Bool { semantics.supportsEnterWithAndDisable }

    func storage(_ name: String = "als", defaultValue: JSValue = .undefined) -> AsyncLocalStorage<S> {
        AsyncLocalStorage(host, name: name, defaultValue: defaultValue)
    }
    /// Records `label=value`.
    func see(_ label: String, _ value: JSValue) { log.append("\(label)=\(value)") }
    func note(_ line: String) { log.append(line) }

    /// Chooses an expected value by the mechanism the strategy declares
    /// (`SemanticProfile.mechanism`, an exhaustive switch: a new mechanism is
    /// a compile error here, not a silent borrow). `hooks20` is Node 20's
    /// async_hooks ALS where it differs from Node 24's (`hooks`);
    /// `promiseHooks` the context manager's where it differs from the hooks';
    /// `slot` the continuation slot's where it differs from workerd's
    /// (`frames`); `pointerRestore` a slot strategy's whose `run` puts the
    /// previous frame back by pointer (`RunRestore.byPointer`) where that
    /// differs from Node 24's `enterWith(prior)`.
    func per<T>(hooks: T, hooks20: T? = nil, promiseHooks: T? = nil, frames: T, slot: T? = nil, pointerRestore: T? = nil) -> T {
        switch semantics.mechanism {
        case .asyncHooks(.node24): return hooks
        case .asyncHooks(.node20): return hooks20 ?? hooks
        case .promiseHooks: return promiseHooks ?? hooks
        case .frameRef: return frames
        case .continuationSlot:
            switch semantics.runRestore {
            case .byPointer: return pointerRestore ?? slot ?? frames
            case .rebindPrior: return slot ?? frames
            }
        }
    }

    /// The expectation for the context an `unhandledRejection` handler sees.
    func perRejectionContext<T>(creation: T, root: T, rejection: T) -> T {
        switch semantics.unhandledRejectionContext {
        case .creation: return creation
        case .root: return root
        case .rejection: return rejection
        }
    }

    /// The expectation by whether `async_hooks.executionAsyncResource()` exists.
    func perExecutionResources<T>(available: T, unavailable: T) -> T {
        semantics.hasExecutionResources ? available : unavailable
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
        guard let outcome = StrategyRegistry.visit(id: id, ScenarioVisitor<Sc>()) else {
            XCTFail("\(Sc.self): '\(id)' is in oracleIDs but not registered", file: file, line: line)
            continue
        }
        switch outcome {
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
