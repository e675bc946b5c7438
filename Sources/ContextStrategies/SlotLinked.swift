import HostRuntime

/// Swift `TaskLocal`'s representation: each `run` pushes one binding node
/// pointing at its parent (O(1), nothing copied); `getStore` walks to the
/// nearest binding of its key (O(depth)). A frame is its head node.
///
/// No lookup cache: the workloads' probes read the k storages round-robin, so
/// a one-entry cache per node would miss every time, and a k-entry cache is a
/// lazily built hash-map frame (the memory and the O(k) fill of
/// `slot-hashmap-copy`, paid on first read instead of on `run`).
///
/// `disable()` must delete the key from this frame object only (Node 24): the
/// continuations holding this node observe it, frames pushed on top of it
/// earlier do not (they were copies in Node). So a node keeps an `override`
/// chain — tombstones over a copy of its own binding — that lookups starting
/// at this node follow instead of the node itself, and that frames pushed
/// later link to; lookups merely walking through the node ignore it.
public final class LinkedFrame: FrameRepresentation {
    public let index: Int
    /// nil: a tombstone (the key is absent from here down).
    public let value: JSValue?
    /// `var` only so that `deinit` can unlink a chain iteratively.
    public private(set) var parent: LinkedFrame?
    /// Set by `disable` (rare): this frame's bindings as seen from itself.
    var override: LinkedFrame?

    init(_ index: Int, _ value: JSValue?, _ parent: LinkedFrame?) {
        self.index = index
        self.value = value
        self.parent = parent
    }

    /// A flow that runs inside the continuation of its previous run (context
    /// churn) builds a chain as long as its number of runs; releasing it
    /// recursively would use stack in proportion. Unlink it node by node while
    /// each node is referenced only by the chain.
    deinit {
        guard var node = parent else { return }
        parent = nil
        while isKnownUniquelyReferenced(&node) {
            guard let next = node.parent else { break }
            node.parent = nil
            node = next
        }
    }

    public static let id = "slot-linked"
    public static let summary = "continuation slot + Swift TaskLocal's linked bindings: run pushes one node → parent (O(1), no copy), getStore walks to the nearest binding (O(depth)); no lookup cache; restored by pointer"
    public static var restoresByPointer: Bool { true }

    @inline(__always)
    public static func binding(_ parent: LinkedFrame?, _ index: Int, _ value: JSValue, _ counters: inout StrategyCounters) -> LinkedFrame {
        counters.framesCreated += 1
        return LinkedFrame(index, value, parent?.override ?? parent)
    }

    @inline(__always)
    public func value(at index: Int) -> JSValue? {
        var node = override ?? self
        while true {
            if node.index == index { return node.value }
            guard let next = node.parent else { return nil }
            node = next
        }
    }

    public func delete(_ index: Int, _ counters: inout StrategyCounters) {
        let base = override ?? LinkedFrame(self.index, value, parent)
        override = LinkedFrame(index, nil, base)
        counters.framesCreated += 1
    }

    /// Bindings between this node and the root (tests).
    public var depth: Int {
        var n = 0
        var node: LinkedFrame? = self
        while let current = node { n += 1; node = current.parent }
        return n
    }
}

/// `slot-linked`: the continuation slot carrying a TaskLocal-style binding list.
public typealias SlotLinked = SlotCarried<LinkedFrame>
