import XCTest
@testable import Reporting
import ContextStrategies
import Workloads

/// Reporting reads CSVs and does not link the strategies, so the ids it
/// names (fidelity pairs, the crossover pair) are checked here against what
/// the registered strategies declare: a renamed strategy, or a pair that no
/// longer matches the runtime a strategy says it models, fails naming it.
final class RegistryAgreementTests: XCTestCase {
    /// The real runtime each `ModelledRuntime` is measured through in
    /// `scripts/real` (workerd does not run the benchmark: Bun, per-reaction
    /// immutable frames, stands in for it).
    static func measuredAs(_ runtime: ModelledRuntime) -> String {
        switch runtime {
        case .node24Frame, .node24Hooks, .node20: return runtime.rawValue
        case .workerd: return "bun"
        }
    }

    func testFidelityCounterpartsAreTheModelledRuntimes() {
        for (model, real) in Fidelity.counterparts + FidelityData.judgedPairs.map({ ($0.model, $0.engine) }) {
            guard let profile = StrategyRegistry.profile(for: model) else { XCTFail("\(model) is not a registered strategy"); continue }
            XCTAssertEqual(profile.role, .faithful, model)
            XCTAssertEqual(profile.models.map(Self.measuredAs), real, "\(model) is paired with \(real) but declares it models \(String(describing: profile.models))")
        }
        for pair in FidelityData.shownPairs {
            XCTAssertEqual(StrategyRegistry.profile(for: pair.model)?.role, .faithful, "\(pair.model) (shown beside \(pair.engine))")
        }
        XCTAssertEqual(FidelityData.baseline, StrategyCatalog.baselineID)
    }

    func testCrossoverPairIsCopyPerResourceAgainstCopyOnRun() {
        let a = StrategyRegistry.profile(for: Analysis.crossoverPair.a)?.semantics?.mechanism
        let b = StrategyRegistry.profile(for: Analysis.crossoverPair.b)?.semantics?.mechanism
        XCTAssertEqual(a, .asyncHooks(.node24), Analysis.crossoverPair.a)
        XCTAssertEqual(b, .continuationSlot, Analysis.crossoverPair.b)
        XCTAssertEqual(StrategyRegistry.profile(for: Analysis.crossoverPair.b)?.role, .faithful)
    }

    /// Every registered strategy is drawn with a style of its own in every
    /// chart (a fixed one, or a fallback distinct from all fixed ones).
    func testEveryRegisteredStrategyHasADistinctStyle() {
        let ids = StrategyRegistry.entries.map(\.id)
        let styles = StrategyPalette.styles(for: ids)
        XCTAssertEqual(Set(ids.compactMap { styles[$0] }).count, ids.count)
    }
}
