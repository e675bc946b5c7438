import HostRuntime

/// A JavaScript `Map` as V8 implements it (`src/objects/ordered-hash-table.{h,cc}`,
/// `OrderedHashMap`), keyed by an integer standing for an object or a name
/// (a storage index, a property key): Node 24's `AsyncContextFrame` *is* such
/// a map (`class AsyncContextFrame extends SafeMap`), and the hidden-class
/// model uses it for its key → field and key → transition lookups.
///
/// Keys hash by a cached-hash stand-in (``hash(_:)``): V8 never rehashes a
/// key's contents on lookup — an object's identity hash and a name's hash
/// are stored on the object — so neither does this table.
///
/// Layout, as V8's: a bucket array of chain heads and an entry array in
/// insertion order, each entry (key, value, next-in-chain). Capacity is a
/// power of two, at least 4 (`kInitialCapacity`), with capacity / 2 buckets
/// (`kLoadFactor` 2). Adding to a full table rehashes into a new one of twice
/// the capacity (`EnsureCapacityForAdding` → `Rehash`: every live entry
/// re-inserted in order); deleting leaves a hole and shrinks the table to
/// half once fewer than a quarter of the entries are live (`Shrink`).
///
/// `new Map(parent)` — what every `run` does twice in Node 24 — is
/// ``init(copying:)``. V8 copies a `Set` from a `Set` table to table
/// (`AddConstructorEntriesFromFastCollection`, `Variant::kSet` only); a `Map`
/// goes through the iterator protocol (`AddConstructorEntriesFromIterable`):
/// a map iterator, and per entry an iterator step whose result holds a fresh
/// `[key, value]` array, then `set(key, value)` — a hash, a chain walk for an
/// existing key, an append, growing 4 → 8 → 16 … with a rehash each time.
/// The model allocates the iterator and one entry object per step (V8
/// bump-allocates three small objects per step: the result, the array and its
/// backing store).
public struct OrderedHashMap<Value> {
    struct Entry {
        /// Storage index; ``hole`` for a deleted entry.
        var key: Int
        var value: Value
        /// Next entry in the same bucket, or -1.
        var chain: Int32
    }
    static var hole: Int { Int.min }
    /// V8 `OrderedHashTable::kInitialCapacity`.
    public static var initialCapacity: Int { 4 }
    /// V8 `OrderedHashTable::kLoadFactor`: entries per bucket.
    static var loadFactor: Int { 2 }

    private var buckets: ContiguousArray<Int32>
    private var entries: ContiguousArray<Entry>
    private(set) var capacity: Int
    /// Live entries (`NumberOfElements`).
    public private(set) var count = 0
    private var deleted = 0
    /// Rehashes performed (growth or shrink): deterministic evidence of the work a copy does.
    public private(set) var rehashes = 0
    /// Entries moved by those rehashes.
    public private(set) var entriesRehashed = 0

    /// An empty table of `capacity` (rounded up to a power of two, at least 4).
    public init(capacity: Int = 4) {
        var c = Self.initialCapacity
        while c < capacity { c <<= 1 }
        self.capacity = c
        buckets = ContiguousArray(repeating: -1, count: c / Self.loadFactor)
        entries = []
        entries.reserveCapacity(c)
    }

    /// `new Map(parent)`: the parent's live entries inserted one by one.
    ///
    /// - Complexity: O(n) for n entries in `parent`, plus the rehashes of
    ///   growing from the initial capacity (O(n) entries moved in total).
    public init(copying parent: OrderedHashMap<Value>?) {
        self.init()
        guard let parent else { return }
        let iterator = MapIterator(parent)
        while let entry = iterator.next() { set(entry.key, entry.value) }
    }

    /// `%MapIteratorPrototype%`: walks the entries in order, skipping holes;
    /// each step yields a newly allocated entry (the `[key, value]` array).
    final class MapIterator {
        let table: OrderedHashMap<Value>
        var index = 0
        /// The last step's result: held by the iterator, as the protocol's
        /// result object is held by the caller, so it is a real heap object.
        var result: MapIteratorEntry?
        init(_ table: OrderedHashMap<Value>) { self.table = table }

        func next() -> MapIteratorEntry? {
            while index < table.entries.count {
                let entry = table.entries[index]
                index += 1
                if entry.key != OrderedHashMap.hole {
                    result = MapIteratorEntry(key: entry.key, value: entry.value)
                    return result
                }
            }
            result = nil
            return nil
        }
    }

    /// One iterator step's `[key, value]`.
    final class MapIteratorEntry {
        let key: Int
        let value: Value
        init(key: Int, value: Value) { self.key = key; self.value = value }
    }

    /// V8 keys a `Map` on an object by its identity hash, a number stored on
    /// the object when first needed; a storage's index stands for it here,
    /// spread by a multiplicative hash (the identity hash is random in V8).
    @inline(__always)
    static func hash(_ key: Int) -> Int { Int(truncatingIfNeeded: (UInt64(bitPattern: Int64(key)) &* 0x9E37_79B9_7F4A_7C15) >> 33) }

    @inline(__always)
    private func bucket(_ key: Int) -> Int { Self.hash(key) & (buckets.count - 1) }

    /// The entry index of `key`, or -1 (walks the bucket's chain).
    @inline(__always)
    private func find(_ key: Int) -> Int {
        var i = Int(buckets[bucket(key)])
        while i >= 0 {
            if entries[i].key == key { return i }
            i = Int(entries[i].chain)
        }
        return -1
    }

    /// `Map.prototype.has`.
    @inline(__always)
    public func has(_ key: Int) -> Bool { find(key) >= 0 }

    /// `Map.prototype.get` (nil: absent).
    @inline(__always)
    public func get(_ key: Int) -> Value? {
        let i = find(key)
        return i >= 0 ? entries[i].value : nil
    }

    /// `has` and `get` for a table stored in a class (a frame): `mutating`
    /// only so the caller reaches the table in place. A non-mutating call on
    /// a struct stored in a class loads a copy of it first (a retain and a
    /// release of both buffers per lookup), work no engine's `Map` lookup does.
    @inline(__always)
    public mutating func hasInPlace(_ key: Int) -> Bool { has(key) }

    @inline(__always)
    public mutating func getInPlace(_ key: Int) -> Value? { get(key) }

    /// `Map.prototype.set`: replaces the value of an existing key in place;
    /// otherwise appends an entry, growing the table first when it is full.
    public mutating func set(_ key: Int, _ value: Value) {
        precondition(key != Self.hole, "OrderedHashMap: reserved key")
        let existing = find(key)
        if existing >= 0 {
            entries[existing].value = value
            return
        }
        if entries.count >= capacity {
            // V8: twice the capacity, unless at least half the entries are holes.
            rehash(to: deleted >= capacity / 2 ? capacity : capacity << 1)
        }
        let b = bucket(key)
        entries.append(Entry(key: key, value: value, chain: buckets[b]))
        buckets[b] = Int32(entries.count - 1)
        count += 1
    }

    /// `Map.prototype.delete`: leaves a hole; shrinks below a quarter full.
    @discardableResult
    public mutating func delete(_ key: Int) -> Bool {
        let i = find(key)
        guard i >= 0 else { return false }
        entries[i].key = Self.hole
        count -= 1
        deleted += 1
        if count < capacity / 4, capacity > Self.initialCapacity { rehash(to: capacity >> 1) }
        return true
    }

    /// A table of `newCapacity` with the live entries re-inserted in order,
    /// as V8's `Rehash` builds one: a new bucket array, the live entries
    /// moved into an entry array of the new capacity (holes dropped), and
    /// every entry linked into its new bucket.
    ///
    /// The entries are moved, never copied: V8 copies tagged words into the
    /// new table, with no per-entry reference counting. Copying each
    /// `Entry` into a fresh array would retain its value and then release the
    /// old one through the generic array destructor, a value-witness call
    /// per entry: measured, about 275 instructions per entry moved
    /// (promise-chain, hook-map-copy, k = 64, where each resource's
    /// properties grow a dictionary 16 → 32 → 64 → 128), none of which V8 does.
    /// Growing the uniquely held entry array (`reserveCapacity`) moves its
    /// elements to the new buffer bit for bit; dropping holes swaps live
    /// entries down and destroys only the holes.
    ///
    /// - Complexity: O(n) for n entries.
    private mutating func rehash(to newCapacity: Int) {
        if deleted > 0 {
            var live = 0
            for index in entries.indices where entries[index].key != Self.hole {
                if index != live { entries.swapAt(live, index) }
                live += 1
            }
            entries.removeLast(entries.count - live)
            deleted = 0
        }
        capacity = newCapacity
        entries.reserveCapacity(newCapacity)
        buckets = ContiguousArray(repeating: -1, count: newCapacity / Self.loadFactor)
        for index in entries.indices {
            let b = bucket(entries[index].key)
            entries[index].chain = buckets[b]
            buckets[b] = Int32(index)
        }
        rehashes += 1
        entriesRehashed += count
    }

    /// Live (key, value) pairs in insertion order (`Map.prototype.entries`).
    public var pairs: [(key: Int, value: Value)] {
        entries.filter { $0.key != Self.hole }.map { ($0.key, $0.value) }
    }
}
