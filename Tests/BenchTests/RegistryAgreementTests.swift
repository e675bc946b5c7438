import XCTest
@testable import Reporting
import ContextStrategies
import Workloads
import Suites

/// The pairings Reporting still names as lists (the fidelity pairs, which
/// are choices of the study: Node 24's two modes are judged, Node 20 and Deno
/// shown beside them) agree with what the registered strategies and the real
/// runtimes declare: a renamed strategy, or a pair that no longer matches the
/// runtime a strategy says it models, fails naming it. Everything else
/// (the crossover pair, the fidelity suite, the baseline, the gnuplot and
/// check-results defaults) is derived from the registry and needs no check.
final class RegistryAgreementTests: XCTestCase {
    func testFidelityCounterpartsAreTheModelledRuntimes() {
        for (model, real) in Fidelity.counterparts + FidelityData.judgedPairs.map({ ($0.model, $0.engine) }) {
            guard let profile = StrategyRegistry.profile(for: model) else { XCTFail("\(model) is not a registered strategy"); continue }
            XCTAssertEqual(profile.role, .faithful, model)
            XCTAssertEqual(RealRuntime(rawValue: real)?.modelCounterpart, model,
                           "\(model) is paired with \(real) but declares it models \(String(describing: profile.models))")
        }
        for pair in FidelityData.shownPairs {
            XCTAssertEqual(StrategyRegistry.profile(for: pair.model)?.role, .faithful, "\(pair.model) (shown beside \(pair.engine))")
            XCTAssertNotNil(RealRuntime(rawValue: pair.engine), pair.engine)
        }
    }

    /// The crossover the paper states is between Node 24's two designs, the
    /// models of the pairs the agreement criteria judge.
    func testCrossoverPairIsTheJudgedNode24Pair() {
        XCTAssertEqual([Analysis.crossoverPair.a, Analysis.crossoverPair.b], FidelityData.judgedPairs.map(\.model))
    }

    /// Every registered strategy is drawn with a style of its own in every
    /// chart (a fixed one, or a fallback distinct from all fixed ones).
    func testEveryRegisteredStrategyHasADistinctStyle() {
        let ids = StrategyRegistry.entries.map(\.id)
        let styles = StrategyPalette.styles(for: ids)
        XCTAssertEqual(Set(ids.compactMap { styles[$0] }).count, ids.count)
    }
}
