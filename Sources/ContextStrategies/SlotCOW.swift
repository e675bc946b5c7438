import HostRuntime

/// The TC39 `AsyncContext` polyfill's copy-on-write mapping
/// (tc39/proposal-async-context `src/mapping.ts`, `src/storage.ts`): the
/// current mapping is mutated in place by `run` until something captures it
/// (a snapshot, or here any continuation record, which is what
/// continuation-preserved data does); a captured mapping is frozen, and the
/// next `run` clones it once (O(k)) and mutates the clone.
///
/// `run` restores as Node 24 does — the prior value is bound again in the
/// mapping current at that point (`enterWith(prior)`) — which costs nothing
/// while the mapping is unfrozen and one clone when a continuation captured
/// it during the body. So this variant's observable behaviour is exactly
/// `continuation-slot`'s, including an `enterWith` of another storage inside
/// `run` surviving the run and `disable` after a run not reaching frames
/// captured before it.
public final class CowFrame: FrameRepresentation {
    public private(set) var values: [Int: JSValue]
    /// Captured by some record: never mutated by `run` again (only by `disable`,
    /// which Node defines as a mutation of the shared frame).
    public private(set) var frozen = false

    init(_ values: [Int: JSValue]) { self.values = values }

    public static let id = "slot-cow"
    public static let summary = "continuation slot + TC39 polyfill copy-on-write map: run mutates the current map in place until a continuation or snapshot captures (freezes) it, then clones once; restores like Node (prior value rebound)"
    public static var restoresByPointer: Bool { false }

    @inline(__always)
    public static func binding(_ parent: CowFrame?, _ index: Int, _ value: JSValue, _ counters: inout StrategyCounters) -> CowFrame {
        if let parent, !parent.frozen {
            parent.values[index] = value
            return parent
        }
        counters.entriesCopied += parent?.values.count ?? 0
        counters.framesCreated += 1
        return CowFrame(.copying(parent?.values, binding: index, to: value))
    }

    @inline(__always)
    public func value(at index: Int) -> JSValue? { values[index] }

    public func delete(_ index: Int, _ counters: inout StrategyCounters) { values.removeValue(forKey: index) }

    @inline(__always)
    public func captured() -> CowFrame {
        if !frozen { frozen = true }
        return self
    }
}

/// `slot-cow`: the continuation slot carrying a copy-on-write mapping.
public typealias SlotCOW = SlotCarried<CowFrame>
