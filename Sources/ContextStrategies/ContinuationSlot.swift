import HostRuntime

/// Node 24's `AsyncContextFrame` (`class AsyncContextFrame extends SafeMap`,
/// nodejs/node `lib/internal/async_context_frame.js`): a mutable JavaScript
/// `Map` storage → value, modelled as V8 stores it (``OrderedHashMap``). A
/// new frame is `super(AsyncContextFrame.current())` — `new Map(current)`,
/// the parent's entries inserted one by one into a table that starts at
/// capacity 4 and doubles — then `this.set(store, data)`; `disable` mutates
/// a frame in place (`this.delete(store)`).
public final class AsyncContextFrame {
    public internal(set) var table: OrderedHashMap<JSValue>
    init(copying parent: AsyncContextFrame?, binding index: Int, to value: JSValue) {
        table = OrderedHashMap(copying: parent?.table)
        table.set(index, value)
    }
    /// The entries as a dictionary (for tests).
    public var values: [Int: JSValue] {
        var out: [Int: JSValue] = [:]
        for (k, v) in table.pairs { out[k] = v }
        return out
    }
}

/// V8's continuation-preserved embedder data as Node 24 uses it by default:
/// nodejs/node `lib/internal/async_context_frame.js`,
/// `lib/internal/async_local_storage/async_context_frame.js`; V8
/// `src/builtins/promise-*.tq`.
///
/// - The engine has one slot holding the current frame. Every reaction, job,
///   timer, tick and immediate record copies the slot into its own field when
///   it is created (`then()`/`await` time), and the slot is exchanged around
///   the callback. No hook call, no wrapper: zero extra allocations per
///   continuation. Promises themselves carry nothing.
/// - `run(v, fn)`: if `Object.is(getStore(), v)` call `fn` directly; otherwise
///   `enterWith(v)`, call, `enterWith(prior)` in `finally` — two frame copies
///   per run, each O(k).
/// - `enterWith(v)`: a new frame (copy of the current one plus `v`) in the slot.
/// - `disable()`: deletes the key from the current frame object only — a
///   mutation every continuation holding that frame observes.
/// - `exit(fn)` is `run(undefined, fn)` (so `getStore()` inside is `undefined`
///   even with a `defaultValue`).
/// - The `unhandledRejection` handler runs in the slot's frame at rejection time.
public final class ContinuationSlot: ContextStrategy {
    public typealias Captured = AsyncContextFrame
    public typealias Saved = AsyncContextFrame?

    public static let id = "continuation-slot"
    public static let summary = "V8 continuation-preserved embedder data (Node 24 default): one slot copied into every reaction record; Map frame copied twice per run"
    public static let profile = StrategyProfile(
        role: .faithful, models: .node24Frame,
        semantics: SemanticProfile(mechanism: .continuationSlot, supportsEnterWithAndDisable: true, hasExecutionResources: false,
                                   runRestore: .rebindPrior, unhandledRejectionContext: .rejection))

    /// The continuation-preserved embedder data slot.
    public private(set) var slot: AsyncContextFrame?
    var defaults = ContiguousArray<JSValue>()
    public private(set) var counters = StrategyCounters()

    public init() {}

    /// The current frame (for tests).
    public var currentFrame: AsyncContextFrame? { slot }

    public func makeStorage(name: String) -> StorageKey { makeStorage(name: name, defaultValue: .undefined) }
    public func makeStorage(name: String, defaultValue: JSValue) -> StorageKey {
        defaults.append(defaultValue)
        return StorageKey(index: defaults.count - 1)
    }

    // MARK: PropagationStrategy

    @inline(__always)
    public func initResource(_ kind: ResourceKind) -> AsyncContextFrame? {
        kind == .promise ? nil : slot
    }

    /// The reaction record's field is filled from the slot at `then()` time.
    @inline(__always)
    public func initReaction(derived: AsyncContextFrame?) -> AsyncContextFrame? { slot }

    @inline(__always)
    public func enter(_ captured: AsyncContextFrame?, _ kind: ResourceKind) -> AsyncContextFrame? {
        let saved = slot
        slot = captured
        return saved
    }

    @inline(__always)
    public func leave(_ saved: AsyncContextFrame?, _ captured: AsyncContextFrame?, _ kind: ResourceKind) {
        slot = saved
    }

    @inline(__always) public func promiseResolved(_ promise: AsyncContextFrame?) {}
    @inline(__always) public func destroy(_ captured: AsyncContextFrame?, _ kind: ResourceKind) {}

    /// Node 24 records `AsyncContextFrame.current()` when the rejection is tracked.
    @inline(__always)
    public func rejectionContext(promise: AsyncContextFrame?) -> AsyncContextFrame? { slot }

    // MARK: Storage

    @inline(__always)
    /// `frame?.has(this)`, then `frame?.get(this)`: two lookups, as Node 24's `getStore`.
    public func getStore(_ key: StorageKey) -> JSValue? {
        // Through `slot?` in place: binding the frame to a local retained and
        // released it around every read.
        guard slot?.table.hasInPlace(key.index) == true else { return nil }
        return slot?.table.getInPlace(key.index)
    }

    /// `AsyncLocalStorage.prototype.enterWith`: `new AsyncContextFrame(this, v)`
    /// (a copy of the current frame plus one entry) becomes the slot.
    @inline(__always)
    func enterFrame(_ index: Int, _ value: JSValue) {
        let parent = slot
        counters.entriesCopied += parent?.table.count ?? 0
        counters.framesCreated += 1
        slot = AsyncContextFrame(copying: parent, binding: index, to: value)
    }

    @inline(__always)
    public func run<R>(_ key: StorageKey, _ value: JSValue, _ body: () throws -> R) rethrows -> R {
        let index = key.index
        let prior = getStore(key) ?? defaults[index]
        if prior == value { return try body() }
        enterFrame(index, value)
        // Node restores with `enterWith(prior)`: a second copy, made from the
        // frame current at that point.
        defer { enterFrame(index, prior) }
        return try body()
    }

    public func exit<R>(_ key: StorageKey, _ body: () throws -> R) rethrows -> R {
        try run(key, .undefined, body)
    }

    public func enterWith(_ key: StorageKey, _ value: JSValue) throws { enterFrame(key.index, value) }

    /// `AsyncContextFrame.disable(store)`: `current()?.delete(store)`.
    public func disable(_ key: StorageKey) throws { slot?.table.delete(key.index) }
}
