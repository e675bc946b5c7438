import HostRuntime
import ContextStrategies

/// Generic code to run for a strategy chosen at run time by its id.
///
/// The id → type switch happens once per cell; everything the visitor does
/// is specialized for the concrete strategy, so no measured path dispatches
/// dynamically.
public protocol StrategyVisitor {
    associatedtype Result
    func visit<S: ContextStrategy>(_ strategy: S.Type) -> Result
}

/// The strategies the harness measures, by contract id.
public enum StrategyCatalog {
    /// `none` first (the baseline), then the four faithful designs.
    public static let allIDs: [String] = types.map { $0.id }
    /// The strategies the semantic oracle applies to (all but `none`).
    public static let faithfulIDs: [String] = allIDs.filter { $0 != NoPropagation.id }
    public static let baselineID = NoPropagation.id

    static let types: [any ContextStrategy.Type] = [
        NoPropagation.self,
    ]

    public static func summary(of id: String) -> String? {
        types.first { $0.id == id }?.summary
    }

    /// Runs `visitor` specialized for the strategy `id`.
    public static func visit<V: StrategyVisitor>(_ id: String, _ visitor: V) throws -> V.Result {
        switch id {
        case NoPropagation.id: return visitor.visit(NoPropagation.self)
        default: throw WorkloadError.unknownStrategy(id)
        }
    }
}
