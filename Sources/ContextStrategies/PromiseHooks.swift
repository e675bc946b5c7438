import HostRuntime

/// One registered hook set, as `async_hooks.createHook({...})` takes it.
///
/// The callbacks are closures called through the registered-hooks list:
/// dynamic dispatch is the point of this design (the host cannot know what a
/// user-land hook does), so it is modelled rather than specialized away.
public final class AsyncHook {
    /// `init(asyncId, type, triggerAsyncId)`.
    public var onInit: ((Int, ResourceKind, Int) -> Void)?
    /// `before(asyncId)`.
    public var before: ((Int) -> Void)?
    /// `after(asyncId)`.
    public var after: ((Int) -> Void)?
    /// `promiseResolve(asyncId)`.
    public var promiseResolve: ((Int) -> Void)?
    /// `destroy(asyncId)`.
    public var destroy: ((Int) -> Void)?

    public init(onInit: ((Int, ResourceKind, Int) -> Void)? = nil, before: ((Int) -> Void)? = nil,
                after: ((Int) -> Void)? = nil, promiseResolve: ((Int) -> Void)? = nil,
                destroy: ((Int) -> Void)? = nil) {
        self.onInit = onInit
        self.before = before
        self.after = after
        self.promiseResolve = promiseResolve
        self.destroy = destroy
    }
}

/// An OpenTelemetry `Context`: an immutable map from storage to value.
/// `setValue` returns a new context holding a copy of the entries (O(k)).
public final class HookContext {
    public let values: [Int: JSValue]
    init(_ values: [Int: JSValue]) { self.values = values }
}

/// The context manager: OpenTelemetry's `AsyncHooksContextManager`
/// (`@opentelemetry/context-async-hooks`), the design cls-hooked also uses.
///
/// - `init(uid)`: if a context is active, `contexts[uid] = active` (side table).
/// - `before(uid)`: push `contexts[uid]` onto the context stack.
/// - `after(uid)`: pop.
/// - `destroy(uid)` and `promiseResolve(uid)`: `contexts.delete(uid)`.
///
/// Deviation, on purpose: OTel's `_before` pushes only when an entry exists
/// while `_after` always pops, which can pop a caller's context when a
/// resource without an entry runs synchronously inside `with()` (e.g.
/// `runInAsyncScope`). Here `before` always pushes (the root context when
/// there is no entry), keeping the stack balanced; the cost is the same.
public final class ContextManager {
    /// `asyncId → Context`, only for resources created while a context was active.
    public private(set) var contexts: [Int: HookContext] = [:]
    /// The context stack; its first element is the base (root = nil, or what
    /// `enterWith` installed outside any callback).
    var stack: ContiguousArray<HookContext?> = [nil]
    var highWater = 0

    /// `contextManager.active()`.
    @inline(__always) public var active: HookContext? { stack[stack.count - 1] }

    func didInit(_ asyncId: Int) {
        guard let context = stack[stack.count - 1] else { return }
        contexts[asyncId] = context
        if contexts.count > highWater { highWater = contexts.count }
    }
    func before(_ asyncId: Int) { stack.append(contexts[asyncId]) }
    func after(_ asyncId: Int) { stack.removeLast() }
    func forget(_ asyncId: Int) { contexts.removeValue(forKey: asyncId) }

    /// The hook set the manager registers.
    func makeHook() -> AsyncHook {
        AsyncHook(onInit: { [unowned self] id, _, _ in didInit(id) },
                  before: { [unowned self] id in before(id) },
                  after: { [unowned self] id in after(id) },
                  promiseResolve: { [unowned self] id in forget(id) },
                  destroy: { [unowned self] id in forget(id) })
    }
}

/// Promise-hook style propagation: cls-hooked, OpenTelemetry's
/// `AsyncHooksContextManager`, the "custom ALS on one async hook".
///
/// The host delivers `init`/`before`/`after`/`promiseResolve`/`destroy` with
/// async ids (from a counter) to every hook in the registered list; the
/// context manager (one registered hook) keeps the `asyncId → context` side
/// table. Cost: several dynamically dispatched callbacks and hash-table
/// operations per resource, independent of k; memory: one entry per live
/// resource created in a context; a missed `destroy` leaks an entry.
///
/// Storage semantics (cls-hooked / OTel have no per-storage API; chosen to
/// match the hook family):
/// - `run` = `context.with(active.setValue(key, v), fn)`: copies the
///   context (O(k)), pushes it, pops it afterwards. No short-circuit.
/// - `enterWith` = cls-hooked's `namespace.enter`: replaces the active context
///   for the rest of the current callback (outside any callback: for good).
/// - `disable` hides the storage (`getStore` → nil) until the next `run` or
///   `enterWith` on it; values already in contexts stay and reappear then,
///   as with the async_hooks ALS (nodejs/node#48480).
/// - `exit` runs with a copy of the active context without the key.
/// - `unhandledRejection`: OTel deletes the promise's entry at
///   `promiseResolve` (which a rejection is), and Node pushes the promise's
///   id for the handler without a `before` hook, so the handler sees whatever
///   is active at the checkpoint: the root context.
public final class PromiseHooks: ContextStrategy {
    /// A resource's async id and trigger id. One small allocation per
    /// resource: V8 likewise stores the ids as properties on every promise
    /// when hooks are on (an out-of-object property array).
    public final class AsyncIdRecord {
        public let asyncId: Int
        public let triggerAsyncId: Int
        init(_ asyncId: Int, trigger: Int) { self.asyncId = asyncId; self.triggerAsyncId = trigger }
    }
    public typealias Captured = AsyncIdRecord
    public typealias Saved = Int

    public static let id = "promise-hooks"
    public static let summary = "cls-hooked / OpenTelemetry AsyncHooksContextManager: lifecycle callbacks per resource and an asyncId → context side table"
    public static let profile = StrategyProfile(
        role: .faithful, models: nil,
        semantics: SemanticProfile(mechanism: .promiseHooks, supportsEnterWithAndDisable: true, hasExecutionResources: false,
                                   runRestore: .rebindPrior, unhandledRejectionContext: .root))

    /// The registered-hooks list every lifecycle event is delivered through.
    public private(set) var hooks: [AsyncHook] = []
    public let manager = ContextManager()
    /// `executionAsyncId()`; 1 is the main script.
    public private(set) var executionAsyncId = 1
    var nextAsyncId = 2
    var disabled = ContiguousArray<Bool>()
    var hookCallCount = 0
    var contextsCreated = 0
    var entriesCopiedCount = 0

    public init() {
        hooks.append(manager.makeHook())
    }

    /// `async_hooks.createHook(hook).enable()`: adds a hook to the list.
    public func register(_ hook: AsyncHook) { hooks.append(hook) }

    public var counters: StrategyCounters {
        var c = StrategyCounters()
        c.hookCalls = hookCallCount
        c.framesCreated = contextsCreated
        c.entriesCopied = entriesCopiedCount
        c.sideTableSize = manager.contexts.count
        c.sideTableHighWater = manager.highWater
        return c
    }

    public func makeStorage(name: String) -> StorageKey {
        disabled.append(false)
        return StorageKey(index: disabled.count - 1)
    }

    // MARK: Event delivery (through the list, one dynamic call per hook)

    @inline(__always) func emitInit(_ id: Int, _ kind: ResourceKind, _ trigger: Int) {
        for hook in hooks { if let f = hook.onInit { hookCallCount += 1; f(id, kind, trigger) } }
    }
    @inline(__always) func emitBefore(_ id: Int) {
        for hook in hooks { if let f = hook.before { hookCallCount += 1; f(id) } }
    }
    @inline(__always) func emitAfter(_ id: Int) {
        for hook in hooks { if let f = hook.after { hookCallCount += 1; f(id) } }
    }
    @inline(__always) func emitPromiseResolve(_ id: Int) {
        for hook in hooks { if let f = hook.promiseResolve { hookCallCount += 1; f(id) } }
    }
    @inline(__always) func emitDestroy(_ id: Int) {
        for hook in hooks { if let f = hook.destroy { hookCallCount += 1; f(id) } }
    }

    // MARK: PropagationStrategy

    public func initResource(_ kind: ResourceKind) -> AsyncIdRecord? {
        let id = nextAsyncId
        nextAsyncId += 1
        emitInit(id, kind, executionAsyncId)
        return AsyncIdRecord(id, trigger: executionAsyncId)
    }

    /// `before`/`after` of a `then` reaction are reported with the promise
    /// `then()` returned.
    public func initReaction(derived: AsyncIdRecord?) -> AsyncIdRecord? { derived }

    public func enter(_ captured: AsyncIdRecord?, _ kind: ResourceKind) -> Int {
        let saved = executionAsyncId
        // nil: Node's `pushAsyncContext` for the unhandledRejection handler
        // (id 0 here), which emits no `before`.
        let id = captured?.asyncId ?? 0
        executionAsyncId = id
        if id != 0 { emitBefore(id) }
        return saved
    }

    public func leave(_ saved: Int, _ captured: AsyncIdRecord?, _ kind: ResourceKind) {
        if let id = captured?.asyncId { emitAfter(id) }
        executionAsyncId = saved
    }

    public func promiseResolved(_ promise: AsyncIdRecord?) {
        if let id = promise?.asyncId { emitPromiseResolve(id) }
    }

    public func destroy(_ captured: AsyncIdRecord?, _ kind: ResourceKind) {
        if let id = captured?.asyncId { emitDestroy(id) }
    }

    public func rejectionContext(promise: AsyncIdRecord?) -> AsyncIdRecord? { nil }

    // MARK: Storage

    @inline(__always)
    public func getStore(_ key: StorageKey) -> JSValue? {
        if disabled[key.index] { return nil }
        return manager.active?.values[key.index]
    }

    /// OTel's `context.setValue`: a new context with a copy of the entries.
    func active(setting index: Int, to value: JSValue?) -> HookContext {
        let current = manager.active
        entriesCopiedCount += current?.values.count ?? 0
        contextsCreated += 1
        return HookContext(.copying(current?.values, binding: index, to: value))
    }

    public func run<R>(_ key: StorageKey, _ value: JSValue, _ body: () throws -> R) rethrows -> R {
        disabled[key.index] = false
        manager.stack.append(active(setting: key.index, to: value))
        defer { manager.stack.removeLast() }
        return try body()
    }

    public func exit<R>(_ key: StorageKey, _ body: () throws -> R) rethrows -> R {
        guard manager.active?.values[key.index] != nil else { return try body() }
        manager.stack.append(active(setting: key.index, to: nil))
        defer { manager.stack.removeLast() }
        return try body()
    }

    public func enterWith(_ key: StorageKey, _ value: JSValue) throws {
        disabled[key.index] = false
        manager.stack[manager.stack.count - 1] = active(setting: key.index, to: value)
    }

    public func disable(_ key: StorageKey) throws { disabled[key.index] = true }
}
