import HostRuntime
import ContextStrategies

/// The harness's view of `StrategyRegistry`: the same ids, and a visit that
/// throws a usage error (listing the valid ids) for an unknown one.
public enum StrategyCatalog {
    /// `none` first (the baseline), then the faithful designs.
    public static var allIDs: [String] { StrategyRegistry.allIDs }
    /// The strategies the semantic oracle applies to (all but `none`).
    public static var faithfulIDs: [String] { StrategyRegistry.faithfulIDs }
    public static let baselineID = NoPropagation.id

    public static func summary(of id: String) -> String? { StrategyRegistry.summary(for: id) }

    /// Runs `visitor` specialized for the strategy `id`.
    public static func visit<V: StrategyVisitor>(_ id: String, _ visitor: V) throws -> V.Result {
        guard let result = StrategyRegistry.visit(id: id, visitor) else { throw WorkloadError.unknownStrategy(id) }
        return result
    }
}
