import HostRuntime

/// A V8 hidden class (`Map`, `src/objects/map.{h,cc}`, `transitions.{h,cc}`)
/// for the objects Node's async_hooks decorates with properties: each key a
/// resource gets (`resource[async_id_symbol]`, `resource[als.kResourceStore]`)
/// is added one at a time, and each addition moves the object to the child
/// class reached by that key — the transition tree. The first object to take
/// a path creates its classes; every later one follows the same transitions.
///
/// A class knows where each of its keys lives (its descriptors: key → field
/// index). Reading `object[key]` at a site that sees many keys and classes
/// (the ALS loop does: one key per storage) is V8's megamorphic lookup — a
/// hash probe by (class, key) — modelled as the descriptor lookup here.
public final class HiddenClass {
    /// Fields of an object of this class (the out-of-object properties; a
    /// promise has no spare in-object slots).
    public let fieldCount: Int
    /// key → field index (the descriptor array, searched by the key's hash).
    let descriptors: OrderedHashMap<Int>
    /// Outgoing transitions: key → the class of an object with that key added.
    private var transitions = OrderedHashMap<HiddenClass>()
    /// V8 encodes a map's only transition directly in its transitions slot (a
    /// weak reference to the child, `TransitionsAccessor::kWeakRef`), and a
    /// store site that keeps adding the same key to objects of the same map
    /// is a monomorphic transitioning `StoreIC`: one map check, then the
    /// cached target map and field index, with no descriptor or transition
    /// search. Every resource takes the same path (async id, trigger id, one
    /// key per storage), so each addition is that check here. Before this,
    /// the model probed the descriptors and the transition table by hash for
    /// every property added (V8's megamorphic slow path), three per resource.
    private(set) var simpleTransitionKey = Int.min
    private(set) var simpleTransition: HiddenClass?

    init(fieldCount: Int, descriptors: OrderedHashMap<Int>) {
        self.fieldCount = fieldCount
        self.descriptors = descriptors
    }

    /// The root class of a fresh resource object (no properties).
    public static func root() -> HiddenClass { HiddenClass(fieldCount: 0, descriptors: OrderedHashMap()) }

    /// The class after adding `key`: an existing transition, or a new child
    /// (`Map::CopyWithField`) with the key as its next field.
    @inline(__always)
    func adding(_ key: Int) -> HiddenClass {
        if key == simpleTransitionKey, let child = simpleTransition { return child }
        if let child = transitions.get(key) { return child }
        var descriptors = OrderedHashMap<Int>(copying: self.descriptors)
        descriptors.set(key, fieldCount)
        let child = HiddenClass(fieldCount: fieldCount + 1, descriptors: descriptors)
        transitions.set(key, child)
        if transitions.count == 1 { simpleTransitionKey = key; simpleTransition = child }
        return child
    }
}

/// The properties of one JavaScript object as V8 stores them
/// (`JSObject::properties`): fast mode — a hidden class and a property
/// array — or, once too many properties were added by keyed stores,
/// dictionary mode (a `NameDictionary`: a hash table, here ``OrderedHashMap``).
///
/// - Fast mode: a new key takes the class's transition and a field; when the
///   property array is full it is reallocated `fieldsAdded` (3) slots larger
///   and copied (`JSObject::kFieldsAdded`, `PropertyArray` growth).
/// - Normalization (`Map::TooManyFastProperties` with `StoreOrigin::kMaybeKeyed`,
///   which `resource[this.kResourceStore] = store` is): adding a key to an
///   object whose property array is full and already holds more than
///   `fastPropertiesSoftLimit` (12, `--fast-properties-soft-limit`) fields
///   copies every property into a dictionary; that key and every later one
///   are dictionary insertions, every read a dictionary lookup.
public struct PropertyBacking {
    /// V8 `JSObject::kFieldsAdded`.
    public static let fieldsAdded = 3
    /// V8 `--fast-properties-soft-limit` (keyed stores).
    public static let fastPropertiesSoftLimit = 12

    private(set) var shape: HiddenClass
    /// The first property array (`fieldsAdded` slots), held in the record
    /// itself. The model's resource record exists only to carry these
    /// properties — in V8 the resource *is* the promise or `Timeout`, and the
    /// one object its first property additions allocate is this array — so
    /// the record stands for that array, and a resource with up to three
    /// properties (the two async ids and one storage) costs one allocation,
    /// as in V8, not a record plus a separate buffer.
    private var first: (JSValue?, JSValue?, JSValue?) = (nil, nil, nil)
    /// Every field once the property array outgrew `first` (V8 copies the
    /// fields into each larger `PropertyArray`), `shape.fieldCount` of them;
    /// empty until then.
    private var grown: ContiguousArray<JSValue?> = []
    /// Allocated length of the property array (`shape.fieldCount` of it in use).
    private var fieldsLength = 0
    private var dictionary: OrderedHashMap<JSValue?>?
    /// Property-array reallocations and normalizations this object went through.
    public private(set) var propertyArrayGrowths = 0
    public var isDictionaryMode: Bool { dictionary != nil }
    /// Own properties.
    public var count: Int { dictionary?.count ?? shape.fieldCount }

    public init(shape: HiddenClass) {
        self.shape = shape
    }

    /// Field `index` of the property array (fast mode).
    @inline(__always)
    private func field(_ index: Int) -> JSValue? {
        if fieldsLength > Self.fieldsAdded { return grown[index] }
        switch index {
        case 0: return first.0
        case 1: return first.1
        default: return first.2
        }
    }

    @inline(__always)
    private mutating func setField(_ index: Int, _ value: JSValue?) {
        if fieldsLength > Self.fieldsAdded { grown[index] = value; return }
        switch index {
        case 0: first.0 = value
        case 1: first.1 = value
        default: first.2 = value
        }
    }

    /// Field `index` = `shape.fieldCount`, the next free slot, filled.
    @inline(__always)
    private mutating func addField(_ index: Int, _ value: JSValue?) {
        if fieldsLength > Self.fieldsAdded { grown.append(value) } else { setField(index, value) }
    }

    /// Whether the object has `key` as an own property.
    @inline(__always)
    public func has(_ key: Int) -> Bool {
        if let dictionary { return dictionary.has(key) }
        return shape.descriptors.has(key)
    }

    /// `object[key]` (nil: absent, or present holding nil).
    @inline(__always)
    public func get(_ key: Int) -> JSValue? {
        if let dictionary { return dictionary.get(key) ?? nil }
        guard let index = shape.descriptors.get(key) else { return nil }
        return field(index)
    }

    /// `get` for a backing stored in a class (``HookResource``): `mutating`
    /// only so the caller reaches the backing in place. A non-mutating call
    /// on a struct stored in a class loads a copy of it first — a retain and
    /// a release of the class, the property array and the dictionary on
    /// every read — work no engine does for a property load.
    @inline(__always)
    public mutating func getInPlace(_ key: Int) -> JSValue? {
        // `dictionary!` as an lvalue: the table is reached in place too.
        if dictionary != nil { return dictionary!.getInPlace(key) ?? nil }
        guard let index = shape.descriptors.get(key) else { return nil }
        return field(index)
    }

    /// `object[key] = value` by a keyed store: an existing property is
    /// overwritten in place; a new one is added as described above.
    @inline(__always)
    public mutating func set(_ key: Int, _ value: JSValue?) {
        if dictionary != nil {
            dictionary!.set(key, value)
            return
        }
        let count = shape.fieldCount
        // The monomorphic transitioning store (see `HiddenClass.simpleTransition`):
        // a key the class transitions by is not one of its own.
        if key == shape.simpleTransitionKey, let child = shape.simpleTransition, count < fieldsLength {
            shape = child
            addField(count, value)
            return
        }
        if let index = shape.descriptors.get(key) {
            setField(index, value)
            return
        }
        if count == fieldsLength && count > Self.fastPropertiesSoftLimit {
            normalize(adding: key, value)
            return
        }
        if count == fieldsLength { growPropertyArray() }
        shape = shape.adding(key)
        addField(count, value)
    }

    /// `JSObject::NormalizeProperties`: every field copied into a dictionary
    /// sized for them and the one being added.
    private mutating func normalize(adding key: Int, _ value: JSValue?) {
        var table = OrderedHashMap<JSValue?>(capacity: shape.fieldCount + 1)
        for (k, index) in shape.descriptors.pairs { table.set(k, field(index)) }
        table.set(key, value)
        dictionary = table
        first = (nil, nil, nil)
        grown = []
        fieldsLength = 0
        propertyArrayGrowths += 1
    }

    /// The property array made `fieldsAdded` slots longer. The first one is
    /// `first`, in the record; past it, a new buffer with the fields moved
    /// over (V8 copies the tagged words into a new `PropertyArray`).
    /// `reserveCapacity` on the uniquely held buffer moves the elements
    /// without retaining them; when the allocator's size class already left
    /// room, no new buffer is needed (V8 would allocate one).
    private mutating func growPropertyArray() {
        let old = fieldsLength
        fieldsLength += Self.fieldsAdded
        propertyArrayGrowths += 1
        if fieldsLength <= Self.fieldsAdded { return }
        grown.reserveCapacity(fieldsLength)
        if old == Self.fieldsAdded {
            grown.append(first.0); grown.append(first.1); grown.append(first.2)
            first = (nil, nil, nil)
        }
    }
}
