/// A native handle or request as Node's `AsyncWrap` sees it: a TCP socket, an
/// HTTP parser, an fs or DNS request — anything whose callbacks C++ delivers
/// from the poll phase through `MakeCallback`.
///
/// Its context is captured once, when it is created (the AsyncWrap
/// constructor emits the init hook; in Node 24's frame mode it stores
/// `AsyncContextFrame::current()`), and restored around every callback it
/// delivers, for as many callbacks as it delivers, until it is destroyed.
public final class NativeResource<Strategy: PropagationStrategy> {
    @usableFromInline var captured: Strategy.Captured?
    /// False once `destroyNativeResource` ran.
    public internal(set) var isAlive = true

    init(captured: Strategy.Captured?) { self.captured = captured }
}

extension Host {
    /// The AsyncWrap constructor: the strategy captures the current context
    /// (frame designs: one frame reference; hook designs: the init-hook copy
    /// or side-table entry).
    ///
    /// - Complexity: one allocation plus what the strategy's init costs.
    public func makeNativeResource() -> NativeResource<Strategy> {
        NativeResource(captured: strategy.initResource(.nativeCallback))
    }

    /// `MakeCallback` from inside another callback (async_callback_scope_depth
    /// > 1): enter the resource's context, run `body`, restore; the enclosing
    /// callback scope drains ticks and microtasks when it closes.
    public func makeCallback(_ resource: NativeResource<Strategy>, _ body: () throws -> Void) {
        let saved = strategy.enter(resource.captured, .nativeCallback)
        do { try body() } catch { reportUncaught(error) }
        strategy.leave(saved, resource.captured, .nativeCallback)
    }

    /// The poll phase delivering one I/O completion at host time `nanos`:
    /// event-loop iterations run every timer due before then (and the
    /// immediates they queue), the clock moves to `nanos` if it is earlier,
    /// then the callback runs as the outermost `MakeCallback`, whose scope
    /// closes with the tick and microtask checkpoint.
    ///
    /// The clock never moves backwards: a completion due earlier than the
    /// host's time is delivered now.
    public func deliverNativeCallback(_ resource: NativeResource<Strategy>, at nanos: Int64, _ body: () throws -> Void) {
        drain()
        while true {
            loopTime = nowNanos
            runTimersPhase()
            runCheckPhase()
            if !immediates.isEmpty { continue }
            guard activeTimerCount > 0, let next = nextDeadline(), next <= nanos else { break }
            if next > nowNanos { advanceClock(to: next) }
        }
        if nanos > nowNanos { advanceClock(to: nanos) }
        makeCallback(resource, body)
        drain()
    }

    /// The handle closed or the request completed: no callback will follow.
    public func destroyNativeResource(_ resource: NativeResource<Strategy>) {
        guard resource.isAlive else { return }
        resource.isAlive = false
        strategy.destroy(resource.captured, .nativeCallback)
        resource.captured = nil
    }
}
