import HostRuntime

/// Node's `events.EventEmitterAsyncResource`: an `EventEmitter` whose `emit`
/// runs every listener inside the `AsyncResource` made at construction, so
/// listeners see the construction-time context rather than the emit-time one
/// (Node: `emit` is `asyncResource.runInAsyncScope(super.emit, this, event, ...args)`).
public final class EventEmitterAsyncResource<Strategy: ContextStrategy> {
    public let emitter = EventEmitter()
    public let asyncResource: AsyncResource<Strategy>

    /// `new EventEmitterAsyncResource({ name })`.
    public init(_ host: Host<Strategy>, name: String = "EventEmitterAsyncResource") {
        asyncResource = AsyncResource(host, type: name)
    }

    @discardableResult
    public func on(_ event: String, _ listener: @escaping (JSValue) throws -> Void) -> Int { emitter.on(event, listener) }
    @discardableResult
    public func once(_ event: String, _ listener: @escaping (JSValue) throws -> Void) -> Int { emitter.once(event, listener) }
    public func off(_ event: String, _ id: Int) { emitter.off(event, id) }

    /// `emitter.emit(event, arg)` in the construction-time context; the
    /// caller's context is restored afterwards, also when a listener throws.
    @discardableResult
    public func emit(_ event: String, _ argument: JSValue = .undefined) throws -> Bool {
        try asyncResource.runInAsyncScope { try emitter.emit(event, argument) }
    }

    /// `emitter.emitDestroy()`.
    public func emitDestroy() { asyncResource.emitDestroy() }
}
