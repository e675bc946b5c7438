import HostRuntime

/// A node of a persistent radix trie keyed by storage index, 8-way (3 bits
/// per level), one allocation per node (slots tail-allocated). A node holds
/// only as many slots as its highest used digit needs, so a trie of k
/// storages copies at most 8 slots per level and exactly k at one level.
///
/// Storage indices are dense small integers, so this is a hash array mapped
/// trie without the hash (the hash of an index would only scatter dense keys
/// and fill every level). swift-collections' `TreeDictionary` (a real CHAMP
/// HAMT) was not used: its path copies cannot be counted, so the cost pins
/// could not hold it to O(log k), and it would need a wrapper object per frame.
public enum TrieSlot {
    case empty
    case value(JSValue)
    case node(TrieNode)
}

public final class TrieNode: ManagedBuffer<Int, TrieSlot> {
    static func make(count: Int) -> TrieNode {
        let node = unsafeDowncast(TrieNode.create(minimumCapacity: count) { _ in count }, to: TrieNode.self)
        node.withUnsafeMutablePointerToElements { $0.initialize(repeating: .empty, count: count) }
        return node
    }

    deinit {
        withUnsafeMutablePointers { count, slots in _ = slots.deinitialize(count: count.pointee) }
    }

    /// Number of slots.
    @inline(__always) public var count: Int { header }

    @inline(__always) func slot(_ i: Int) -> TrieSlot { withUnsafeMutablePointerToElements { $0[i] } }
    @inline(__always) func set(_ i: Int, _ slot: TrieSlot) { withUnsafeMutablePointerToElements { $0[i] = slot } }

    /// A copy of `node` widened to `count` slots (path copying).
    static func copy(_ node: TrieNode?, count: Int, _ counters: inout StrategyCounters) -> TrieNode {
        guard let node else { return TrieNode.make(count: count) }
        let copy = TrieNode.make(count: max(count, node.count))
        for i in 0..<node.count { copy.set(i, node.slot(i)) }
        counters.entriesCopied += node.count
        return copy
    }

    /// The subtree at `shift` with `index` set to `value` (`nil`: removed);
    /// copies the path, shares everything else. Recursive: never force-inlined.
    static func assoc(_ node: TrieNode?, shift: Int, index: Int, value: JSValue?, _ counters: inout StrategyCounters) -> TrieNode {
        let digit = (index >> shift) & 7
        let copy = copy(node, count: digit + 1, &counters)
        if shift == 0 {
            copy.set(digit, value.map { .value($0) } ?? .empty)
        } else {
            var child: TrieNode?
            if case .node(let c) = copy.slot(digit) { child = c }
            copy.set(digit, .node(assoc(child, shift: shift - 3, index: index, value: value, &counters)))
        }
        return copy
    }
}

/// A frame as a persistent trie: the frame object is the root (never shared
/// between frames, so `disable` can mutate it in place), everything below it
/// is shared between a frame and the frames made from it. `run` path-copies
/// O(log₈ k) nodes of ≤ 8 slots; `getStore` descends O(log₈ k) levels.
public final class PersistentFrame: FrameRepresentation {
    /// Bits below the root's digit: 0 for indices < 8, 3 for < 64, …
    public private(set) var shift: Int
    public private(set) var root: TrieNode

    init(shift: Int, root: TrieNode) {
        self.shift = shift
        self.root = root
    }

    public static let id = "slot-persistent"
    public static let summary = "continuation slot + persistent 8-way radix trie (HAMT on dense indices): run path-copies O(log k) nodes, getStore O(log k); restored by pointer"
    public static var restoresByPointer: Bool { true }

    @inline(__always)
    static func shift(for index: Int) -> Int {
        var shift = 0
        while index >> (shift + 3) != 0 { shift += 3 }
        return shift
    }

    public static func binding(_ parent: PersistentFrame?, _ index: Int, _ value: JSValue, _ counters: inout StrategyCounters) -> PersistentFrame {
        counters.framesCreated += 1
        guard let parent else {
            let shift = shift(for: index)
            return PersistentFrame(shift: shift, root: TrieNode.assoc(nil, shift: shift, index: index, value: value, &counters))
        }
        var shift = parent.shift
        var root: TrieNode = parent.root
        // Grow: the old root becomes slot 0 of a new root (nothing copied).
        while index >> (shift + 3) != 0 {
            let grown = TrieNode.make(count: 1)
            grown.set(0, .node(root))
            root = grown
            shift += 3
        }
        return PersistentFrame(shift: shift, root: TrieNode.assoc(root, shift: shift, index: index, value: value, &counters))
    }

    @inline(__always)
    public func value(at index: Int) -> JSValue? {
        var shift = self.shift
        if index >> (shift + 3) != 0 { return nil }
        var node = root
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
        guard digit < root.count else { return }
        if shift == 0 {
            root.set(digit, .empty)
        } else if case .node(let child) = root.slot(digit) {
            root.set(digit, .node(TrieNode.assoc(child, shift: shift - 3, index: index, value: nil, &counters)))
        }
    }
}

/// `slot-persistent`: the continuation slot carrying a persistent trie frame.
public typealias SlotPersistent = SlotCarried<PersistentFrame>
