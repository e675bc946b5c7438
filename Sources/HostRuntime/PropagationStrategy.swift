/// What kind of async resource the host is creating.
///
/// Mirrors the resource types async_hooks reports (`PROMISE`, `Timeout`,
/// `Immediate`, `TickObject`, `Microtask`, …). Every call site passes a
/// literal, so after specialization a strategy's `switch` on it folds away.
public enum ResourceKind: UInt8, CaseIterable, Sendable {
    /// Any promise: `new Promise`, `Promise.resolve`, the promise `then` returns,
    /// an async function's own promise, the promise `await` wraps a value in.
    case promise
    /// The reaction an `await` registers. V8 creates a throwaway promise for
    /// it only when promise hooks are on; strategies that model hooks create
    /// their per-resource state here, the others capture their slot.
    case awaitReaction
    /// The job that adopts a thenable (`NewPromiseResolveThenableJob`).
    case thenableJob
    case timeout
    case interval
    case immediate
    case tickObject
    case microtask
    /// An `AsyncResource`, `bind`, or `AsyncContext.Snapshot`: captures the
    /// current context to run a function in it later.
    case asyncResource
    /// A native handle or request (Node's `AsyncWrap`: TCPWRAP,
    /// HTTPINCOMINGMESSAGE, FSREQCALLBACK, …) whose callbacks C++ delivers
    /// through `MakeCallback`: captures the context when it is created and
    /// restores it around each callback (`Host.makeNativeResource`).
    case nativeCallback
}

/// The lifecycle points every async resource passes through, and the context
/// slot every reaction and job record carries.
///
/// The host calls these at exactly the points a JavaScript engine and Node
/// would: `initResource`/`initReaction` when a resource is created (for a
/// reaction: at `then()`/`await` time, as V8 fills its continuation-preserved
/// embedder data), `enter`/`leave` around the resource's callback,
/// `promiseResolved` when a promise settles, and `destroy` once a resource can
/// no longer run a callback. The `Captured` value returned by `init` is stored
/// in the resource record (the promise, the reaction, the timer…), so each
/// strategy decides what a resource holds: a copied map, an async id, a
/// wrapper, a frame reference, or nothing at all.
///
/// `Host` is generic over the strategy, so every call here is statically
/// dispatched and, for `NoPropagation`, compiles to nothing.
public protocol PropagationStrategy: AnyObject {
    /// Stored in every resource record by the host, as `Captured?` (`nil`
    /// means "nothing captured"). A class reference, so that every record has
    /// a fixed layout: generic records whose layout depended on the strategy
    /// would make Swift fall back to value-witness calls and metadata look-ups
    /// on every copy and every promise deinit, costs no real engine has.
    associatedtype Captured: AnyObject
    /// What `enter` hands back to `leave` to restore the previous context.
    associatedtype Saved

    /// The init hook: a resource of `kind` is being created in the current context.
    func initResource(_ kind: ResourceKind) -> Captured?
    /// A `then()` reaction is being created; `derived` is what `initResource(.promise)`
    /// returned for the promise `then()` returns (the resource async_hooks reports
    /// `before`/`after` for).
    func initReaction(derived: Captured?) -> Captured?
    /// Before a resource's callback: make its context current.
    func enter(_ captured: Captured?, _ kind: ResourceKind) -> Saved
    /// After the callback (also when it threw): restore the previous context.
    func leave(_ saved: Saved, _ captured: Captured?, _ kind: ResourceKind)
    /// A promise settled (the `promiseResolve` hook).
    func promiseResolved(_ promise: Captured?)
    /// The resource will never run a callback again.
    func destroy(_ captured: Captured?, _ kind: ResourceKind)
    /// The context an `unhandledRejection` handler runs in, decided when the
    /// rejection is tracked: hook designs use the promise's own resource (its
    /// creation context), frame designs capture the current one (rejection
    /// context) — nodejs/node#46262.
    func rejectionContext(promise: Captured?) -> Captured?
}

/// The context-free floor: propagates nothing, stores nothing, costs nothing.
///
/// It captures nothing (`nil` in every record; `Nothing` is never
/// instantiated), its `Saved` is empty, and every lifecycle call is an empty
/// inlined function.
public final class NoPropagation: PropagationStrategy {
    public final class Nothing {}
    public struct NoSaved {
        @inlinable public init() {}
    }
    public init() {}
    @inlinable @inline(__always) public func initResource(_ kind: ResourceKind) -> Nothing? { nil }
    @inlinable @inline(__always) public func initReaction(derived: Nothing?) -> Nothing? { nil }
    @inlinable @inline(__always) public func enter(_ captured: Nothing?, _ kind: ResourceKind) -> NoSaved { NoSaved() }
    @inlinable @inline(__always) public func leave(_ saved: NoSaved, _ captured: Nothing?, _ kind: ResourceKind) {}
    @inlinable @inline(__always) public func promiseResolved(_ promise: Nothing?) {}
    @inlinable @inline(__always) public func destroy(_ captured: Nothing?, _ kind: ResourceKind) {}
    @inlinable @inline(__always) public func rejectionContext(promise: Nothing?) -> Nothing? { nil }
}
