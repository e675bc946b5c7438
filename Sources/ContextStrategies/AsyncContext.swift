import HostRuntime

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

    /// `resource.emitDestroy()`: idempotent.
    public func emitDestroy() {
        guard !destroyed else { return }
        destroyed = true
        host.releaseContext(captured)
    }
}
