import HostRuntime

/// workerd's `jsg::AsyncContextFrame`: an immutable map storage → value.
/// Created only by `run` (a copy of the current frame plus one entry).
public final class ContextFrame {
    public let values: [Int: JSValue]
    init(_ values: [Int: JSValue]) { self.values = values }
}

/// The embedder-level wrapper around a scheduled callback that keeps its
/// frame alive and enters it (workerd's `AsyncContextFrame::wrap`, Bun's
/// `withAsyncContextIfNeeded`): one small allocation per scheduled callback.
///
/// `destroy` drops the reference (the wrapped callback is destroyed when its
/// timer is cleared or has run), so a resource record that outlives its last
/// callback does not keep the frame alive.
public final class FrameWrapper {
    public internal(set) var frame: ContextFrame?
    init(_ frame: ContextFrame) { self.frame = frame }
}

/// Frame referencing as workerd does it: cloudflare/workerd
/// `src/workerd/jsg/async-context.{h,c++}`, `src/workerd/api/node/async-hooks.c++`.
///
/// - No frame exists until the first `run` (root = nil).
/// - `run(key, value, fn)` always creates a frame (workerd's `StorageScope`
///   does not compare values): O(k) copy plus the new entry; entering it and
///   restoring the previous one are pointer swaps.
/// - Every scheduled callback — timers, immediates, ticks, microtasks and, in
///   this model, promise reactions, await reactions, thenable jobs and async
///   resources — gets a wrapper holding one strong reference to the current
///   frame; no wrapper when no frame is current. Promises carry nothing.
/// - `getStore` is a hash lookup in the current frame.
/// - `enterWith` and `disable` throw: workerd does not implement them.
/// - `exit` is `run(undefined, fn)`, as workerd writes it, so `getStore()`
///   inside is `undefined` even for a storage with a `defaultValue`.
/// - The `unhandledRejection` handler runs in the frame current when the
///   promise was rejected.
public final class FrameRef: ContextStrategy {
    public typealias Captured = FrameWrapper
    public typealias Saved = ContextFrame?

    public static let id = "frame-ref"
    public static let summary = "workerd AsyncContextFrame: immutable frames copied on run (O(k)); every scheduled callback wraps a reference to the current frame"
    /// workerd's `enterWith`/`disable` throw "not implemented"; its `run`
    /// puts the previous frame back by pointer (a scope guard).
    public static let profile = StrategyProfile(
        role: .faithful, models: .workerd,
        semantics: SemanticProfile(mechanism: .frameRef, supportsEnterWithAndDisable: false, hasExecutionResources: false,
                                   runRestore: .byPointer, unhandledRejectionContext: .rejection))

    /// The current frame (nil: root).
    public private(set) var currentFrame: ContextFrame?
    var storageCount = 0
    public private(set) var counters = StrategyCounters()

    public init() {}

    public func makeStorage(name: String) -> StorageKey {
        storageCount += 1
        return StorageKey(index: storageCount - 1)
    }

    // MARK: PropagationStrategy

    @inline(__always)
    func wrapCurrent() -> FrameWrapper? {
        guard let frame = currentFrame else { return nil }
        counters.wrappersAllocated += 1
        return FrameWrapper(frame)
    }

    /// Promises carry nothing; everything else that schedules a callback wraps it.
    @inline(__always)
    public func initResource(_ kind: ResourceKind) -> FrameWrapper? {
        kind == .promise ? nil : wrapCurrent()
    }

    /// The reaction's callback is wrapped at `then()` time.
    @inline(__always)
    public func initReaction(derived: FrameWrapper?) -> FrameWrapper? { wrapCurrent() }

    @inline(__always)
    public func enter(_ captured: FrameWrapper?, _ kind: ResourceKind) -> ContextFrame? {
        let saved = currentFrame
        currentFrame = captured?.frame
        return saved
    }

    @inline(__always)
    public func leave(_ saved: ContextFrame?, _ captured: FrameWrapper?, _ kind: ResourceKind) {
        currentFrame = saved
    }

    @inline(__always) public func promiseResolved(_ promise: FrameWrapper?) {}
    /// The callback will not run again: release the frame it kept alive. An
    /// `AsyncResource` keeps its frame for its whole life, as in workerd
    /// (`emitDestroy` there releases nothing).
    @inline(__always) public func destroy(_ captured: FrameWrapper?, _ kind: ResourceKind) {
        if kind != .asyncResource { captured?.frame = nil }
    }

    /// The frame current at rejection time.
    @inline(__always)
    public func rejectionContext(promise: FrameWrapper?) -> FrameWrapper? { wrapCurrent() }

    // MARK: Storage

    @inline(__always)
    public func getStore(_ key: StorageKey) -> JSValue? { currentFrame?.values[key.index] }

    /// A new frame: the current frame's entries copied one by one, plus the new one.
    @inline(__always)
    func makeFrame(_ index: Int, _ value: JSValue) -> ContextFrame {
        let parent = currentFrame
        counters.entriesCopied += parent?.values.count ?? 0
        counters.framesCreated += 1
        return ContextFrame(.copying(parent?.values, binding: index, to: value))
    }

    @inline(__always)
    public func run<R>(_ key: StorageKey, _ value: JSValue, _ body: () throws -> R) rethrows -> R {
        let saved = currentFrame
        currentFrame = makeFrame(key.index, value)
        defer { currentFrame = saved }
        return try body()
    }

    public func exit<R>(_ key: StorageKey, _ body: () throws -> R) rethrows -> R {
        try run(key, .undefined, body)
    }

    public func enterWith(_ key: StorageKey, _ value: JSValue) throws {
        throw ContextStrategyError.unsupported(operation: "AsyncLocalStorage.enterWith", strategy: Self.id)
    }

    public func disable(_ key: StorageKey) throws {
        throw ContextStrategyError.unsupported(operation: "AsyncLocalStorage.disable", strategy: Self.id)
    }
}
