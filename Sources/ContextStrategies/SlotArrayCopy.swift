import HostRuntime

/// Bun's frame: an immutable flat array `[key, value, key, value, …]`
/// (oven-sh/bun `src/js/node/async_hooks.ts`): `run` slices it and replaces
/// or appends one pair, `getStore` scans it linearly (`indexOf`).
public final class ArrayFrame: FrameRepresentation {
    public struct Entry {
        public let index: Int
        public var value: JSValue
    }
    public private(set) var entries: ContiguousArray<Entry>
    init(_ entries: ContiguousArray<Entry>) { self.entries = entries }

    public static let id = "slot-array-copy"
    public static let summary = "continuation slot + Bun's immutable flat [key, value, …] array: copied on run (O(k)), linear scan on getStore; restored by pointer (Bun copies again on restore)"
    public static var restoresByPointer: Bool { true }

    @inline(__always)
    public static func binding(_ parent: ArrayFrame?, _ index: Int, _ value: JSValue, _ counters: inout StrategyCounters) -> ArrayFrame {
        counters.framesCreated += 1
        guard let parent else { return ArrayFrame([Entry(index: index, value: value)]) }
        let old = parent.entries
        var entries = ContiguousArray<Entry>()
        entries.reserveCapacity(old.count + 1)
        var replaced = false
        for entry in old {
            if entry.index == index {
                entries.append(Entry(index: index, value: value))
                replaced = true
            } else {
                entries.append(entry)
            }
        }
        if !replaced { entries.append(Entry(index: index, value: value)) }
        counters.entriesCopied += old.count
        return ArrayFrame(entries)
    }

    @inline(__always)
    public func value(at index: Int) -> JSValue? {
        for entry in entries where entry.index == index { return entry.value }
        return nil
    }

    public func delete(_ index: Int, _ counters: inout StrategyCounters) {
        entries.removeAll { $0.index == index }
    }
}

/// `slot-array-copy`: the continuation slot carrying Bun's flat array frame.
public typealias SlotArrayCopy = SlotCarried<ArrayFrame>
