/// A synchronous EventEmitter: `emit` calls every listener in registration
/// order, on the caller's stack, so listeners see the emit-time context.
public final class EventEmitter {
    private var listeners: [String: [(id: Int, once: Bool, fn: (JSValue) throws -> Void)]] = [:]
    private var nextID = 0

    public init() {}

    /// `emitter.on(event, listener)`; returns an id for `off`.
    @discardableResult
    public func on(_ event: String, _ listener: @escaping (JSValue) throws -> Void) -> Int {
        nextID += 1
        listeners[event, default: []].append((nextID, false, listener))
        return nextID
    }

    /// `emitter.once(event, listener)`.
    @discardableResult
    public func once(_ event: String, _ listener: @escaping (JSValue) throws -> Void) -> Int {
        nextID += 1
        listeners[event, default: []].append((nextID, true, listener))
        return nextID
    }

    /// Removes one listener; unknown ids are ignored.
    public func off(_ event: String, _ id: Int) {
        listeners[event]?.removeAll { $0.id == id }
    }

    /// `emitter.emit(event, arg)`: returns whether any listener ran. Calls the
    /// listeners registered when the emit began; a `once` listener is removed
    /// just before it is called. A throwing listener stops the emit and the
    /// error propagates to the caller. An `'error'` event with no listener
    /// throws its argument, as in Node.
    @discardableResult
    public func emit(_ event: String, _ argument: JSValue = .undefined) throws -> Bool {
        guard let current = listeners[event], !current.isEmpty else {
            if event == "error" { throw JSException(argument) }
            return false
        }
        for listener in current {
            if listener.once { off(event, listener.id) }
            try listener.fn(argument)
        }
        return true
    }

    public func listenerCount(_ event: String) -> Int { listeners[event]?.count ?? 0 }
}
