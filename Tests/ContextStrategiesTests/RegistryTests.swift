import XCTest
import HostRuntime
import ContextStrategies

/// The registry's derived lists and the profiles strategies declare.
final class RegistryTests: XCTestCase {
    func testRegistry() {
        struct IDOf: StrategyVisitor { func visit<S: ContextStrategy>(_ type: S.Type) -> String { S.id } }
        // The derived lists partition the registered strategies by declared
        // role (no list of ids of its own: a new strategy is covered here by
        // registering it).
        let entries = StrategyRegistry.entries
        XCTAssertEqual(Set(entries.map(\.id)).count, entries.count, "ids are unique")
        XCTAssertEqual(StrategyRegistry.allIDs.first, NoPropagation.id, "the baseline comes first")
        XCTAssertEqual(StrategyRegistry.allIDs, entries.filter { $0.profile.role == .baseline }.map(\.id) + StrategyRegistry.faithfulIDs)
        XCTAssertEqual(StrategyRegistry.faithfulIDs, Array(StrategyRegistry.allIDs.dropFirst()))
        XCTAssertEqual(StrategyRegistry.entries.filter(\.isFaithful).map(\.id), StrategyRegistry.faithfulIDs)
        XCTAssertEqual(StrategyRegistry.variantIDs, entries.filter { $0.profile.role == .variant }.map(\.id))
        XCTAssertEqual(StrategyRegistry.frameVariantIDs, StrategyRegistry.variantIDs, "every variant is a frame representation")
        XCTAssertEqual(StrategyRegistry.oracleIDs, StrategyRegistry.faithfulIDs + StrategyRegistry.variantIDs)
        XCTAssertEqual(StrategyRegistry.allMeasurableIDs, StrategyRegistry.allIDs + StrategyRegistry.variantIDs)
        XCTAssertEqual(Set(StrategyRegistry.allMeasurableIDs), Set(entries.map(\.id)))
        for entry in entries {
            XCTAssertEqual(StrategyRegistry.visit(id: entry.id, IDOf()), entry.id)
            XCTAssertFalse(StrategyRegistry.summary(for: entry.id)?.isEmpty ?? true)
            // Only the baseline may declare no semantics: every other strategy
            // is held to the scenarios.
            XCTAssertEqual(entry.profile.semantics == nil, entry.profile.role == .baseline, entry.id)
        }
        XCTAssertNil(StrategyRegistry.visit(id: "bogus", IDOf()))
        for id in StrategyRegistry.variantIDs { XCTAssertFalse(StrategyRegistry.faithfulIDs.contains(id)) }
    }

    /// The profiles say what the strategies' docs say (and the scenarios
    /// then hold each to it).
    func testProfilesDeclareTheModelledRuntimes() {
        XCTAssertEqual(FrameRef.profile.semantics?.supportsEnterWithAndDisable, false, "workerd: not implemented")
        XCTAssertEqual(HookMapCopy.profile.models, .node24Hooks)
        XCTAssertEqual(HookMapCopyNode20.profile.models, .node20)
        XCTAssertEqual(ContinuationSlot.profile.models, .node24Frame)
        XCTAssertEqual(FrameRef.profile.models, .workerd)
        XCTAssertEqual(SlotCOW.profile.semantics?.runRestore, .rebindPrior)
        XCTAssertEqual(SlotLinked.profile.semantics?.runRestore, .byPointer)
        XCTAssertEqual(NoPropagation.profile, .baseline)
    }
}
