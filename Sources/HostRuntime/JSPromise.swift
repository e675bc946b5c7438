import HostHeap

/// A promise handler: `(value) => result`. Throwing rejects the derived promise.
public typealias PromiseHandler = (JSValue) throws -> JSValue

/// An ECMAScript promise on a `Host`: a handle to its record in the host's
/// promise heap.
///
/// The record (`PromiseRecord`) is bump-allocated from the host's own heap, as
/// V8 bump-allocates a `JSPromise` in its young generation, and is freed with
/// the heap: a `then()` allocates nothing from the process allocator, and a
/// promise that dies costs nothing. The host's own records point at each other
/// by address (`PromiseRef`, no reference counting); a handle given to user
/// code also holds the heap, so a promise user code keeps stays readable after
/// its host is gone.
///
/// Like SwiftNIO's `EventLoopFuture`, the first reaction is stored inline, so
/// the common single-`then` promise needs no array; further reactions go to
/// an array in registration order. Settling moves each reaction record into
/// the microtask queue as its job (V8 morphs the reaction into the job in
/// place).
public struct JSPromise<Strategy: PropagationStrategy>: Hashable, CustomStringConvertible {
    public enum State {
        case pending
        case fulfilled(JSValue)
        case rejected(JSValue)
    }

    /// The record, valid while `heap` is alive.
    @usableFromInline let ref: PromiseRef<Strategy>
    /// Keeps the record alive for as long as this handle is.
    @usableFromInline let heap: PromiseHeap<Strategy>

    @inlinable init(_ ref: PromiseRef<Strategy>, heap: PromiseHeap<Strategy>) {
        self.ref = ref
        self.heap = heap
    }

    public static func == (a: Self, b: Self) -> Bool { a.ref == b.ref }
    public func hash(into hasher: inout Hasher) { hasher.combine(ref) }

    /// The state with its value.
    public var state: State { ref.pointee.state }
    /// `[[PromiseIsHandled]]`: a reaction was ever registered.
    public var isHandled: Bool { ref.pointee.isHandled }
    @inlinable public var isPending: Bool { ref.pointee.settlement == .pending }
    /// What the strategy's init hook returned for this promise, until it
    /// settles: the host drops it then (nothing reads it later), as an engine
    /// collects a settled promise's resource once nothing references it.
    public var captured: Strategy.Captured? { ref.pointee.captured }
    var host: Host<Strategy> { ref.pointee.host }

    /// `promise.then(onFulfilled, onRejected)`.
    ///
    /// - Complexity: O(1); one promise record from the host's heap plus what
    ///   the strategy's init hooks allocate.
    @discardableResult
    public func then(_ onFulfilled: PromiseHandler?, _ onRejected: PromiseHandler? = nil) -> JSPromise<Strategy> {
        ref.pointee.hostRef._withUnsafeGuaranteedRef { host in
            // The derived promise's resource is passed on as a value: read
            // back through the record, Swift copied the whole record out.
            let resource = host.strategy.initResource(.promise)
            let derived = host.makePromise(code: .handlers(onFulfilled, onRejected), captured: resource)
            host.performThen(ref, PromiseReaction(.then, derived, captured: host.strategy.initReaction(derived: resource)))
            return JSPromise(derived, heap: heap)
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

    public var description: String { ref.pointee.description }
}

/// A promise's address in its host's heap: how the host's own records (a
/// reaction's target, a job's promise) refer to it, with no reference count.
/// Valid while the host's `PromiseHeap` is alive (see `RecordRegion`).
@usableFromInline typealias PromiseRef<Strategy: PropagationStrategy> = UnsafeMutablePointer<PromiseRecord<Strategy>>

/// A promise's fields, as V8's `JSPromise` holds them.
@usableFromInline struct PromiseRecord<Strategy: PropagationStrategy>: CustomStringConvertible, RegionRecord {
    /// `[[PromiseState]]` and `[[PromiseResult]]` as two plain fields, as in
    /// V8's JSPromise: a job reads the result straight from its field, where a
    /// `State` enum was copied whole (an outlined copy and destroy) to switch on.
    @usableFromInline var result: JSValue = .undefined
    @usableFromInline var settlement: Settlement = .pending
    /// `pending`, `fulfilled` or `rejected`.
    @usableFromInline enum Settlement: UInt8 { case pending, fulfilled, rejected }
    /// `[[PromiseIsHandled]]`: a reaction was ever registered.
    @usableFromInline var isHandled = false
    /// Whether `result` holds a reference (a string, an object, a promise).
    @usableFromInline var ownsResult = false
    /// Whether `code` outlives the promise's settlement (a combinator's shared state).
    @usableFromInline var keepsCode = false
    @usableFromInline var firstReaction: PromiseReaction<Strategy>?
    /// The second and later reactions; nil (not an empty array) while there
    /// are none.
    @usableFromInline var moreReactions: [PromiseReaction<Strategy>]? = nil
    /// The code a reaction job targeting this promise runs (moved out when it runs).
    @usableFromInline var code: PromiseJobCode
    /// What the strategy's init hook returned for this promise (nil once settled).
    @usableFromInline var captured: Strategy.Captured?
    /// The host, unretained: it owns the heap this record lives in.
    @usableFromInline let hostRef: Unmanaged<Host<Strategy>>
    @usableFromInline var host: Host<Strategy> { hostRef.takeUnretainedValue() }

    /// Initializes the record at `address` field by field: `address.initialize(to:
    /// PromiseRecord(…))` built the record twice on the stack and copied it
    /// with an outlined copy and destroy of every field (107 instructions per
    /// promise, measured), where V8 writes a new promise's fields once.
    @inlinable @inline(__always)
    static func initialize(_ address: PromiseRef<Strategy>, host: Host<Strategy>, captured: Strategy.Captured?,
                           code: consuming PromiseJobCode) {
        field(address, \.result).initialize(to: .undefined)
        field(address, \.settlement).initialize(to: .pending)
        field(address, \.isHandled).initialize(to: false)
        field(address, \.ownsResult).initialize(to: false)
        field(address, \.keepsCode).initialize(to: false)
        field(address, \.firstReaction).initialize(to: nil)
        field(address, \.moreReactions).initialize(to: nil)
        field(address, \.code).initialize(to: code)
        field(address, \.captured).initialize(to: captured)
        field(address, \.hostRef).initialize(to: Unmanaged.passUnretained(host))
    }

    /// The address of one field of the record at `address`, to initialize it
    /// in place (the offset folds to a constant).
    @inlinable @inline(__always)
    static func field<T>(_ address: PromiseRef<Strategy>, _ key: KeyPath<Self, T>) -> UnsafeMutablePointer<T> {
        (UnsafeMutableRawPointer(address) + MemoryLayout<Self>.offset(of: key).unsafelyUnwrapped).assumingMemoryBound(to: T.self)
    }

    /// Sets the result of a promise that is settling: the field holds
    /// `.undefined` until then, so it is initialized in place, where an
    /// assignment called an outlined destroy of the old value.
    @inlinable @inline(__always)
    static func setResult(_ address: PromiseRef<Strategy>, _ value: consuming JSValue) {
        field(address, \.result).initialize(to: value)
    }

    /// Sets the code of a promise whose code is `.none` (an async function's
    /// promise at each `await`: the job of the previous one took it), in
    /// place, as `setResult` does.
    @inlinable @inline(__always)
    static func setCode(_ address: PromiseRef<Strategy>, _ code: consuming PromiseJobCode) {
        field(address, \.code).initialize(to: code)
    }

    /// A settled promise has released its reactions and its resource, and
    /// (but for a combinator's) the code its job ran; what it may still own
    /// is its result. Reads only trivial fields: a read of `code` or `result`
    /// through the pointer copied the value (an outlined copy and destroy).
    @usableFromInline static func ownsNothing(_ address: PromiseRef<Strategy>) -> Bool {
        address.pointee.settlement != .pending && !address.pointee.ownsResult && !address.pointee.keepsCode
    }

    var state: JSPromise<Strategy>.State {
        switch settlement {
        case .pending: return .pending
        case .fulfilled: return .fulfilled(result)
        case .rejected: return .rejected(result)
        }
    }

    @usableFromInline var description: String {
        switch state {
        case .pending: return "Promise { <pending> }"
        case .fulfilled(let v): return "Promise { \(v) }"
        case .rejected(let r): return "Promise { <rejected> \(r) }"
        }
    }
}

/// The host's promise heap: the region its promise records live in, a class
/// so that handles given to user code can keep it alive.
public final class PromiseHeap<Strategy: PropagationStrategy>: AnyPromiseHeap {
    @usableFromInline var region = RecordRegion<PromiseRecord<Strategy>>()
    /// `region.deinitializeAll()` as compiled where the strategy is known:
    /// a generic class's deinit runs unspecialized, and called from there
    /// the walk over the records looked up metadata and called a witness
    /// per record (about 25 instructions per promise, measured).
    @usableFromInline let deinitializeRecords: (PromiseHeap<Strategy>) -> Void

    @inlinable override init() {
        deinitializeRecords = { $0.region.deinitializeAll() }
    }

    /// A new pending promise record.
    @inlinable @inline(__always)
    func allocate(host: Host<Strategy>, captured: Strategy.Captured?, code: consuming PromiseJobCode) -> PromiseRef<Strategy> {
        let address = region.allocateUninitialized()
        PromiseRecord.initialize(address, host: host, captured: captured, code: code)
        return address
    }

    deinit { deinitializeRecords(self) }

    /// Promise records handed out, and their bytes (one stride each).
    public var objectsAllocated: Int { region.recordsAllocated }
    public var bytesAllocated: Int { region.bytesAllocated }

    override func describe(_ address: UnsafeMutableRawPointer) -> String {
        address.assumingMemoryBound(to: PromiseRecord<Strategy>.self).pointee.description
    }
}

/// A promise heap of any strategy: what a `JSValue` holding a promise keeps
/// alive (values are not generic over the strategy).
public class AnyPromiseHeap {
    @usableFromInline init() {}
    func describe(_ address: UnsafeMutableRawPointer) -> String { "Promise" }
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
        promise.host.resolvePromise(promise.ref, value)
    }

    public func reject(_ reason: JSValue) {
        guard !alreadyResolved else { return }
        alreadyResolved = true
        promise.host.rejectPromise(promise.ref, reason)
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
    @usableFromInline let target: PromiseRef<Strategy>
    @usableFromInline let captured: Strategy.Captured?

    @inline(__always) @usableFromInline
    init(_ kind: Kind, _ target: PromiseRef<Strategy>, index: UInt32 = 0, captured: Strategy.Captured?) {
        self.kind = kind
        self.index = index
        self.target = target
        self.captured = captured
    }
}
