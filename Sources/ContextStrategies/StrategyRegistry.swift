import HostRuntime

/// Generic code to run for one strategy type, chosen by id at run time
/// (`StrategyList.visit`). The body is specialized per strategy, so the
/// choice costs one comparison per registered strategy, not a dynamic call
/// per operation.
public protocol StrategyVisitor {
    associatedtype Result
    func visit<S: ContextStrategy>(_ type: S.Type) -> Result
}

/// What the registry knows of one strategy, read from the type's own
/// declaration (`ContextStrategy.id`, `.summary`, `.profile`).
public struct StrategyEntry: Sendable, Equatable {
    public let id: String
    public let summary: String
    public let profile: StrategyProfile
    /// Whether the strategy models a real runtime (and so is in the standard
    /// suite); every non-baseline strategy is held to the oracle.
    public var isFaithful: Bool { profile.role == .faithful }

    public init<S: ContextStrategy>(_ type: S.Type) {
        id = S.id
        summary = S.summary
        profile = S.profile
    }
}

/// A list of strategy *types*, built one registration at a time:
///
///     typealias Mine = BuiltInStrategies.And<MyStrategy>
///
/// The list is a type (`Registered<Earlier, S>`), not an array of
/// existentials, so `visit` is resolved at compile time into a chain of id
/// comparisons each calling `visitor.visit(S.self)` with a concrete `S`:
/// `Host<S>` and the workloads stay fully specialized (an array of
/// `any ContextStrategy.Type`, or a parameter pack, would run the visitor's
/// body unspecialized).
public protocol StrategyList {
    /// Runs `visitor` with the registered strategy whose id is `id`; nil for an unknown id.
    /// - Complexity: O(n) id comparisons in the number of registered strategies.
    static func visit<V: StrategyVisitor>(id: String, _ visitor: V) -> V.Result?
    /// Appends every registered strategy's entry, in registration order.
    static func collect(into entries: inout [StrategyEntry])
}

extension StrategyList {
    /// This list with `S` registered after the others.
    public typealias And<S: ContextStrategy> = Registered<Self, S>

    /// Every registered strategy, in registration order.
    public static var entries: [StrategyEntry] {
        var out: [StrategyEntry] = []
        collect(into: &out)
        return out
    }
}

/// The empty list every registration chain starts from.
public enum NoStrategies: StrategyList {
    @inlinable public static func visit<V: StrategyVisitor>(id: String, _ visitor: V) -> V.Result? { nil }
    public static func collect(into entries: inout [StrategyEntry]) {}
}

/// `Earlier` with `S` registered after it (spelled `Earlier.And<S>`).
public enum Registered<Earlier: StrategyList, S: ContextStrategy>: StrategyList {
    @inlinable public static func visit<V: StrategyVisitor>(id: String, _ visitor: V) -> V.Result? {
        if let result = Earlier.visit(id: id, visitor) { return result }
        return id == S.id ? visitor.visit(S.self) : nil
    }
    public static func collect(into entries: inout [StrategyEntry]) {
        Earlier.collect(into: &entries)
        precondition(!entries.contains { $0.id == S.id }, "strategy id '\(S.id)' registered twice")
        entries.append(StrategyEntry(S.self))
    }
}

/// The strategies of this package, one registration line each. A strategy is
/// its own file (conforming to `ContextStrategy`, declaring its `profile`)
/// plus one line here; everything else (CLI ids, suites, the oracle, the
/// tests, `bench strategies`) is derived from this list.
public typealias BuiltInStrategies = NoStrategies
    .And<NoPropagation>
    .And<HookMapCopy>
    .And<HookMapCopyNode20>
    .And<PromiseHooks>
    .And<FrameRef>
    .And<ContinuationSlot>
    .And<SlotHashMapCopy>
    .And<SlotArrayCopy>
    .And<SlotLinked>
    .And<SlotPersistent>
    .And<SlotCOW>

/// The id lists derived from a strategy list's declarations.
public struct StrategyCatalogue: Sendable {
    /// Every registered strategy, in registration order.
    public let entries: [StrategyEntry]

    public init<L: StrategyList>(_ list: L.Type) { entries = L.entries }

    func ids(_ role: StrategyProfile.Role) -> [String] { entries.filter { $0.profile.role == role }.map(\.id) }
    /// The baseline(s) (`none`).
    public var baselineIDs: [String] { ids(.baseline) }
    /// The strategies that model a real runtime.
    public var faithfulIDs: [String] { ids(.faithful) }
    /// Design variants (not real runtimes).
    public var variantIDs: [String] { ids(.variant) }
    /// The baseline first, then the faithful ones: what the standard suite and CI iterate.
    public var allIDs: [String] { baselineIDs + faithfulIDs }
    /// Every strategy that has semantics to check: what the oracle tests run over.
    public var oracleIDs: [String] { faithfulIDs + variantIDs }
    /// Everything `visit` accepts.
    public var allMeasurableIDs: [String] { allIDs + variantIDs }

    public func entry(for id: String) -> StrategyEntry? { entries.first { $0.id == id } }
}

/// The built-in strategies by contract id (CSV rows, CLI flags, charts).
/// The lists are computed once (the CLI and the runner read them often).
public enum StrategyRegistry {
    public typealias Entry = StrategyEntry
    /// The built-in registry's derived lists.
    public static let catalogue = StrategyCatalogue(BuiltInStrategies.self)

    public static var entries: [Entry] { catalogue.entries }
    /// The faithful strategies: the four designs, and the Node 20 release of
    /// the async_hooks design (it differs from Node 24's in when storages are
    /// copied, so in cost as well as in semantics — issue 18).
    public static let faithfulIDs: [String] = catalogue.faithfulIDs
    /// `none` first, then the faithful ones.
    public static let allIDs: [String] = catalogue.allIDs
    /// Frame-representation variants of the continuation slot (issue 8): not
    /// real runtimes, so not in `faithfulIDs`/`allIDs` (which the standard
    /// suite and CI iterate), but held to the same semantic oracle.
    public static let variantIDs: [String] = catalogue.variantIDs
    /// The variants that are frame representations of the continuation slot.
    public static let frameVariantIDs: [String] = {
        catalogue.entries.filter { entry in
            entry.profile.role == StrategyProfile.Role.variant && entry.profile.semantics?.mechanism == SemanticProfile.Mechanism.continuationSlot
        }.map(\.id)
    }()
    /// The faithful strategies and the variants: what the oracle tests run over.
    public static let oracleIDs: [String] = catalogue.oracleIDs
    /// Everything `visit` accepts: `none`, the faithful ones, the variants.
    public static let allMeasurableIDs: [String] = catalogue.allMeasurableIDs

    public static func summary(for id: String) -> String? { catalogue.entry(for: id)?.summary }
    public static func profile(for id: String) -> StrategyProfile? { catalogue.entry(for: id)?.profile }

    /// Runs `visitor` with the strategy type whose id is `id`; nil for an unknown id.
    @inlinable public static func visit<V: StrategyVisitor>(id: String, _ visitor: V) -> V.Result? {
        BuiltInStrategies.visit(id: id, visitor)
    }
}
