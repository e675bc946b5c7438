import HostRuntime
import ContextStrategies

/// A frame representation of the continuation slot, written outside the
/// benchmark: an immutable array of (storage index, value) pairs sorted by
/// index. `run` copies the current frame and inserts or replaces one pair
/// (O(k)); `getStore` is a binary search (O(log k)); `run` restores the
/// previous frame by pointer.
///
/// `SlotCarried<SortedArrayFrame>` is the whole strategy: it carries the
/// frame in V8's continuation-preserved slot (copied into every reaction
/// record) and declares the profile of a slot variant (Node 24's semantics,
/// restore by pointer), so the oracle holds it to what the built-in slot
/// variants with that profile observe.
public final class SortedArrayFrame: FrameRepresentation {
    /// Mutated only by `disable` (Node 24 deletes the key from this frame
    /// object, which every continuation holding it observes).
    var pairs: ContiguousArray<(index: Int, value: JSValue)>

    init(_ pairs: ContiguousArray<(index: Int, value: JSValue)>) { self.pairs = pairs }

    public static let id = "example-sorted-array"
    public static let summary = "example: continuation slot + immutable sorted (index, value) array, copied on run (O(k)), binary search on getStore; restored by pointer"
    public static var restoresByPointer: Bool { true }

    /// The position of `index` in `pairs`, or where it would be inserted.
    /// - Complexity: O(log k).
    func position(_ index: Int) -> Int {
        var low = 0, high = pairs.count
        while low < high {
            let mid = (low + high) / 2
            if pairs[mid].index < index { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// - Complexity: O(k): the parent's pairs are copied.
    public static func binding(_ parent: SortedArrayFrame?, _ index: Int, _ value: JSValue, _ counters: inout StrategyCounters) -> SortedArrayFrame {
        var pairs = parent?.pairs ?? []
        counters.entriesCopied += pairs.count
        counters.framesCreated += 1
        let at = parent?.position(index) ?? 0
        if at < pairs.count && pairs[at].index == index { pairs[at].value = value } else { pairs.insert((index, value), at: at) }
        return SortedArrayFrame(pairs)
    }

    public func value(at index: Int) -> JSValue? {
        let at = position(index)
        return at < pairs.count && pairs[at].index == index ? pairs[at].value : nil
    }

    public func delete(_ index: Int, _ counters: inout StrategyCounters) {
        let at = position(index)
        if at < pairs.count && pairs[at].index == index { pairs.remove(at: at) }
    }
}
