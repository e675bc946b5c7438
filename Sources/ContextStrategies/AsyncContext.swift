import HostRuntime

/// A JavaScript function as a translated program calls it: `this` and the
/// arguments in, the return value out. A nominal type, so the JS-style
/// overloads (`run(store, fn, ...args)`) never compete with the Swift-closure
/// ones for a trailing closure.
public struct JSFunction {
    public let body: (_ this: JSValue, _ arguments: [JSValue]) throws -> JSValue
    public init(_ body: @escaping (_ this: JSValue, _ arguments: [JSValue]) throws -> JSValue) { self.body = body }
    /// `fn.call(this, ...args)`.
    @discardableResult
    public func callAsFunction(_ this: JSValue = .undefined, _ arguments: [JSValue] = []) throws -> JSValue {
        try body(this, arguments)
    }
}

/// The TC39 `AsyncContext` proposal's API, over any strategy.
public enum AsyncContext {
    /// `new AsyncContext.Variable({ name, defaultValue })`: an `AsyncLocalStorage`
    /// without `enterWith`, `disable` and `exit`, as the proposal defines it.
    public final class Variable<Strategy: ContextStrategy> {
        let storage: AsyncLocalStorage<Strategy>
        public var host: Host<Strategy> { storage.host }
        public var key: StorageKey { storage.key }
        public var name: String { storage.name }
        public var defaultValue: JSValue { storage.defaultValue }

        public init(_ host: Host<Strategy>, name: String = "", defaultValue: JSValue = .undefined) {
            storage = AsyncLocalStorage(host, name: name, defaultValue: defaultValue)
        }

        /// `variable.get()`.
        @inline(__always)
        public func get() -> JSValue { storage.getStore() }

        /// `variable.run(value, fn)`.
        @inline(__always) @discardableResult
        public func run<R>(_ value: JSValue, _ body: () throws -> R) rethrows -> R {
            try storage.run(value, body)
        }

        /// JavaScript's calling convention: `variable.js.run(value, fn, ...args)`.
        public struct JSCalls {
            let variable: Variable
            /// `variable.run(value, fn, ...args)`: the proposal calls
            /// `Call(fn, undefined, args)`, so `this` is `undefined`.
            @discardableResult
            public func run(_ value: JSValue, _ fn: JSFunction, _ args: JSValue...) throws -> JSValue {
                try variable.run(value) { try fn(.undefined, args) }
            }
        }
        public var js: JSCalls { JSCalls(variable: self) }
    }

    /// `new AsyncContext.Snapshot()`: captures every variable's current value.
    public final class Snapshot<Strategy: ContextStrategy> {
        public let host: Host<Strategy>
        let captured: Strategy.Captured?

        public init(_ host: Host<Strategy>) {
            self.host = host
            self.captured = host.captureContext()
        }

        // A snapshot is an AsyncResource whose destroy is emitted when it is
        // collected (Node: `requireManualDestroy: false`); without this,
        // side-table designs would leak one entry per snapshot.
        deinit { host.releaseContext(captured) }

        /// `snapshot.run(fn)`: `fn` sees the captured values; the caller's are
        /// restored afterwards (also on throw).
        public func run<R>(_ body: () throws -> R) rethrows -> R {
            try host.withContext(captured, body)
        }

        /// `AsyncContext.Snapshot.wrap(fn)`.
        public static func wrap<R>(_ host: Host<Strategy>, _ body: @escaping () throws -> R) -> () throws -> R {
            let snapshot = Snapshot(host)
            return { try snapshot.run(body) }
        }

        /// JavaScript's calling convention: `snapshot.js.run(fn, ...args)`,
        /// and `AsyncContext.Snapshot.wrap(fn)` as `Snapshot(host).js.wrap(fn)`.
        public struct JSCalls {
            let snapshot: Snapshot
            /// `snapshot.run(fn, ...args)`: `Call(fn, undefined, args)` in the
            /// captured context.
            @discardableResult
            public func run(_ fn: JSFunction, _ args: JSValue...) throws -> JSValue {
                try snapshot.run { try fn(.undefined, args) }
            }
            /// `AsyncContext.Snapshot.wrap(fn)` with this snapshot: the wrapper
            /// passes its own `this` and arguments to `fn` (the proposal's wrap
            /// calls `Call(fn, thisArgument, args)`).
            public func wrap(_ fn: JSFunction) -> JSFunction {
                JSFunction { [snapshot] this, args in try snapshot.run { try fn(this, args) } }
            }
        }
        public var js: JSCalls { JSCalls(snapshot: self) }
    }
}

/// Node's `AsyncResource`: captures the context at construction and runs
/// functions in it.
public final class AsyncResource<Strategy: ContextStrategy> {
    public let host: Host<Strategy>
    public let type: String
    let captured: Strategy.Captured?
    private var destroyed = false

    public init(_ host: Host<Strategy>, type: String = "AsyncResource") {
        self.host = host
        self.type = type
        self.captured = host.captureContext()
    }

    // Node emits destroy when an AsyncResource is collected unless
    // `requireManualDestroy` is set; `emitDestroy` is idempotent.
    deinit { emitDestroy() }

    /// `resource.runInAsyncScope(fn)`.
    public func runInAsyncScope<R>(_ body: () throws -> R) rethrows -> R {
        try host.withContext(captured, body)
    }

    /// `resource.bind(fn)`.
    public func bind<R>(_ body: @escaping () throws -> R) -> () throws -> R {
        { [self] in try runInAsyncScope(body) }
    }

    /// The static `AsyncResource.bind(fn, type, thisArg)`: a new resource of
    /// `type` (Node: `type || fn.name || 'bound-anonymous-fn'`) bound to `fn`.
    public static func bind(_ host: Host<Strategy>, _ fn: JSFunction,
                            type: String = "bound-anonymous-fn", thisArg: JSValue = .undefined) -> JSFunction {
        AsyncResource(host, type: type).js.bind(fn, thisArg)
    }

    /// JavaScript's calling convention: `resource.js.runInAsyncScope(fn, thisArg, ...args)`,
    /// `resource.js.bind(fn, thisArg)`.
    public struct JSCalls {
        let resource: AsyncResource
        /// `resource.runInAsyncScope(fn, thisArg, ...args)`: `ReflectApply(fn, thisArg, args)`.
        @discardableResult
        public func runInAsyncScope(_ fn: JSFunction, _ thisArg: JSValue = .undefined, _ args: JSValue...) throws -> JSValue {
            try resource.host.withContext(resource.captured) { try fn(thisArg, args) }
        }
        /// `resource.bind(fn, thisArg)`: with `thisArg` undefined the bound
        /// function passes its own `this` through, otherwise `fn` always gets
        /// `thisArg` (Node: `FunctionPrototypeBind(runInAsyncScope, this, fn, thisArg)`).
        /// The bound function keeps the resource alive, as in Node.
        public func bind(_ fn: JSFunction, _ thisArg: JSValue = .undefined) -> JSFunction {
            JSFunction { [resource] this, args in
                try resource.host.withContext(resource.captured) { try fn(thisArg.isUndefined ? this : thisArg, args) }
            }
        }
    }
    public var js: JSCalls { JSCalls(resource: self) }

    /// `resource.emitDestroy()`: idempotent.
    public func emitDestroy() {
        guard !destroyed else { return }
        destroyed = true
        host.releaseContext(captured)
    }
}

/// The strategy-independent part of `node:async_hooks` a program may call.
public enum AsyncHooks {
    /// `async_hooks.executionAsyncResource()`. Throws
    /// `ContextStrategyError.unsupported` under a strategy whose design keeps
    /// no execution resource (frames, slots; the context manager's model
    /// passes ids, not resource objects).
    public static func executionAsyncResource<S: ContextStrategy>(_ host: Host<S>) throws -> ExecutionAsyncResource {
        try host.strategy.currentExecutionResource()
    }
}
