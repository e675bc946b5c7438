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

    /// The faithful strategies: the four designs, and the Node 20 release of
    /// the async_hooks design (it differs from Node 24's in when storages are
    /// copied, so in cost as well as in semantics — issue 18).
    public static let faithfulIDs = [HookMapCopy.id, HookMapCopyNode20.id, PromiseHooks.id, FrameRef.id, ContinuationSlot.id]
    /// `none` first, then the faithful ones.
    public static let allIDs = [NoPropagation.id] + faithfulIDs
    /// Frame-representation variants of the continuation slot (issue 8): not
    /// real runtimes, so not in `faithfulIDs`/`allIDs` (which the standard
    /// suite and CI iterate), but held to the same semantic oracle.
    public static let frameVariantIDs = [SlotHashMapCopy.id, SlotArrayCopy.id, SlotLinked.id, SlotPersistent.id, SlotCOW.id]
    /// Every strategy that is not a faithful one or `none`.
    public static let variantIDs = frameVariantIDs
    /// The faithful strategies and the variants: what the oracle tests run over.
    public static let oracleIDs = faithfulIDs + variantIDs
    /// Everything `visit` accepts: `none`, the faithful ones, the variants.
    public static let allMeasurableIDs = allIDs + variantIDs

    public static let entries: [Entry] = [
        Entry(id: NoPropagation.id, summary: NoPropagation.summary, isFaithful: false),
        Entry(id: HookMapCopy.id, summary: HookMapCopy.summary, isFaithful: true),
        Entry(id: HookMapCopyNode20.id, summary: HookMapCopyNode20.summary, isFaithful: true),
        Entry(id: PromiseHooks.id, summary: PromiseHooks.summary, isFaithful: true),
        Entry(id: FrameRef.id, summary: FrameRef.summary, isFaithful: true),
        Entry(id: ContinuationSlot.id, summary: ContinuationSlot.summary, isFaithful: true),
        Entry(id: SlotHashMapCopy.id, summary: SlotHashMapCopy.summary, isFaithful: false),
        Entry(id: SlotArrayCopy.id, summary: SlotArrayCopy.summary, isFaithful: false),
        Entry(id: SlotLinked.id, summary: SlotLinked.summary, isFaithful: false),
        Entry(id: SlotPersistent.id, summary: SlotPersistent.summary, isFaithful: false),
        Entry(id: SlotCOW.id, summary: SlotCOW.summary, isFaithful: false),
    ]

    public static func summary(for id: String) -> String? {
        entries.first { $0.id == id }?.summary
    }

    /// Runs `visitor` with the strategy type whose id is `id`; nil for an unknown id.
    public static func visit<V: StrategyVisitor>(id: String, _ visitor: V) -> V.Result? {
        switch id {
        case NoPropagation.id: return visitor.visit(NoPropagation.self)
        case HookMapCopy.id: return visitor.visit(HookMapCopy.self)
        case HookMapCopyNode20.id: return visitor.visit(HookMapCopyNode20.self)
        case PromiseHooks.id: return visitor.visit(PromiseHooks.self)
        case FrameRef.id: return visitor.visit(FrameRef.self)
        case ContinuationSlot.id: return visitor.visit(ContinuationSlot.self)
        case SlotHashMapCopy.id: return visitor.visit(SlotHashMapCopy.self)
        case SlotArrayCopy.id: return visitor.visit(SlotArrayCopy.self)
        case SlotLinked.id: return visitor.visit(SlotLinked.self)
        case SlotPersistent.id: return visitor.visit(SlotPersistent.self)
        case SlotCOW.id: return visitor.visit(SlotCOW.self)
        default: return nil
        }
    }
}
