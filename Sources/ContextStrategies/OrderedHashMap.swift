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
/// Layout, as V8's: one allocation (V8's is one `FixedArray`) holding the
/// entries in insertion order, each (key, value, next-in-chain), and the
/// bucket array of chain heads (``OrderedHashTableStorage``). Capacity is a
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
/// The model allocates one entry object per step (V8 bump-allocates three
/// small objects per step: the result, the array and its backing store); the
/// iterator object does not escape the copy, and Swift keeps it on the stack.
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

    private var storage: OrderedHashTableStorage<Value>
    /// Entry slots in the table (a power of two, at least 4).
    public var capacity: Int { storage.header.capacity }
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
        storage = .make(capacity: c, buckets: c / Self.loadFactor)
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
            let storage = table.storage
            while index < storage.header.used {
                let entry = storage.header.entries + index
                index += 1
                if entry.pointee.key != OrderedHashMap.hole {
                    result = MapIteratorEntry(key: entry.pointee.key, value: entry.pointee.value)
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

    /// The entry index of `key`, or -1 (walks the bucket's chain).
    @inline(__always)
    private func find(_ key: Int) -> Int { storage.find(key, bucket: Self.hash(key)) }

    /// `Map.prototype.has`.
    @inline(__always)
    public func has(_ key: Int) -> Bool { find(key) >= 0 }

    /// `Map.prototype.get` (nil: absent).
    @inline(__always)
    public func get(_ key: Int) -> Value? {
        let i = find(key)
        return i >= 0 ? storage.header.entries[i].value : nil
    }

    /// `has` and `get` for a table stored in a class (a frame): `mutating`
    /// only so the caller reaches the table in place. A non-mutating call on
    /// a struct stored in a class loads a copy of it first (a retain and a
    /// release of its storage per lookup), work no engine's `Map` lookup does.
    @inline(__always)
    public mutating func hasInPlace(_ key: Int) -> Bool { has(key) }

    @inline(__always)
    public mutating func getInPlace(_ key: Int) -> Value? { get(key) }

    /// Value semantics: a table shared with a copy of this struct is cloned
    /// before it is written. Frames never share theirs (every `new Map`
    /// builds its own), so on the measured paths this is one check.
    @inline(__always)
    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.clone() }
    }

    /// `Map.prototype.set`: replaces the value of an existing key in place;
    /// otherwise appends an entry, growing the table first when it is full.
    public mutating func set(_ key: Int, _ value: Value) {
        precondition(key != Self.hole, "OrderedHashMap: reserved key")
        makeUnique()
        let existing = find(key)
        if existing >= 0 {
            storage.header.entries[existing].value = value
            return
        }
        if storage.header.used >= capacity {
            // V8: twice the capacity, unless at least half the entries are holes.
            rehash(to: deleted >= capacity / 2 ? capacity : capacity << 1)
        }
        storage.append(key, value, bucket: Self.hash(key))
        count += 1
    }

    /// `Map.prototype.delete`: leaves a hole; shrinks below a quarter full.
    @discardableResult
    public mutating func delete(_ key: Int) -> Bool {
        makeUnique()
        let i = find(key)
        guard i >= 0 else { return false }
        storage.header.entries[i].key = Self.hole
        count -= 1
        deleted += 1
        if count < capacity / 4, capacity > Self.initialCapacity { rehash(to: capacity >> 1) }
        return true
    }

    /// A table of `newCapacity` with the live entries re-inserted in order,
    /// as V8's `Rehash` builds one: a new table, the live entries moved into
    /// it (holes dropped), and every entry linked into its new bucket.
    ///
    /// The entries are moved, never copied: V8 copies tagged words into the
    /// new table, with no per-entry reference counting. Copying each entry
    /// would retain its value and then release the old one, a value-witness
    /// call per entry: measured, about 275 instructions per entry moved
    /// (promise-chain, hook-map-copy, k = 64, where each resource's
    /// properties grow a dictionary 16 → 32 → 64 → 128), none of which V8 does.
    ///
    /// - Complexity: O(n) for n entries.
    private mutating func rehash(to newCapacity: Int) {
        storage = storage.movingLiveEntries(capacity: newCapacity, buckets: newCapacity / Self.loadFactor,
                                            bucketOf: Self.hash)
        deleted = 0
        rehashes += 1
        entriesRehashed += count
    }

    /// Live (key, value) pairs in insertion order (`Map.prototype.entries`).
    public var pairs: [(key: Int, value: Value)] {
        let entries = storage.header.entries
        return (0..<storage.header.used).compactMap { i in
            entries[i].key == Self.hole ? nil : (entries[i].key, entries[i].value)
        }
    }
}

/// The layout and fill of an ``OrderedHashTableStorage``.
struct OrderedHashTableHeader<Value> {
    /// Entry slots (a power of two).
    var capacity: Int
    /// Bucket heads (capacity / load factor).
    var bucketCount: Int
    /// Entry slots initialized so far, live entries and holes (`NumberOfElements` + `NumberOfDeletedElements`).
    var used = 0
    /// The first entry slot and the first bucket head, inside the object
    /// itself (a Swift object never moves). Reads and writes go through these
    /// rather than `withUnsafeMutablePointers`, whose `_fixLifetime` made
    /// every `Map` lookup retain and release the table (measured: 72 more
    /// instructions per `getStore` of `continuation-slot`, two lookups).
    var entries: UnsafeMutablePointer<OrderedHashMap<Value>.Entry>
    var buckets: UnsafeMutablePointer<Int32>
}

/// An ``OrderedHashMap``'s table in one allocation, as V8's `OrderedHashMap`
/// is one `FixedArray`: `capacity` entry slots, then the bucket heads
/// (`Int32`, -1 for an empty bucket) in the space of as many more entry
/// slots as they need.
///
/// Invariants (the only raw memory in this file):
/// - `header.entries` and `header.buckets` point into this object and are
///   used only through a reference that keeps it alive (the map's `storage`);
/// - entry slots `0 ..< used` are initialized (holes keep their value until
///   a rehash drops them); slots `used ..< capacity` are not;
/// - the bucket heads are plain `Int32`s, all initialized at creation;
/// - `deinit` deinitializes exactly the `used` entry slots; a table whose
///   entries were moved out has `used` set to 0 first.
///
/// Why not two `ContiguousArray`s: besides the second allocation V8 does not
/// make, `ContiguousArray<Int32>(repeating:count:)` allocates through the
/// standard library's unspecialized path, which looks the array storage's
/// metadata up in the runtime's global table on every call (measured with
/// callgrind, run-enter, continuation-slot, k = 8: about 310 instructions per
/// bucket array, three per frame copy).
final class OrderedHashTableStorage<Value>: ManagedBuffer<OrderedHashTableHeader<Value>, OrderedHashMap<Value>.Entry> {
    typealias Entry = OrderedHashMap<Value>.Entry

    /// Entry slots the bucket heads take up.
    @inline(__always)
    static func bucketSlots(_ buckets: Int) -> Int {
        let stride = MemoryLayout<Entry>.stride
        return (buckets * MemoryLayout<Int32>.stride + stride - 1) / stride
    }

    static func make(capacity: Int, buckets: Int) -> OrderedHashTableStorage {
        let table = unsafeDowncast(
            create(minimumCapacity: capacity + bucketSlots(buckets)) { buffer in
                buffer.withUnsafeMutablePointerToElements { entries in
                    OrderedHashTableHeader(
                        capacity: capacity, bucketCount: buckets, entries: entries,
                        buckets: UnsafeMutableRawPointer(entries + capacity).bindMemory(to: Int32.self, capacity: buckets))
                }
            }, to: OrderedHashTableStorage.self)
        table.header.buckets.initialize(repeating: -1, count: buckets)
        return table
    }

    deinit { _ = header.entries.deinitialize(count: header.used) }

    /// The entry index of `key` (hash `hash`), or -1.
    @inline(__always)
    func find(_ key: Int, bucket hash: Int) -> Int {
        let entries = header.entries
        var i = Int(header.buckets[hash & (header.bucketCount - 1)])
        while i >= 0 {
            if entries[i].key == key { return i }
            i = Int(entries[i].chain)
        }
        return -1
    }

    /// Initializes the next entry slot (the caller made room) and links it
    /// into its bucket.
    @inline(__always)
    func append(_ key: Int, _ value: Value, bucket hash: Int) {
        let b = hash & (header.bucketCount - 1)
        let slot = header.used
        (header.entries + slot).initialize(to: Entry(key: key, value: value, chain: header.buckets[b]))
        header.buckets[b] = Int32(slot)
        header.used = slot + 1
    }

    /// A copy of this table (value semantics for a shared struct).
    func clone() -> OrderedHashTableStorage {
        let copy = Self.make(capacity: header.capacity, buckets: header.bucketCount)
        copy.header.entries.initialize(from: header.entries, count: header.used)
        copy.header.used = header.used
        copy.header.buckets.update(from: header.buckets, count: header.bucketCount)
        return copy
    }

    /// A new table of `capacity` holding this one's live entries in order,
    /// moved bit for bit; the holes are destroyed and this table is left
    /// with no initialized entries.
    func movingLiveEntries(capacity: Int, buckets: Int, bucketOf hash: (Int) -> Int) -> OrderedHashTableStorage {
        let moved = Self.make(capacity: capacity, buckets: buckets)
        let entries = header.entries
        for i in 0..<header.used {
            if entries[i].key == OrderedHashMap<Value>.hole {
                (entries + i).deinitialize(count: 1)
            } else {
                var entry = (entries + i).move()
                let b = hash(entry.key) & (buckets - 1)
                entry.chain = moved.header.buckets[b]
                moved.header.buckets[b] = Int32(moved.header.used)
                (moved.header.entries + moved.header.used).initialize(to: entry)
                moved.header.used += 1
            }
        }
        header.used = 0
        return moved
    }
}
