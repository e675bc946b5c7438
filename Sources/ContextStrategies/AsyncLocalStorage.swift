import HostRuntime

/// Node's `AsyncLocalStorage`, over any strategy.
///
/// Stores are `JSValue`s, as in JavaScript where a store can be anything:
/// reading one is an enum match, never a dynamic cast, so `getStore` costs
/// what the strategy's lookup costs and nothing more.
public final class AsyncLocalStorage<Strategy: ContextStrategy> {
    public let host: Host<Strategy>
    public let key: StorageKey
    public let name: String
    /// Returned by `getStore()` when no value is bound (Node 24's `defaultValue` option).
    public let defaultValue: JSValue

    /// `new AsyncLocalStorage({ name, defaultValue })`. Under a strategy that
    /// models Node 20 (`acceptsStorageOptions` false) both options are
    /// ignored, as Node 20's option-less constructor ignores them: the name is
    /// empty and the default `undefined`.
    public init(_ host: Host<Strategy>, name: String = "", defaultValue: JSValue = .undefined) {
        let accepted = Strategy.acceptsStorageOptions
        self.host = host
        self.name = accepted ? name : ""
        self.defaultValue = accepted ? defaultValue : .undefined
        self.key = host.strategy.makeStorage(name: self.name, defaultValue: self.defaultValue)
    }

    /// `als.getStore()`.
    @inline(__always)
    public func getStore() -> JSValue {
        host.strategy.getStore(key) ?? defaultValue
    }

    /// `als.run(store, fn)`: returns `fn`'s result; restores on return and on throw.
    @inline(__always) @discardableResult
    public func run<R>(_ store: JSValue, _ body: () throws -> R) rethrows -> R {
        try host.strategy.run(key, store, body)
    }

    /// `als.exit(fn)`: `getStore()` inside `fn` is the default value (hook
    /// strategies) or `undefined` (frame strategies, which run `fn` with
    /// `undefined` as the store, as Node 24 and workerd do).
    public func exit<R>(_ body: () throws -> R) rethrows -> R {
        try host.strategy.exit(key, body)
    }

    /// `als.enterWith(store)`. Throws `ContextStrategyError.unsupported` on
    /// strategies whose runtime lacks it.
    public func enterWith(_ store: JSValue) throws {
        try host.strategy.enterWith(key, store)
    }

    /// `als.disable()`.
    public func disable() throws {
        try host.strategy.disable(key)
    }

    /// `AsyncLocalStorage.bind(fn)`: `fn` will run in the context current now.
    public static func bind<R>(_ host: Host<Strategy>, _ body: @escaping () throws -> R) -> () throws -> R {
        // Node implements this as `AsyncResource.bind`: the resource is
        // destroyed when the bound function is collected, which is when
        // hook designs drop their side-table entry for it.
        let resource = AsyncResource(host, type: "bound-anonymous-fn")
        return { try resource.runInAsyncScope(body) }
    }

    /// `AsyncLocalStorage.snapshot()`: a runner that calls any function in the
    /// context current now (`(cb, ...args) => cb(...args)`: `this` is
    /// `undefined`; `snapshot.js.run(fn, ...args)`).
    public static func snapshot(_ host: Host<Strategy>) -> AsyncContext.Snapshot<Strategy> {
        AsyncContext.Snapshot(host)
    }
}

extension AsyncLocalStorage {
    /// The calls with JavaScript's calling convention (`this`, extra
    /// arguments), for translated programs: `als.js.run(store, fn, ...args)`.
    /// A separate namespace because overloading `run`/`exit` themselves would
    /// make Swift's type checker reject ordinary trailing-closure calls.
    /// `AsyncLocalStorage.bind(fn)` is `AsyncResource.bind(host, fn)`, as in Node.
    public struct JSCalls {
        let storage: AsyncLocalStorage
        /// `als.run(store, fn, ...args)`: `this` is `null` (Node calls
        /// `ReflectApply(callback, null, args)` in both ALS implementations).
        @discardableResult
        public func run(_ store: JSValue, _ fn: JSFunction, _ args: JSValue...) throws -> JSValue {
            try storage.run(store) { try fn(.null, args) }
        }
        /// `als.exit(fn, ...args)`, with `this` `null` as in `run`.
        @discardableResult
        public func exit(_ fn: JSFunction, _ args: JSValue...) throws -> JSValue {
            try storage.exit { try fn(.null, args) }
        }
    }
    public var js: JSCalls { JSCalls(storage: self) }
}
