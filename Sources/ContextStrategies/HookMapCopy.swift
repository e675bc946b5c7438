import HostRuntime

/// The header of a `HookResource`: what async_hooks stores on every resource
/// object besides the storages' keys.
public struct HookResourceHeader {
    /// `resource[async_id_symbol]`.
    public let asyncId: Int
    /// `resource[trigger_async_id_symbol]`: the execution resource's id at creation.
    public let triggerAsyncId: Int
    /// In-object slots (one per storage that existed when the resource was made).
    public let slotCount: Int
    /// Slots for storages created after the resource: JavaScript adds such a
    /// property out of object (the hidden class transitions); here a dictionary.
    var overflow: [Int: JSValue]?
}

/// One async resource as Node's async_hooks ALS sees it: its ids and one
/// property per storage (`resource[als.kResourceStore]`).
///
/// The slots are tail-allocated, so creating a resource is one allocation and
/// the init hook's copy is a real element-by-element O(k) copy into fresh
/// memory — not a copy-on-write alias of the parent's storage, which would
/// hide exactly the cost this strategy exists to measure. `nil` in a slot
/// means the property is absent.
public final class HookResource: ManagedBuffer<HookResourceHeader, JSValue?> {
    @usableFromInline
    static func make(asyncId: Int, triggerAsyncId: Int, slotCount: Int) -> HookResource {
        let buffer = HookResource.create(minimumCapacity: slotCount) { _ in
            HookResourceHeader(asyncId: asyncId, triggerAsyncId: triggerAsyncId, slotCount: slotCount, overflow: nil)
        }
        let resource = unsafeDowncast(buffer, to: HookResource.self)
        resource.withUnsafeMutablePointerToElements { $0.initialize(repeating: nil, count: slotCount) }
        return resource
    }

    deinit {
        withUnsafeMutablePointers { header, slots in _ = slots.deinitialize(count: header.pointee.slotCount) }
    }

    public var asyncId: Int { header.asyncId }
    public var triggerAsyncId: Int { header.triggerAsyncId }

    /// `resource[key]` (nil: no such property).
    @inline(__always)
    public func read(_ index: Int) -> JSValue? {
        withUnsafeMutablePointers { header, slots in
            index < header.pointee.slotCount ? slots[index] : header.pointee.overflow?[index]
        }
    }

    /// `resource[key] = value`, or `delete resource[key]` for nil.
    @inline(__always)
    func write(_ index: Int, _ value: JSValue?) {
        withUnsafeMutablePointers { header, slots in
            if index < header.pointee.slotCount {
                slots[index] = value
            } else if let value {
                header.pointee.overflow = header.pointee.overflow ?? [:]
                header.pointee.overflow![index] = value
            } else {
                header.pointee.overflow?[index] = nil
            }
        }
    }
}

/// Node's async_hooks-based `AsyncLocalStorage` (Node ≤ 22, Node 24 with
/// `--no-async-context-frame`): nodejs/node
/// `lib/internal/async_local_storage/async_hooks.js`.
///
/// - One shared init hook runs for **every** async resource while at least
///   one storage is enabled (enabling it also turns on V8's promise hooks, so
///   every promise counts) and copies each enabled storage's value from the
///   current execution resource onto the new one: O(k) time and O(k) slots
///   per promise, reaction, timer, tick, immediate.
/// - `before`/`after` make the resource current and restore the previous one
///   (Node's execution-resource stack): O(1).
/// - `run` writes onto the current resource and restores in `defer`: O(1).
/// - `getStore` is one slot read on the current resource.
/// - `disable` removes the storage from propagation; values already copied
///   onto resources stay (and reappear if the storage is enabled again —
///   nodejs/node#48480). `exit` is disable, call, re-enable.
public final class HookMapCopy: ContextStrategy {
    public typealias Captured = HookResource
    public typealias Saved = HookResource?

    public static let id = "hook-map-copy"
    public static let summary = "Node async_hooks ALS: the init hook copies every enabled storage's value onto every new resource (O(k) per resource, O(1) run)"

    /// `executionAsyncResource()`. nil only inside the callback of a resource
    /// created while no storage was enabled (such a resource has no properties).
    @usableFromInline var current: HookResource?
    /// The top-level resource the main script runs in; exists from the start.
    public let topLevelResource: HookResource
    /// `storageList`: the enabled storages, in enabling order.
    @usableFromInline var storageList = ContiguousArray<Int>()
    @usableFromInline var enabled = ContiguousArray<Bool>()
    @usableFromInline var defaults = ContiguousArray<JSValue>()
    @usableFromInline var nextAsyncId = 2
    public private(set) var counters = StrategyCounters()
    /// Resources the init hook created (each carries `storageList.count` copied slots).
    public private(set) var resourcesCreated = 0

    public init() {
        topLevelResource = HookResource.make(asyncId: 1, triggerAsyncId: 0, slotCount: 0)
        current = topLevelResource
    }

    /// The current execution resource (for tests: its identity and slots).
    public var executionAsyncResource: HookResource? { current }

    public func makeStorage(name: String) -> StorageKey { makeStorage(name: name, defaultValue: .undefined) }

    /// Node 24: the constructor enables the storage, so even an unused storage
    /// is copied onto every resource from now on.
    public func makeStorage(name: String, defaultValue: JSValue) -> StorageKey {
        let index = enabled.count
        enabled.append(false)
        defaults.append(defaultValue)
        enable(index)
        return StorageKey(index: index)
    }

    @inline(__always) func enable(_ index: Int) {
        guard !enabled[index] else { return }
        enabled[index] = true
        storageList.append(index)
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
        let resource = HookResource.make(asyncId: nextAsyncId, triggerAsyncId: parent?.asyncId ?? 0,
                                         slotCount: enabled.count)
        nextAsyncId += 1
        if let parent {
            // `_propagate` for each storage in `storageList`.
            resource.withUnsafeMutablePointerToElements { slots in
                for index in storageList { slots[index] = parent.read(index) }
            }
        }
        counters.entriesCopied += storageList.count
        return resource
    }

    /// async_hooks reports `before`/`after` of a `then` reaction with the
    /// promise `then()` returned, so the reaction runs in that promise's resource.
    @inline(__always)
    public func initReaction(derived: HookResource?) -> HookResource? { derived }

    @inline(__always)
    public func enter(_ captured: HookResource?, _ kind: ResourceKind) -> HookResource? {
        let saved = current
        current = captured
        return saved
    }

    @inline(__always)
    public func leave(_ saved: HookResource?, _ captured: HookResource?, _ kind: ResourceKind) {
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
        return current?.read(key.index)
    }

    /// The resource to write a store onto. Inside the callback of a resource
    /// created while every storage was disabled there is no resource record
    /// (the model skips the allocation), so one is made for the rest of the
    /// callback — Node would add the property to that resource object instead.
    @inline(__always)
    func writableCurrent() -> HookResource {
        if let current { return current }
        let resource = HookResource.make(asyncId: nextAsyncId, triggerAsyncId: 0, slotCount: enabled.count)
        nextAsyncId += 1
        current = resource
        return resource
    }

    /// O(1): Object.is short-circuit, then write onto the current resource and
    /// restore it afterwards (also on throw).
    ///
    /// Node 24 restores by assigning the old value, which turns an absent
    /// property into a present `undefined` (hiding `defaultValue` after the
    /// run); this model restores absence, as `run`'s contract intends.
    @inline(__always)
    public func run<R>(_ key: StorageKey, _ value: JSValue, _ body: () throws -> R) rethrows -> R {
        let index = key.index
        if (getStore(key) ?? defaults[index]) == value { return try body() }
        enable(index)
        let resource = writableCurrent()
        let old = resource.read(index)
        resource.write(index, value)
        defer { resource.write(index, old) }
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
        writableCurrent().write(key.index, value)
    }

    /// Removes the storage from propagation; copied values stay on resources.
    public func disable(_ key: StorageKey) throws { disableIndex(key.index) }

    func disableIndex(_ index: Int) {
        guard enabled[index] else { return }
        enabled[index] = false
        if let position = storageList.firstIndex(of: index) { storageList.remove(at: position) }
    }
}
