/// A `setTimeout` / `setInterval` handle (Node's `Timeout`).
public final class TimerHandle<Strategy: PropagationStrategy> {
    /// Released (replaced by a no-op, context dropped) once the timer can no
    /// longer fire, so a handle user code keeps pins no context, as in Node.
    @usableFromInline var callback: () throws -> Void
    @usableFromInline var captured: Strategy.Captured?
    /// Repeat period for intervals, 0 for one-shot timeouts.
    @usableFromInline let repeatNanos: Int64
    /// The deadline it was last scheduled for (host clock, ns).
    public internal(set) var deadline: Int64
    /// False once it fired (one-shot) or was cleared.
    public internal(set) var isActive = true
    /// The next timer of the `TimerList` it waits in.
    var nextInList: TimerHandle<Strategy>?

    init(callback: @escaping () throws -> Void, captured: Strategy.Captured?, repeatNanos: Int64, deadline: Int64) {
        self.callback = callback
        self.captured = captured
        self.repeatNanos = repeatNanos
        self.deadline = deadline
    }
    var kind: ResourceKind { repeatNanos > 0 ? .interval : .timeout }

    @inline(__always) func release() {
        callback = TimerHandle.noop
        captured = nil
    }
    static var noop: () throws -> Void { {} }
}

/// The timers due at one deadline, in the order they were scheduled: a FIFO
/// linked through `TimerHandle.nextInList` (Node's `TimersList`).
///
/// A timer is in at most one list: it is appended when scheduled and popped
/// when its deadline comes (an interval is appended again after it fired); a
/// cleared timer stays in its list as a tombstone (`isActive == false`) until
/// its deadline comes or the loop ends.
final class TimerList<Strategy: PropagationStrategy> {
    let deadline: Int64
    private var head: TimerHandle<Strategy>?
    private var tail: TimerHandle<Strategy>?

    init(deadline: Int64) { self.deadline = deadline }

    /// - Complexity: O(1).
    @inline(__always)
    func append(_ timer: TimerHandle<Strategy>) {
        if let tail { tail.nextInList = timer } else { head = timer }
        tail = timer
    }

    /// - Complexity: O(1).
    @inline(__always)
    func popFirst() -> TimerHandle<Strategy>? {
        guard let first = head else { return nil }
        head = first.nextInList.take()
        if head == nil { tail = nil }
        return first
    }

    /// Drops the leading tombstones; whether a timer due at `deadline` is left.
    func dropTombstones() -> Bool {
        while let first = head, !(first.isActive && first.deadline == deadline) { _ = popFirst() }
        return head != nil
    }

    /// Unlinks every entry one by one (a long chain released at once would
    /// recurse once per timer).
    func removeAll() {
        while popFirst() != nil {}
    }

    /// A host dropped with timers still pending releases its lists here.
    deinit { removeAll() }
}

/// A `setImmediate` handle (Node's `Immediate`).
public final class ImmediateHandle<Strategy: PropagationStrategy> {
    let callback: () throws -> Void
    let captured: Strategy.Captured?
    public internal(set) var isActive = true
    init(callback: @escaping () throws -> Void, captured: Strategy.Captured?) {
        self.callback = callback
        self.captured = captured
    }
}

/// A `process.nextTick` queue entry.
struct TickEntry<Strategy: PropagationStrategy> {
    let callback: () throws -> Void
    let captured: Strategy.Captured?
}

/// A microtask queue entry: a reaction job with its argument, a
/// resolve-thenable job, or a `queueMicrotask` callback.
///
/// A `queueMicrotask` callback itself waits in `Host.callbackJobs` (FIFO, so
/// its turn comes with this entry): the common reaction entry then carries no
/// closure field to copy, retain or destroy.
@usableFromInline struct Microtask<Strategy: PropagationStrategy> {
    @usableFromInline enum Kind: UInt8 { case reaction, resolveThenable, callback }
    @usableFromInline let kind: Kind
    /// For `.reaction`: how the promise settled.
    @usableFromInline let fulfilled: Bool
    /// For `.reaction`: the reaction's kind.
    @usableFromInline let reactionKind: PromiseReaction<Strategy>.Kind
    /// For `.reaction`: the reaction's index (in the tags' padding).
    @usableFromInline let index: UInt32
    /// The reaction's target, or the promise a resolve-thenable job resolves.
    @usableFromInline let target: PromiseRef<Strategy>?
    /// The reaction's argument, or the thenable being adopted.
    @usableFromInline let argument: JSValue
    @usableFromInline let captured: Strategy.Captured?

    @inline(__always) @usableFromInline
    init(_ reaction: PromiseReaction<Strategy>, fulfilled: Bool, _ argument: JSValue) {
        kind = .reaction; self.fulfilled = fulfilled; reactionKind = reaction.kind; index = reaction.index
        target = reaction.target; self.argument = argument; captured = reaction.captured
    }
    @usableFromInline
    init(resolve target: PromiseRef<Strategy>, with thenable: JSValue, captured: Strategy.Captured?) {
        kind = .resolveThenable; fulfilled = true; reactionKind = .then; index = 0
        self.target = target; argument = thenable; self.captured = captured
    }
    @usableFromInline
    init(callbackWith captured: Strategy.Captured?) {
        kind = .callback; fulfilled = true; reactionKind = .then; index = 0
        target = nil; argument = .undefined; self.captured = captured
    }
}
