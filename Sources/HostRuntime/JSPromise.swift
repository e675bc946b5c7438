/// A promise handler: `(value) => result`. Throwing rejects the derived promise.
public typealias PromiseHandler = (JSValue) throws -> JSValue

/// An ECMAScript promise on a `Host`.
///
/// Like SwiftNIO's `EventLoopFuture`, the first reaction is stored inline, so
/// the common single-`then` promise needs no array; further reactions go to
/// an array in registration order. Settling moves each reaction record into
/// the microtask queue as its job (V8 morphs the reaction into the job in
/// place), so a `then` costs exactly one allocation: the derived promise.
public final class JSPromise<Strategy: PropagationStrategy>: CustomStringConvertible {
    public enum State {
        case pending
        case fulfilled(JSValue)
        case rejected(JSValue)
    }

    /// `[[PromiseState]]` and `[[PromiseResult]]` as two plain fields, as in
    /// V8's JSPromise: a job reads the result straight from its field, where a
    /// `State` enum was copied whole (an outlined copy and destroy) to switch on.
    ///
    /// Declared in this order so the one-byte fields pack into the tail of
    /// `result`'s 17 bytes: `settlement` first cost 8 bytes of padding and
    /// moved the promise from jemalloc's 128-byte size class to 160.
    @usableFromInline var result: JSValue = .undefined
    @usableFromInline var settlement: Settlement = .pending
    /// `pending`, `fulfilled` or `rejected`.
    @usableFromInline enum Settlement: UInt8 { case pending, fulfilled, rejected }

    /// The state with its value (the public view of `settlement` and `result`).
    public var state: State {
        switch settlement {
        case .pending: return .pending
        case .fulfilled: return .fulfilled(result)
        case .rejected: return .rejected(result)
        }
    }
    /// `[[PromiseIsHandled]]`: a reaction was ever registered.
    public internal(set) var isHandled = false
    @usableFromInline var firstReaction: PromiseReaction<Strategy>?
    /// The second and later reactions; nil (not an empty array) while there
    /// are none, so a promise that dies with one reaction or none releases no
    /// array storage.
    @usableFromInline var moreReactions: [PromiseReaction<Strategy>]? = nil
    /// The code a reaction job targeting this promise runs (moved out when it runs).
    @usableFromInline var code: PromiseJobCode
    /// What the strategy's init hook returned for this promise.
    public let captured: Strategy.Captured?
    /// The host, unretained: a host outlives its promises' use (they are
    /// only used while it runs), and a strong or `unowned(unsafe)` reference
    /// made Swift retain and release the host around every `then()`.
    @usableFromInline let hostRef: Unmanaged<Host<Strategy>>
    @usableFromInline var host: Host<Strategy> { hostRef.takeUnretainedValue() }

    /// `code` is set here, not assigned after: assigning over `.none`
    /// destroyed the old value (an outlined call) on every `then()`.
    @usableFromInline init(host: Host<Strategy>, captured: Strategy.Captured?, code: consuming PromiseJobCode) {
        self.hostRef = Unmanaged.passUnretained(host)
        self.captured = captured
        self.code = code
    }

    @inlinable public var isPending: Bool { settlement == .pending }

    /// `promise.then(onFulfilled, onRejected)`.
    ///
    /// - Complexity: O(1); one allocation (the returned promise) plus what the
    ///   strategy's init hooks allocate.
    @discardableResult
    public func then(_ onFulfilled: PromiseHandler?, _ onRejected: PromiseHandler? = nil) -> JSPromise<Strategy> {
        hostRef._withUnsafeGuaranteedRef { host in
            let derived = host.makePromise(code: .handlers(onFulfilled, onRejected))
            host.performThen(self, PromiseReaction(.then, derived, captured: host.strategy.initReaction(derived: derived.captured)))
            return derived
        }
    }

    /// `promise.catch(onRejected)`.
    @discardableResult
    public func `catch`(_ onRejected: @escaping PromiseHandler) -> JSPromise<Strategy> {
        then(nil, onRejected)
    }

    /// `promise.finally(onFinally)`, exactly as the specification writes it
    /// (so it costs the same extra ticks as in JavaScript).
    @discardableResult
    public func finally(_ onFinally: @escaping () throws -> JSValue) -> JSPromise<Strategy> {
        let host = self.host
        return then({ value in
            let result = try onFinally()
            return .object(host.promiseResolve(result).then({ _ in value }))
        }, { reason in
            let result = try onFinally()
            return .object(host.promiseResolve(result).then({ _ in throw JSException(reason) }))
        })
    }

    public var description: String {
        switch state {
        case .pending: return "Promise { <pending> }"
        case .fulfilled(let v): return "Promise { \(v) }"
        case .rejected(let r): return "Promise { <rejected> \(r) }"
        }
    }
}

/// The code a reaction job runs for the promise it targets: one field on the
/// promise instead of three (the two handlers and an await's continuation are
/// never there at once), which keeps a pending promise at 128 bytes.
@usableFromInline enum PromiseJobCode {
    case none
    /// A promise returned by `then()`: the handlers its reaction job runs.
    case handlers(PromiseHandler?, PromiseHandler?)
    /// An async function's promise: the code after its pending `await`.
    case resume(AsyncContinuation)
    /// The promise `Promise.all`, `allSettled`, `any` or `race` returns: what
    /// its inputs' reaction jobs share (V8's resolve-element context).
    case combinator(CombinatorState)

    /// Moves the code out, leaving `.none` (no retain/release pair).
    @inline(__always) @usableFromInline
    mutating func take() -> PromiseJobCode {
        var code = PromiseJobCode.none
        swap(&code, &self)
        return code
    }
}

/// The executor's `resolve` and `reject` functions, sharing one
/// `[[AlreadyResolved]]` record, as the specification's resolving functions do.
public final class PromiseResolvers<Strategy: PropagationStrategy> {
    public let promise: JSPromise<Strategy>
    public private(set) var alreadyResolved = false

    init(_ promise: JSPromise<Strategy>) { self.promise = promise }

    /// Resolve: a second call, or a call after `reject`, is a no-op (as in JS).
    public func resolve(_ value: JSValue = .undefined) {
        guard !alreadyResolved else { return }
        alreadyResolved = true
        promise.host.resolvePromise(promise, value)
    }

    public func reject(_ reason: JSValue) {
        guard !alreadyResolved else { return }
        alreadyResolved = true
        promise.host.rejectPromise(promise, reason)
    }
}

/// A non-native thenable: any object with a `then` method. Subclass and
/// override `then` to model user-land promise libraries and lazy thenables.
open class JSThenable {
    public init() {}
    /// Called by the resolve-thenable job with fresh resolving functions.
    /// Throwing rejects the promise being resolved (unless already resolved).
    open func then(_ resolve: @escaping (JSValue) -> Void, _ reject: @escaping (JSValue) -> Void) throws {
        resolve(.undefined)
    }
}

/// One promise reaction record: what the job runs and settles, and the
/// context slot the host filled when the reaction was created (at
/// `then()`/`await` time) and restores around the job.
///
/// Two references, a tag and an index in the tag's padding. The handlers live
/// on the promise `then()` returned (and an async function's pending
/// continuation on its own promise), so moving a reaction into the microtask
/// queue copies 24 bytes.
@usableFromInline struct PromiseReaction<Strategy: PropagationStrategy> {
    @usableFromInline enum Kind: UInt8 {
        /// `then(onFulfilled, onRejected)`: runs `target`'s handlers, settles `target`.
        case then
        /// `await`: resumes the async function whose promise is `target`.
        case await
        /// Adoption of a native promise by `target` (the fast path of the
        /// resolve-thenable job): passes the outcome through.
        case adopt
        /// Input `index` of the combinator whose promise is `target`, on V8's
        /// fast path: there is no derived promise; the job runs the input's
        /// element function over the state in `target.code`.
        case combinator
    }
    @usableFromInline let kind: Kind
    /// `.combinator`: which input this reaction is (0 otherwise).
    @usableFromInline let index: UInt32
    @usableFromInline let target: JSPromise<Strategy>
    @usableFromInline let captured: Strategy.Captured?

    @inline(__always) @usableFromInline
    init(_ kind: Kind, _ target: JSPromise<Strategy>, index: UInt32 = 0, captured: Strategy.Captured?) {
        self.kind = kind
        self.index = index
        self.target = target
        self.captured = captured
    }
}
