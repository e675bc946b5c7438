/// One step of an async function written in continuation-passing style.
///
/// `host.async { … }` runs the body synchronously until it returns a step:
/// `.returning(v)` resolves the function's promise with `v` (a promise costs
/// the two extra ticks JavaScript charges); `.awaiting(v, …)` performs `await v`
/// — `PromiseResolve(v)` plus one reaction — and the continuation runs as that
/// reaction's job, returning the next step. Each `await` therefore costs what
/// V8 charges: one reaction (and one promise when `v` is not a promise), plus
/// the continuation closure, which stands in for the generator's saved frame.
public enum AsyncStep {
    case returning(JSValue)
    case awaiting(JSValue, AsyncContinuation)

    /// `await value`, then continue with `next`. A rejection propagates (rethrows).
    @inlinable
    public static func awaiting(_ value: JSValue, _ next: @escaping (JSValue) throws -> AsyncStep) -> AsyncStep {
        .awaiting(value, AsyncContinuation(onFulfilled: next, onRejected: nil))
    }

    /// `try { await value; next } catch (e) { onRejected(e) }` for this one await.
    @inlinable
    public static func awaiting(_ value: JSValue, _ next: @escaping (JSValue) throws -> AsyncStep,
                                catching onRejected: @escaping (JSValue) throws -> AsyncStep) -> AsyncStep {
        .awaiting(value, AsyncContinuation(onFulfilled: next, onRejected: onRejected))
    }

    /// `await promise`.
    @inlinable
    public static func awaiting<S>(_ promise: JSPromise<S>, _ next: @escaping (JSValue) throws -> AsyncStep) -> AsyncStep {
        .awaiting(.object(promise), AsyncContinuation(onFulfilled: next, onRejected: nil))
    }

    /// `return` with no value.
    public static var done: AsyncStep { .returning(.undefined) }
}

/// The code after an `await`: what runs when the awaited value fulfils, and
/// optionally the `catch` that handles its rejection.
public struct AsyncContinuation {
    public let onFulfilled: (JSValue) throws -> AsyncStep
    public let onRejected: ((JSValue) throws -> AsyncStep)?
    @inlinable
    public init(onFulfilled: @escaping (JSValue) throws -> AsyncStep, onRejected: ((JSValue) throws -> AsyncStep)?) {
        self.onFulfilled = onFulfilled
        self.onRejected = onRejected
    }
}
