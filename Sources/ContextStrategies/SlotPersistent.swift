import HostRuntime

/// One slot of a trie node: empty, a store (at the bottom level), or a child.
public enum TrieSlot {
    case empty
    case value(JSValue)
    case node(TrieNode)
}

/// A node's header: its number of slots, and the bits below its digit
/// (0 at the bottom level, 3 above it, …).
public struct TrieHeader {
    public let count: Int
    public let shift: Int
}

/// A persistent radix trie keyed by storage index, 8-way (3 bits per
/// level), one allocation per node (slots tail-allocated). A node holds only
/// as many slots as its highest used digit needs, so a trie of k storages
/// copies at most 8 slots per level and exactly k at one level.
///
/// Storage indices are dense small integers, so this is a hash array mapped
/// trie without the hash (the hash of an index would only scatter dense keys
/// and fill every level). swift-collections' `TreeDictionary` (a real CHAMP
/// HAMT) was not used: its path copies cannot be counted, so the cost pins
/// could not hold it to O(log k), and it would need a wrapper object per frame.
///
/// A frame is its root node: never shared between frames (every `run`
/// copies the root), so `disable` can mutate it in place; everything below
/// the root is shared between a frame and the frames made from it. `run`
/// path-copies O(log₈ k) nodes of ≤ 8 slots; `getStore` descends O(log₈ k)
/// levels.
public final class TrieNode: ManagedBuffer<TrieHeader, TrieSlot>, FrameRepresentation {
    static func make(count: Int, shift: Int) -> TrieNode {
        let node = unsafeDowncast(TrieNode.create(minimumCapacity: count) { _ in TrieHeader(count: count, shift: shift) },
                                  to: TrieNode.self)
        node.withUnsafeMutablePointerToElements { $0.initialize(repeating: .empty, count: count) }
        return node
    }

    deinit {
        withUnsafeMutablePointers { header, slots in _ = slots.deinitialize(count: header.pointee.count) }
    }

    /// Number of slots.
    @inline(__always) public var count: Int { header.count }
    /// Bits below this node's digit; for a root, 3 × (levels − 1).
    @inline(__always) public var shift: Int { header.shift }

    @inline(__always) func slot(_ i: Int) -> TrieSlot { withUnsafeMutablePointerToElements { $0[i] } }
    @inline(__always) func set(_ i: Int, _ slot: TrieSlot) { withUnsafeMutablePointerToElements { $0[i] = slot } }

    /// A copy of `node` (a node at `shift`) widened to `count` slots (path copying).
    static func copy(_ node: TrieNode?, count: Int, shift: Int, _ counters: inout StrategyCounters) -> TrieNode {
        guard let node else { return make(count: count, shift: shift) }
        let copy = make(count: max(count, node.count), shift: shift)
        for i in 0..<node.count { copy.set(i, node.slot(i)) }
        counters.entriesCopied += node.count
        return copy
    }

    /// The subtree at `shift` with `index` set to `value` (`nil`: removed);
    /// copies the path, shares everything else. Recursive: never force-inlined.
    static func assoc(_ node: TrieNode?, shift: Int, index: Int, value: JSValue?, _ counters: inout StrategyCounters) -> TrieNode {
        let digit = (index >> shift) & 7
        let copy = copy(node, count: digit + 1, shift: shift, &counters)
        if shift == 0 {
            copy.set(digit, value.map { .value($0) } ?? .empty)
        } else {
            var child: TrieNode?
            if case .node(let c) = copy.slot(digit) { child = c }
            copy.set(digit, .node(assoc(child, shift: shift - 3, index: index, value: value, &counters)))
        }
        return copy
    }

    // MARK: FrameRepresentation

    public static let id = "slot-persistent"
    public static let summary = "continuation slot + persistent 8-way radix trie (HAMT on dense indices): run path-copies O(log k) nodes, getStore O(log k); restored by pointer"
    public static var restoresByPointer: Bool { true }

    @inline(__always)
    static func shift(for index: Int) -> Int {
        var shift = 0
        while index >> (shift + 3) != 0 { shift += 3 }
        return shift
    }

    public static func binding(_ parent: TrieNode?, _ index: Int, _ value: JSValue, _ counters: inout StrategyCounters) -> TrieNode {
        counters.framesCreated += 1
        guard var root = parent else {
            return assoc(nil, shift: shift(for: index), index: index, value: value, &counters)
        }
        // Grow: the old root becomes slot 0 of a new root (nothing copied).
        while index >> (root.shift + 3) != 0 {
            let grown = make(count: 1, shift: root.shift + 3)
            grown.set(0, .node(root))
            root = grown
        }
        return assoc(root, shift: root.shift, index: index, value: value, &counters)
    }

    @inline(__always)
    public func value(at index: Int) -> JSValue? {
        var shift = self.shift
        if index >> (shift + 3) != 0 { return nil }
        var node = self
        while true {
            let digit = (index >> shift) & 7
            guard digit < node.count else { return nil }
            switch node.slot(digit) {
            case .value(let v): return v
            case .node(let child): node = child; shift -= 3
            case .empty: return nil
            }
        }
    }

    /// Deletes from this frame only: the path below the root is copied, the
    /// root itself (owned by this frame) is mutated in place.
    public func delete(_ index: Int, _ counters: inout StrategyCounters) {
        if index >> (shift + 3) != 0 { return }
        let digit = (index >> shift) & 7
        guard digit < count else { return }
        if shift == 0 {
            set(digit, .empty)
        } else if case .node(let child) = slot(digit) {
            set(digit, .node(TrieNode.assoc(child, shift: shift - 3, index: index, value: nil, &counters)))
        }
    }
}

/// A persistent-trie frame is its root node.
public typealias PersistentFrame = TrieNode

/// `slot-persistent`: the continuation slot carrying a persistent trie frame.
public typealias SlotPersistent = SlotCarried<TrieNode>
