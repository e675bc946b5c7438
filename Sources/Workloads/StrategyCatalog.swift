import HostRuntime
import ContextStrategies

/// The harness's view of `StrategyRegistry`: the same ids, and a visit that
/// throws a usage error (listing the valid ids) for an unknown one.
public enum StrategyCatalog {
    /// `none` first (the baseline), then the faithful designs.
    public static var allIDs: [String] { StrategyRegistry.allIDs }
    /// The strategies the semantic oracle applies to (all but `none`).
    public static var faithfulIDs: [String] { StrategyRegistry.faithfulIDs }
    /// The frame-representation variants (not real runtimes; measured on request).
    public static var variantIDs: [String] { StrategyRegistry.variantIDs }
    /// Every id `visit` and `bench run --strategy` accept.
    public static var allMeasurableIDs: [String] { StrategyRegistry.allMeasurableIDs }
    public static let baselineID = NoPropagation.id

    public static func summary(of id: String) -> String? { StrategyRegistry.summary(for: id) }

    /// Runs `visitor` specialized for the strategy `id`.
    public static func visit<V: StrategyVisitor>(_ id: String, _ visitor: V) throws -> V.Result {
        try BuiltInStrategies.visitRegistered(id, visitor)
    }
}

extension StrategyList {
    /// Runs `visitor` specialized for the strategy `id` of this list; a usage
    /// error for an id the list does not register.
    /// - Complexity: O(n) id comparisons in the number of registered strategies.
    public static func visitRegistered<V: StrategyVisitor>(_ id: String, _ visitor: V) throws -> V.Result {
        guard let result = visit(id: id, visitor) else { throw WorkloadError.unknownStrategy(id) }
        return result
    }
}
