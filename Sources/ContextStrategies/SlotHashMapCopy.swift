import HostRuntime

/// A hash-map frame (Node 24's `AsyncContextFrame extends Map`, workerd's
/// `AsyncContextFrame`): a copy of the parent's entries plus one, per `run`.
public final class HashMapFrame: FrameRepresentation {
    public private(set) var values: [Int: JSValue]
    init(_ values: [Int: JSValue]) { self.values = values }

    public static let id = "slot-hashmap-copy"
    public static let summary = "continuation slot + hash-map frame copied on run (O(k), as Node 24/workerd) but restored by pointer: one copy per run instead of Node's two"
    public static var restoresByPointer: Bool { true }

    @inline(__always)
    public static func binding(_ parent: HashMapFrame?, _ index: Int, _ value: JSValue, _ counters: inout StrategyCounters) -> HashMapFrame {
        counters.entriesCopied += parent?.values.count ?? 0
        counters.framesCreated += 1
        return HashMapFrame(.copying(parent?.values, binding: index, to: value))
    }

    @inline(__always)
    public func value(at index: Int) -> JSValue? { values[index] }

    public func delete(_ index: Int, _ counters: inout StrategyCounters) { values.removeValue(forKey: index) }
}

/// `slot-hashmap-copy`: the continuation slot carrying a hash-map frame.
public typealias SlotHashMapCopy = SlotCarried<HashMapFrame>
