import HostRuntime

/// How a slot-carried design represents a frame (the object the
/// continuation-preserved slot holds and every record captures).
///
/// The slot mechanics — one captured reference per record, zero wrappers,
/// zero hook calls, the `Object.is` short-circuit, `exit` = `run(undefined)`,
/// `enterWith`, `disable` on the current frame object only — live once, in
/// `SlotCarried`; a representation only says how a frame binds, looks up and
/// deletes. `SlotCarried<F>` is specialized per representation (every call
/// below is a static call on a concrete final class after specialization).
public protocol FrameRepresentation: AnyObject {
    /// The strategy id (CSV rows, CLI flags, charts).
    static var id: String { get }
    /// One line: the runtime whose representation this is, and its costs.
    static var summary: String { get }
    /// `true`: `run` restores the frame current before it (one pointer store,
    /// as workerd and the TC39 proposal do). `false`: `run` restores as Node 24
    /// does, by binding the prior value in the frame current at that point
    /// (`enterWith(prior)`), which a copy-on-write frame can do in place.
    static var restoresByPointer: Bool { get }
    /// The frame binding `index` to `value` on top of `parent` (nil: root).
    /// Immutable representations return a new frame; copy-on-write may return
    /// `parent` itself, mutated.
    static func binding(_ parent: Self?, _ index: Int, _ value: JSValue, _ counters: inout StrategyCounters) -> Self
    /// The value bound to `index` in this frame; nil when absent.
    func value(at index: Int) -> JSValue?
    /// `disable()`: deletes `index` from this frame object only, in place, so
    /// every continuation holding this frame observes it and no other frame
    /// (a frame made from this one earlier, a parent) does — Node 24's
    /// `AsyncContextFrame.disable`.
    func delete(_ index: Int, _ counters: inout StrategyCounters)
    /// A record (reaction, job, timer, snapshot…) is capturing this frame.
    func captured() -> Self
}

extension FrameRepresentation {
    /// Immutable frames need nothing to be captured: the record holds the pointer.
    @inline(__always) public func captured() -> Self { self }
}

/// V8's continuation-preserved embedder data carrying a frame of
/// representation `Frame`: the mechanics of `ContinuationSlot` (Node 24
/// default) with the frame representation as a parameter.
///
/// - Every reaction, job, timer, tick, immediate and async-resource record
///   captures the slot (one reference); promises carry nothing; the slot is
///   swapped around each callback. No hook call, no wrapper.
/// - `run(v, fn)`: if `Object.is(getStore(), v)` call `fn` directly; otherwise
///   bind `v`, call, restore (see `FrameRepresentation.restoresByPointer`).
/// - `enterWith(v)`: the slot becomes `binding(slot, v)`.
/// - `disable()`: deletes the key from the current frame object only.
/// - `exit(fn)` is `run(undefined, fn)`.
/// - The `unhandledRejection` handler runs in the slot's frame at rejection time.
public final class SlotCarried<Frame: FrameRepresentation>: ContextStrategy {
    public typealias Captured = Frame
    public typealias Saved = Frame?

    public static var id: String { Frame.id }
    public static var summary: String { Frame.summary }
    /// Frame representations are design variants of the continuation slot
    /// (no shipped runtime): Node 24's semantics, with the frame's own restore.
    public static var profile: StrategyProfile {
        StrategyProfile(role: .variant, models: nil,
                        semantics: SemanticProfile(mechanism: .continuationSlot, supportsEnterWithAndDisable: true, hasExecutionResources: false,
                                                   runRestore: Frame.restoresByPointer ? .byPointer : .rebindPrior,
                                                   unhandledRejectionContext: .rejection))
    }

    /// The continuation-preserved embedder data slot.
    public private(set) var slot: Frame?
    var defaults = ContiguousArray<JSValue>()
    public private(set) var counters = StrategyCounters()

    public init() {}

    /// The current frame (for tests).
    public var currentFrame: Frame? { slot }

    public func makeStorage(name: String) -> StorageKey { makeStorage(name: name, defaultValue: .undefined) }
    public func makeStorage(name: String, defaultValue: JSValue) -> StorageKey {
        defaults.append(defaultValue)
        return StorageKey(index: defaults.count - 1)
    }

    // MARK: PropagationStrategy

    @inline(__always)
    public func initResource(_ kind: ResourceKind) -> Frame? {
        kind == .promise ? nil : slot?.captured()
    }

    @inline(__always)
    public func initReaction(derived: Frame?) -> Frame? { slot?.captured() }

    @inline(__always)
    public func enter(_ captured: Frame?, _ kind: ResourceKind) -> Frame? {
        let saved = slot
        slot = captured
        return saved
    }

    @inline(__always)
    public func leave(_ saved: Frame?, _ captured: Frame?, _ kind: ResourceKind) {
        slot = saved
    }

    @inline(__always) public func promiseResolved(_ promise: Frame?) {}
    @inline(__always) public func destroy(_ captured: Frame?, _ kind: ResourceKind) {}

    @inline(__always)
    public func rejectionContext(promise: Frame?) -> Frame? { slot?.captured() }

    // MARK: Storage

    @inline(__always)
    public func getStore(_ key: StorageKey) -> JSValue? { slot?.value(at: key.index) }

    @inline(__always)
    public func run<R>(_ key: StorageKey, _ value: JSValue, _ body: () throws -> R) rethrows -> R {
        let index = key.index
        let prior = getStore(key) ?? defaults[index]
        if prior == value { return try body() }
        if Frame.restoresByPointer {
            let saved = slot
            slot = Frame.binding(saved, index, value, &counters)
            defer { slot = saved }
            return try body()
        } else {
            slot = Frame.binding(slot, index, value, &counters)
            defer { slot = Frame.binding(slot, index, prior, &counters) }
            return try body()
        }
    }

    public func exit<R>(_ key: StorageKey, _ body: () throws -> R) rethrows -> R {
        try run(key, .undefined, body)
    }

    public func enterWith(_ key: StorageKey, _ value: JSValue) throws {
        slot = Frame.binding(slot, key.index, value, &counters)
    }

    public func disable(_ key: StorageKey) throws { slot?.delete(key.index, &counters) }
}

/// Test and inspection access to a slot-carried strategy's current frame,
/// whatever its representation.
public protocol SlotCarriedInspectable: AnyObject {
    var currentFrameObject: AnyObject? { get }
    /// Whether `run` restores the previous frame by pointer.
    static var restoresByPointer: Bool { get }
}

extension SlotCarried: SlotCarriedInspectable {
    public var currentFrameObject: AnyObject? { slot }
    public static var restoresByPointer: Bool { Frame.restoresByPointer }
}
