import HostRuntime

/// Identifies one storage (one `AsyncLocalStorage` / `AsyncContext.Variable`)
/// within a strategy. Dense small integers, so designs that keep per-storage
/// slots can index by it.
public struct StorageKey: Hashable, Sendable {
    public let index: Int
    @inlinable public init(index: Int) { self.index = index }
}

/// Why a storage operation was refused.
public enum ContextStrategyError: Error, Equatable, CustomStringConvertible {
    /// The strategy, like the runtime it models, does not implement this
    /// operation (workerd throws "not implemented" for `enterWith`/`disable`).
    case unsupported(operation: String, strategy: String)

    public var description: String {
        switch self {
        case let .unsupported(operation, strategy):
            return "\(operation) is not supported by the '\(strategy)' strategy (the runtime it models does not implement it)"
        }
    }
}

/// What `async_hooks.executionAsyncResource()` gives a program, reduced to
/// what it can observe: the resource's identity and its ids.
public struct ExecutionAsyncResource: Equatable {
    public let asyncId: Int
    public let triggerAsyncId: Int
    let identity: ObjectIdentifier
    public init(_ resource: AnyObject, asyncId: Int, triggerAsyncId: Int) {
        self.identity = ObjectIdentifier(resource)
        self.asyncId = asyncId
        self.triggerAsyncId = triggerAsyncId
    }
}

/// Deterministic work counters every strategy keeps; the measurement layer
/// reports them per operation and tests pin them.
public struct StrategyCounters: Equatable, Sendable {
    /// Hook or lifecycle-callback invocations (init, before, after, resolve, destroy).
    public var hookCalls = 0
    /// Context entries copied (per-resource copies, frame copies).
    public var entriesCopied = 0
    /// Context frames (immutable maps) created.
    public var framesCreated = 0
    /// Callback wrappers allocated to carry a frame.
    public var wrappersAllocated = 0
    /// Live entries in an id-keyed side table, and its high-water mark.
    public var sideTableSize = 0
    public var sideTableHighWater = 0
    public init() {}
}

/// A propagation strategy that can carry storages: the lifecycle points of
/// `PropagationStrategy` plus the storage operations of AsyncLocalStorage.
///
/// One file per strategy implements this. Each models a real runtime's design
/// and its cost structure; where real runtimes legitimately differ, the
/// strategy behaves as its runtime does and the oracle records the difference.
public protocol ContextStrategy: PropagationStrategy {
    /// The contract id used in CSV rows, CLI flags and charts.
    static var id: String { get }
    /// A one-line description of the real design being modelled.
    static var summary: String { get }
    /// What the strategy is: its role in the study, the runtime it models,
    /// and the semantics the conformance scenarios expect of it. Required (no
    /// default), so a new strategy states all of it rather than inheriting
    /// another's expectations.
    static var profile: StrategyProfile { get }
    /// Whether the modelled runtime's constructor honours `{ defaultValue,
    /// name }` (false: Node 20, whose constructor takes no options, so
    /// `AsyncLocalStorage` drops them as that runtime does).
    static var acceptsStorageOptions: Bool { get }

    init()

    /// Creates a storage (Node 24: the constructor enables it).
    func makeStorage(name: String) -> StorageKey
    /// Creates a storage that knows its default value. Strategies whose real
    /// `run` compares the new store with `getStore()` (Node's `Object.is`
    /// short-circuit, which sees the default value) need it; the default
    /// implementation ignores it.
    func makeStorage(name: String, defaultValue: JSValue) -> StorageKey
    /// The store for `key` in the current context; `nil` when absent (the
    /// storage then reports its default value).
    func getStore(_ key: StorageKey) -> JSValue?
    /// Runs `body` with `key` bound to `value`; restores the previous binding
    /// afterwards, also when `body` throws. Returns `body`'s result.
    func run<R>(_ key: StorageKey, _ value: JSValue, _ body: () throws -> R) rethrows -> R
    /// Runs `body` outside `key`'s context. Hook designs disable the storage
    /// (`getStore` is nil, so the default value); Node 24's frame ALS and
    /// workerd implement it as `run(undefined, body)` (`getStore` is
    /// `undefined` even when a default value is set).
    func exit<R>(_ key: StorageKey, _ body: () throws -> R) rethrows -> R
    /// Binds `key` to `value` for the rest of the current synchronous execution
    /// and the continuations it creates.
    func enterWith(_ key: StorageKey, _ value: JSValue) throws
    /// Stops propagating `key`, as the modelled runtime does.
    func disable(_ key: StorageKey) throws

    /// The resource the current callback runs for, in designs that keep one
    /// (Node's execution-resource stack). Throws `unsupported` in designs that
    /// have none: a frame or slot design carries a context, not a resource.
    func currentExecutionResource() throws -> ExecutionAsyncResource

    var counters: StrategyCounters { get }
}

extension ContextStrategy {
    public static var acceptsStorageOptions: Bool { true }

    public func currentExecutionResource() throws -> ExecutionAsyncResource {
        throw ContextStrategyError.unsupported(operation: "async_hooks.executionAsyncResource", strategy: Self.id)
    }

    public func makeStorage(name: String, defaultValue: JSValue) -> StorageKey {
        makeStorage(name: name)
    }
}
