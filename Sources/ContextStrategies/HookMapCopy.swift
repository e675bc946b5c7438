import HostRuntime

/// One async resource as Node's async_hooks ALS sees it: a JavaScript object
/// carrying `resource[async_id_symbol]`, `resource[trigger_async_id_symbol]`
/// (written by `trackPromise` / the resource's constructor) and one property
/// per storage (`resource[als.kResourceStore]`, written by the init hook),
/// each added one at a time as V8 adds properties: a hidden-class transition
/// per key, a property array grown 3 slots at a time, and dictionary mode
/// past V8's fast-property limit (``PropertyBacking``). A property the init
/// hook or `run` assigned holds a value (`.undefined` included); an absent
/// property reads as nil, which `getStore` turns into the `defaultValue`.
public final class HookResource {
    /// Property keys of the two async ids (storages use their indices, ≥ 0).
    static let asyncIdKey = -1, triggerAsyncIdKey = -2
    /// `resource_symbol`: the public resource a wrapped resource points to (never set here).
    static let resourceSymbolKey = -3
    public var properties: PropertyBacking

    /// A resource with its two id properties added (on the shared transition tree under `root`).
    @usableFromInline
    init(root: HiddenClass, asyncId: Int, triggerAsyncId: Int) {
        properties = PropertyBacking(shape: root)
        properties.set(Self.asyncIdKey, .number(Double(asyncId)))
        properties.set(Self.triggerAsyncIdKey, .number(Double(triggerAsyncId)))
    }

    /// Properties other than the two async ids: one per storage propagated onto it.
    public var storageSlotCount: Int { properties.count - 2 }

    /// `resource[async_id_symbol]` (a property read, as `getOrSetAsyncId` does).
    public var asyncId: Int { properties.getInPlace(Self.asyncIdKey)?.numberValue.map { Int($0) } ?? 0 }
    public var triggerAsyncId: Int { properties.getInPlace(Self.triggerAsyncIdKey)?.numberValue.map { Int($0) } ?? 0 }

    /// `resource[key]` (nil: no such property, or undefined).
    @inline(__always)
    public func read(_ index: Int) -> JSValue? { properties.getInPlace(index) }

    /// `lookupPublicResource(resource)[key]`: `resource[resource_symbol]` is
    /// absent on every resource here, so the property is read on the resource
    /// itself. Read in place: returning the public resource first retained
    /// and released it around every `getStore`.
    @inline(__always)
    func readOnPublicResource(_ index: Int) -> JSValue? {
        if case .object(let wrapped)? = properties.getInPlace(Self.resourceSymbolKey), let resource = wrapped as? HookResource {
            return resource.read(index)
        }
        return read(index)
    }

    /// `resource[key] = value` (a keyed store: adds the property if absent).
    @inline(__always)
    func write(_ index: Int, _ value: JSValue?) { properties.set(index, value) }
}

/// Which Node release's async_hooks `AsyncLocalStorage` a `HookMapCopyCore`
/// reproduces. The design and its costs are the same; the releases differ in
/// when a storage joins the init hook's list and in the constructor's options.
public protocol HookALSRelease {
    static var id: String { get }
    static var summary: String { get }
    /// Node 24 (nodejs/node PR #58029): the constructor enables the storage,
    /// so even a storage never used is copied onto every resource. Node 20:
    /// a storage is enabled by its first `run`/`enterWith`.
    static var enablesOnConstruction: Bool { get }
    /// Whether `new AsyncLocalStorage({ defaultValue, name })` means anything
    /// (Node ≥ 23.2 / 22.?: yes; Node 20: the constructor takes no options).
    static var acceptsStorageOptions: Bool { get }
    /// The strategy's profile (`ContextStrategy.profile`).
    static var profile: StrategyProfile { get }
}

/// Node 24 with `--no-async-context-frame`, as in v24.19's source.
public enum Node24HooksRelease: HookALSRelease {
    public static let id = "hook-map-copy"
    public static let summary = "Node 24 --no-async-context-frame ALS (async_hooks): the init hook copies every constructed storage's value onto every new resource (O(k) per resource, O(1) run)"
    @inlinable public static var enablesOnConstruction: Bool { true }
    @inlinable public static var acceptsStorageOptions: Bool { true }
    public static let profile = StrategyProfile(
        role: .faithful, models: .node24Hooks,
        semantics: SemanticProfile(mechanism: .asyncHooks(.node24), supportsEnterWithAndDisable: true, hasExecutionResources: true,
                                   runRestore: .rebindPrior, unhandledRejectionContext: .creation))
}

/// Node's async_hooks-based `AsyncLocalStorage` (Node 20, and Node 24 with
/// `--no-async-context-frame`): nodejs/node
/// `lib/internal/async_local_storage/async_hooks.js` (v24.19),
/// `lib/async_hooks.js` (v20.20).
///
/// - One shared init hook runs for **every** async resource while at least
///   one storage is enabled (enabling it also turns on V8's promise hooks, so
///   every promise counts) and copies each enabled storage's value from the
///   current execution resource onto the new one (`_propagate` assigns
///   `resource[key] = trigger[key]`, so the property is present even when the
///   value is `undefined`): O(k) time and O(k) properties per promise,
///   reaction, timer, tick, immediate — each added as V8 adds a property
///   (``HookResource``, ``PropertyBacking``), after the two async-id
///   properties, through the hook list and one `_propagate` call per storage.
/// - `before`/`after` make the resource current and restore the previous one,
///   pushing and popping its ids on the async-id stack: O(1). A promise
///   reaction created while the hook was off has no resource: V8 calls no
///   `before` hook for an await without a throwaway promise, and none for a
///   `then` reaction while the hooks are still off, so the execution resource
///   stays what it was (nodejs/node#45848, the leak PR #58029 fixed for Node 24).
/// - `run` writes onto the current resource and restores the previous value in
///   `finally`: O(1). The restore assigns, so a property that was absent is
///   then present with `undefined` and `getStore` no longer falls back to
///   `defaultValue` (v24.19's source; issue 18).
/// - `getStore` is `lookupPublicResource` and one property read on the current
///   resource; an absent property (or a disabled storage) gives the storage's
///   `defaultValue`.
/// - `disable` removes the storage from propagation; values already copied
///   onto resources stay (and reappear if the storage is enabled again —
///   nodejs/node#48480). `exit` is disable, call, re-enable.
public final class HookMapCopyCore<Release: HookALSRelease>: ContextStrategy {
    public typealias Captured = HookResource
    public typealias Saved = HookResource?

    public static var id: String { Release.id }
    public static var summary: String { Release.summary }
    public static var acceptsStorageOptions: Bool { Release.acceptsStorageOptions }
    public static var profile: StrategyProfile { Release.profile }

    /// `executionAsyncResource()`. nil only inside the callback of a resource
    /// created while no storage was enabled (such a resource has no properties).
    @usableFromInline var current: HookResource?
    /// The top-level resource the main script runs in; exists from the start.
    public let topLevelResource: HookResource
    /// `storageList`: the enabled storages, in enabling order, by index (each
    /// storage's `_propagate` writes its slot on resources).
    @usableFromInline var storageList = ContiguousArray<Int>()
    @usableFromInline var enabled = ContiguousArray<Bool>()
    /// A storage's slot on resources, given when it is first enabled (a JS
    /// object gets a property only for the storages that ever wrote one), so
    /// Node 20's resources hold only the storages used so far. Node 24
    /// enables every storage at construction: there the slot is the index.
    @usableFromInline var slotOf = ContiguousArray<Int>()
    /// Slots given so far: the size of a new resource.
    @usableFromInline var slotsAssigned = 0
    @usableFromInline var defaults = ContiguousArray<JSValue>()
    @usableFromInline var nextAsyncId = 2
    /// The root of the hidden-class tree every resource of this host starts from.
    let resourceRoot: HiddenClass
    /// `active_hooks.array`'s init callbacks, called for every new resource
    /// (`emitInitNative`); the ALS storage hook is the one registered here.
    var initHooks = ContiguousArray<(HookResource, HookResource?) -> Void>()
    /// Per storage, its `_propagate(resource, triggerResource)` method.
    var propagators = ContiguousArray<(HookResource, HookResource?) -> Void>()
    /// async_hooks' execution stack (`async_ids_stack`): `before` pushes the
    /// entered resource's async id and trigger id, `after` pops them.
    var asyncIdStack = ContiguousArray<Int>()
    public private(set) var counters = StrategyCounters()
    /// Resources the init hook created (each carries `storageList.count` copied slots).
    public private(set) var resourcesCreated = 0

    public init() {
        let root = HiddenClass.root()
        resourceRoot = root
        topLevelResource = HookResource(root: root, asyncId: 1, triggerAsyncId: 0)
        current = topLevelResource
        initHooks.append { [unowned self] resource, parent in self.storageHookInit(resource, parent) }
    }

    /// The ALS storage hook's `init`: `storageList[i]._propagate(resource,
    /// currentResource)` for every enabled storage, one call each.
    func storageHookInit(_ resource: HookResource, _ parent: HookResource?) {
        for index in storageList { propagators[index](resource, parent) }
    }

    /// The current execution resource (for tests: its identity and slots).
    public var executionAsyncResource: HookResource? { current }

    public func makeStorage(name: String) -> StorageKey { makeStorage(name: name, defaultValue: .undefined) }

    /// Node 24: the constructor enables the storage, so even an unused storage
    /// is copied onto every resource from now on. Node 20: it stays disabled
    /// (no copies) until its first `run` or `enterWith`, and has no default.
    public func makeStorage(name: String, defaultValue: JSValue) -> StorageKey {
        let index = enabled.count
        enabled.append(false)
        slotOf.append(-1)
        defaults.append(Release.acceptsStorageOptions ? defaultValue : .undefined)
        // Replaced by the storage's `_propagate` when it is first enabled (its slot is known then).
        propagators.append { _, _ in }
        if Release.enablesOnConstruction { enable(index) }
        return StorageKey(index: index)
    }

    @inline(__always) func enable(_ index: Int) {
        guard !enabled[index] else { return }
        enabled[index] = true
        if slotOf[index] < 0 {
            let slot = slotsAssigned
            slotOf[index] = slot
            slotsAssigned += 1
            // `_propagate(resource, triggerResource)`: resource[kResourceStore] =
            // triggerResource[kResourceStore], an assignment (present even as undefined).
            propagators[index] = { resource, parent in resource.write(slot, parent?.read(slot) ?? .undefined) }
        }
        storageList.append(index)
    }

    /// The slot of an enabled storage (the index itself under Node 24).
    @inline(__always) func slot(_ index: Int) -> Int {
        Release.enablesOnConstruction ? index : slotOf[index]
    }

    // MARK: PropagationStrategy

    /// The init hook: nil (no work, no allocation) while no storage is
    /// enabled — the hook is disabled then; otherwise a fresh resource with
    /// each enabled storage's value copied from the current resource.
    @inline(__always)
    public func initResource(_ kind: ResourceKind) -> HookResource? {
        if storageList.isEmpty { return nil }
        return makeResource()
    }

    @usableFromInline
    func makeResource() -> HookResource {
        counters.hookCalls += 1
        resourcesCreated += 1
        let parent = current
        // trackPromise / the resource constructor: the two id properties.
        let resource = HookResource(root: resourceRoot, asyncId: nextAsyncId, triggerAsyncId: parent?.asyncId ?? 0)
        nextAsyncId += 1
        // emitInitNative: every registered init hook, through the hook list.
        for hook in initHooks { hook(resource, parent) }
        counters.entriesCopied += storageList.count
        return resource
    }

    /// async_hooks reports `before`/`after` of a `then` reaction with the
    /// promise `then()` returned, so the reaction runs in that promise's resource.
    @inline(__always)
    public func initReaction(derived: HookResource?) -> HookResource? { derived }

    /// A resource without a record was created while the hook was off. For a
    /// timer, tick, immediate or `AsyncResource` Node still pushes the object
    /// (which has no properties): `current` becomes nil. For a promise
    /// reaction it pushes nothing when V8 calls no `before` hook: always for
    /// an await reaction made while the hooks were off (there is no throwaway
    /// promise to report), and for a `then` reaction while the hooks are still
    /// off; `current` then stays as it is.
    @inline(__always)
    public func enter(_ captured: HookResource?, _ kind: ResourceKind) -> HookResource? {
        let saved = current
        if captured == nil && (kind == .awaitReaction || (kind == .promise && storageList.isEmpty)) { return saved }
        current = captured
        // `before` (promiseBeforeHook → emitBeforeScript → pushAsyncContext):
        // the resource's ids read from its properties and pushed.
        if let captured {
            asyncIdStack.append(captured.asyncId)
            asyncIdStack.append(captured.triggerAsyncId)
        }
        return saved
    }

    @inline(__always)
    public func leave(_ saved: HookResource?, _ captured: HookResource?, _ kind: ResourceKind) {
        // `after` (popAsyncContext).
        if captured != nil { asyncIdStack.removeLast(2) }
        current = saved
    }

    /// The ALS hook registers no `promiseResolve`/`destroy`: resources are
    /// simply collected.
    @inline(__always) public func promiseResolved(_ promise: HookResource?) {}
    @inline(__always) public func destroy(_ captured: HookResource?, _ kind: ResourceKind) {}

    /// Node runs the `unhandledRejection` handler in the promise's own async
    /// context, i.e. the context the promise was created in (nodejs/node#46262).
    @inline(__always)
    public func rejectionContext(promise: HookResource?) -> HookResource? { promise }

    // MARK: Storage

    @inline(__always)
    public func getStore(_ key: StorageKey) -> JSValue? {
        guard enabled[key.index] else { return nil }
        // `executionAsyncResource()` → `lookupPublicResource`, then `resource[this.kResourceStore]`.
        return current?.readOnPublicResource(slot(key.index))
    }

    /// The resource to write a store onto. Inside the callback of a resource
    /// created while every storage was disabled there is no resource record
    /// (the model skips the allocation), so one is made for the rest of the
    /// callback — Node would add the property to that resource object instead.
    @inline(__always)
    func writableCurrent() -> HookResource {
        if let current { return current }
        let resource = HookResource(root: resourceRoot, asyncId: nextAsyncId, triggerAsyncId: 0)
        nextAsyncId += 1
        current = resource
        return resource
    }

    /// O(1): Object.is short-circuit, then write onto the current resource and
    /// restore it afterwards (also on throw).
    ///
    /// Node restores by assigning the old value (`resource[key] = oldStore`),
    /// which turns an absent property into a present `undefined`: after the
    /// run `getStore()` is `undefined`, no longer `defaultValue`.
    @inline(__always)
    public func run<R>(_ key: StorageKey, _ value: JSValue, _ body: () throws -> R) rethrows -> R {
        let index = key.index
        if (getStore(key) ?? defaults[index]) == value { return try body() }
        enable(index)
        let resource = writableCurrent()
        let position = slot(index)
        let old = resource.read(position)
        resource.write(position, value)
        defer { resource.write(position, old ?? .undefined) }
        return try body()
    }

    /// Node's hooks `exit`: disable, call, re-enable (O(k) list work).
    public func exit<R>(_ key: StorageKey, _ body: () throws -> R) rethrows -> R {
        guard enabled[key.index] else { return try body() }
        disableIndex(key.index)
        defer { enable(key.index) }
        return try body()
    }

    /// Writes the store onto the current execution resource (a mutation that
    /// every resource created later in this callback copies).
    public func enterWith(_ key: StorageKey, _ value: JSValue) throws {
        enable(key.index)
        writableCurrent().write(slot(key.index), value)
    }

    /// `executionAsyncResource()`: the current resource. Inside the callback of
    /// a resource made while the hook was off the model materialises its
    /// record (as `enterWith` does), so the answer is stable within it.
    public func currentExecutionResource() throws -> ExecutionAsyncResource {
        let resource = writableCurrent()
        return ExecutionAsyncResource(resource, asyncId: resource.asyncId, triggerAsyncId: resource.triggerAsyncId)
    }

    /// Removes the storage from propagation; copied values stay on resources.
    public func disable(_ key: StorageKey) throws { disableIndex(key.index) }

    func disableIndex(_ index: Int) {
        guard enabled[index] else { return }
        enabled[index] = false
        if let position = storageList.firstIndex(of: index) { storageList.remove(at: position) }
    }
}

/// Node 24's async_hooks ALS (`node --no-async-context-frame`).
public typealias HookMapCopy = HookMapCopyCore<Node24HooksRelease>
