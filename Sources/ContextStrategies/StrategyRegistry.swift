import HostRuntime

/// Generic code to run for one strategy type, chosen by id at run time
/// (`StrategyRegistry.visit`). The body is specialized per strategy, so the
/// choice costs one switch, not a dynamic call per operation.
public protocol StrategyVisitor {
    associatedtype Result
    func visit<S: ContextStrategy>(_ type: S.Type) -> Result
}

/// The strategies by contract id (CSV rows, CLI flags, charts).
public enum StrategyRegistry {
    public struct Entry: Sendable {
        public let id: String
        public let summary: String
        /// Whether the strategy models a real runtime (and so must pass the oracle).
        public let isFaithful: Bool
    }

    /// The four faithful strategies.
    public static let faithfulIDs = [HookMapCopy.id, PromiseHooks.id, FrameRef.id, ContinuationSlot.id]
    /// `none` first, then the faithful ones.
    public static let allIDs = [NoPropagation.id] + faithfulIDs

    public static let entries: [Entry] = [
        Entry(id: NoPropagation.id, summary: NoPropagation.summary, isFaithful: false),
        Entry(id: HookMapCopy.id, summary: HookMapCopy.summary, isFaithful: true),
        Entry(id: PromiseHooks.id, summary: PromiseHooks.summary, isFaithful: true),
        Entry(id: FrameRef.id, summary: FrameRef.summary, isFaithful: true),
        Entry(id: ContinuationSlot.id, summary: ContinuationSlot.summary, isFaithful: true),
    ]

    public static func summary(for id: String) -> String? {
        entries.first { $0.id == id }?.summary
    }

    /// Runs `visitor` with the strategy type whose id is `id`; nil for an unknown id.
    public static func visit<V: StrategyVisitor>(id: String, _ visitor: V) -> V.Result? {
        switch id {
        case NoPropagation.id: return visitor.visit(NoPropagation.self)
        case HookMapCopy.id: return visitor.visit(HookMapCopy.self)
        case PromiseHooks.id: return visitor.visit(PromiseHooks.self)
        case FrameRef.id: return visitor.visit(FrameRef.self)
        case ContinuationSlot.id: return visitor.visit(ContinuationSlot.self)
        default: return nil
        }
    }
}
