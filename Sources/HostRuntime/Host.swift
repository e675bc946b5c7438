import DequeModule
import HeapModule

/// A single-threaded JavaScript-style host modelled on Node's event loop.
///
/// - Run-to-completion callbacks. After the main script and after every
///   macrotask callback, a checkpoint drains the `nextTick` queue, then the
///   microtask queue, repeating until both are empty, then processes unhandled
///   rejections (Node's `processTicksAndRejections`).
/// - Each loop iteration runs the timers phase (every timer due at the
///   iteration's time, in (deadline, insertion order)), then the check phase
///   (the immediates queued before it started).
/// - With `.virtual` time the clock only moves when nothing is runnable.
///
/// The host is generic over its `PropagationStrategy`, so the strategy's
/// lifecycle calls are statically dispatched and inlined on every path.
public final class Host<Strategy: PropagationStrategy> {
    public let strategy: Strategy
    public let clockMode: ClockMode
    /// Where the host's promise records live (see `JSPromise`); a handle
    /// user code keeps holds it too.
    public let promiseHeap = PromiseHeap<Strategy>()

    /// The job queues are `UniqueDeque`s (noncopyable, consuming `append`):
    /// a record moves in and out, where `Deque.append` copies its argument
    /// into a closure (a retain and a release per reference in the record).
    @usableFromInline var microtasks = UniqueDeque<Microtask<Strategy>>()
    /// The callbacks of the `.callback` entries in `microtasks`, in the same order.
    var callbackJobs = UniqueDeque<() throws -> Void>()
    var ticks = UniqueDeque<TickEntry<Strategy>>()
    var immediates = Deque<ImmediateHandle<Strategy>>()
    /// Pending timers: one FIFO list per deadline (so timers of equal
    /// deadline fire in the order they were scheduled), the lists' deadlines
    /// in a heap. Node links the Timeouts of one duration into a list the same
    /// way, so a burst of equal delays costs a list append per timer, not a
    /// heap insert and a heap pop (measured: ~340 instructions per timer in
    /// the heap's trickle-down alone).
    var timerLists: [Int64: TimerList<Strategy>] = [:]
    var timerDeadlines = Heap<Int64>()
    /// The list the last timer went into: the next one of a burst reuses it.
    var lastTimerList: TimerList<Strategy>?
    var activeTimerCount = 0
    var virtualNow: Int64 = 0
    let realOrigin: Int64
    /// The loop time of the current iteration (libuv caches it the same way).
    var loopTime: Int64 = 0

    // Rejection tracking (Node's lib/internal/process/promises.js).
    var maybeUnhandled: [PromiseRef<Strategy>: PendingRejection] = [:]
    var pendingUnhandled = Deque<PromiseRef<Strategy>>()
    var asyncHandled = Deque<PromiseRef<Strategy>>()
    struct PendingRejection {
        let context: Strategy.Captured?
        var warned = false
    }

    /// `process.on('unhandledRejection', …)` listeners, in registration order.
    public internal(set) var unhandledRejectionListeners: [(JSValue, JSPromise<Strategy>) throws -> Void] = []
    /// `process.on('rejectionHandled', …)` listeners, in registration order.
    public internal(set) var rejectionHandledListeners: [(JSPromise<Strategy>) throws -> Void] = []
    /// `process.on('uncaughtException', …)` listeners, in registration order.
    public internal(set) var uncaughtExceptionListeners: [(JSValue) -> Void] = []

    /// `process.on('unhandledRejection', (reason, promise) => …)`: one more listener.
    public func addUnhandledRejectionListener(_ listener: @escaping (JSValue, JSPromise<Strategy>) throws -> Void) {
        unhandledRejectionListeners.append(listener)
    }
    /// `process.on('rejectionHandled', promise => …)`: one more listener.
    public func addRejectionHandledListener(_ listener: @escaping (JSPromise<Strategy>) throws -> Void) {
        rejectionHandledListeners.append(listener)
    }
    /// `process.on('uncaughtException', error => …)`: one more listener.
    public func addUncaughtExceptionListener(_ listener: @escaping (JSValue) -> Void) {
        uncaughtExceptionListeners.append(listener)
    }

    /// The single-handler form: setting it replaces every listener of the
    /// event with this one (nil removes them all); reading it gives the last.
    public var onUnhandledRejection: ((JSValue, JSPromise<Strategy>) throws -> Void)? {
        get { unhandledRejectionListeners.last }
        set { unhandledRejectionListeners = newValue.map { [$0] } ?? [] }
    }
    public var onRejectionHandled: ((JSPromise<Strategy>) throws -> Void)? {
        get { rejectionHandledListeners.last }
        set { rejectionHandledListeners = newValue.map { [$0] } ?? [] }
    }
    public var onUncaughtException: ((JSValue) -> Void)? {
        get { uncaughtExceptionListeners.last }
        set { uncaughtExceptionListeners = newValue.map { [$0] } ?? [] }
    }
    /// Errors no handler took (Node would crash; the model records and goes on).
    public internal(set) var uncaughtExceptions: [JSValue] = []

    /// Deterministic counts of what the host ran.
    public internal(set) var counters = HostCounters()

    #if DEBUG
    /// The thread that created the host: the only one that may run it.
    let ownerThread = OwnerThread()
    #endif

    public init(strategy: Strategy, clock: ClockMode = .virtual) {
        self.strategy = strategy
        self.clockMode = clock
        self.realOrigin = clock == .real ? monotonicNanos() : 0
    }

    // MARK: Time

    /// Host time in nanoseconds since the host was created.
    public var nowNanos: Int64 {
        clockMode == .virtual ? virtualNow : monotonicNanos() - realOrigin
    }
    /// Host time in milliseconds (`performance.now()`).
    public var nowMillis: Double { Double(nowNanos) / 1e6 }

    // MARK: Running

    /// Runs `main` as the main script, then the event loop until no work is left.
    public func run(_ main: () throws -> Void) {
        runMain(main)
        runLoop()
    }

    /// Runs `main` as a macrotask followed by the tick/microtask checkpoint.
    public func runMain(_ main: () throws -> Void) {
        #if DEBUG
        ownerThread.check("Host.runMain")
        #endif
        do { try main() } catch { reportUncaught(error) }
        drain()
    }

    /// Runs event-loop iterations until no timer, interval or immediate is left.
    public func runLoop() {
        #if DEBUG
        ownerThread.check("Host.runLoop")
        #endif
        drain()
        while true {
            loopTime = nowNanos
            runTimersPhase()
            runCheckPhase()
            if immediates.isEmpty {
                guard activeTimerCount > 0, let next = nextDeadline() else {
                    clearTimerLists()  // only cleared timers' tombstones are left
                    return
                }
                if next > loopTime { advanceClock(to: next) }
            }
        }
    }

    /// Whether any timer, immediate, tick or microtask is still pending.
    public var hasPendingWork: Bool {
        activeTimerCount > 0 || !immediates.isEmpty || !ticks.isEmpty || !microtasks.isEmpty
    }

    func nextDeadline() -> Int64? {
        while let deadline = timerDeadlines.min {
            if timerLists[deadline].unsafelyUnwrapped.dropTombstones() { return deadline }
            takeTimerList(deadline).removeAll()  // only cleared timers' tombstones
        }
        return nil
    }

    /// Removes the list of the earliest deadline, `deadline`.
    @discardableResult
    func takeTimerList(_ deadline: Int64) -> TimerList<Strategy> {
        _ = timerDeadlines.popMin()
        let list = timerLists.removeValue(forKey: deadline).unsafelyUnwrapped
        if lastTimerList === list { lastTimerList = nil }
        return list
    }

    func clearTimerLists() {
        for list in timerLists.values { list.removeAll() }
        timerLists = [:]
        timerDeadlines = Heap()
        lastTimerList = nil
    }

    func advanceClock(to deadline: Int64) {
        switch clockMode {
        case .virtual: virtualNow = deadline
        case .real: waitUntil(monotonic: deadline + realOrigin)
        }
    }

    /// A callback that throws skips the drain before the next callback of the
    /// phase: Node's processTimers/processImmediate only run `runNextTicks()`
    /// between callbacks of one call, and after a throw C++ calls them again
    /// (env.cc RunTimers/CheckImmediate). The drain at the end of the phase
    /// (the callback scope closing) still happens.
    func runTimersPhase() {
        var drainPending = false
        // A callback's new timers are due after `loopTime` (delays are at
        // least 1 ms), so the list being run never grows and the order is
        // (deadline, scheduling order), as with one heap of timers.
        while let deadline = timerDeadlines.min, deadline <= loopTime {
            let list = takeTimerList(deadline)
            while let timer = list.popFirst() {
                guard timer.isActive, timer.deadline == deadline else { continue }
                counters.timersFired += 1
                let kind = timer.kind
                let captured = timer.captured  // the callback may clear (and release) its own timer
                let saved = strategy.enter(captured, kind)
                var threw = false
                do { try timer.callback() } catch { threw = true; reportUncaught(error) }
                strategy.leave(saved, captured, kind)
                if timer.isActive {
                    if timer.repeatNanos > 0 {
                        schedule(timer, deadline: loopTime + timer.repeatNanos)
                    } else {
                        timer.isActive = false
                        activeTimerCount -= 1
                        strategy.destroy(captured, kind)
                        timer.release()
                    }
                }
                drainPending = threw || !checkpoint()
            }
        }
        if drainPending { drain() }
    }

    func runCheckPhase() {
        var count = immediates.count  // immediates queued during the phase wait a turn
        var drainPending = false  // as in runTimersPhase
        while count > 0, let immediate = immediates.popFirst() {
            count -= 1
            guard immediate.isActive else { continue }
            immediate.isActive = false
            counters.immediatesRun += 1
            let saved = strategy.enter(immediate.captured, .immediate)
            var threw = false
            do { try immediate.callback() } catch { threw = true; reportUncaught(error) }
            strategy.leave(saved, immediate.captured, .immediate)
            strategy.destroy(immediate.captured, .immediate)
            drainPending = threw || !checkpoint()
        }
        if drainPending { drain() }
    }

    /// Drains nextTicks then microtasks until both are empty, then processes
    /// rejections; repeats while that scheduled more work.
    ///
    /// Returns false when a tick threw: like an exception escaping Node's
    /// `processTicksAndRejections`, that abandons the drain, and the remaining
    /// ticks and microtasks wait for the next drain.
    @discardableResult
    func checkpoint() -> Bool {
        repeat {
            while let tick = ticks.popFirst() {
                counters.ticksRun += 1
                let saved = strategy.enter(tick.captured, .tickObject)
                do {
                    try tick.callback()
                } catch {
                    reportUncaught(error)
                    strategy.leave(saved, tick.captured, .tickObject)
                    strategy.destroy(tick.captured, .tickObject)
                    return false
                }
                strategy.leave(saved, tick.captured, .tickObject)
                strategy.destroy(tick.captured, .tickObject)
            }
            runMicrotasks()
        } while !ticks.isEmpty || processRejections()
        return true
    }

    /// Checkpoints until one completes: where a callback scope closes (end of
    /// the main script or of a phase) Node drains what a throwing tick left
    /// before the next phase runs a callback (scenarios 30, 33, 34).
    func drain() {
        while !checkpoint() {}
    }

    /// The microtask checkpoint: runs jobs until the queue is empty.
    public func runMicrotasks() {
        while let task = microtasks.popFirst() {
            counters.microtasksRun += 1
            switch task.kind {
            case .reaction:
                runReaction(task.reactionKind, task.target.unsafelyUnwrapped, task.index, task.captured,
                            fulfilled: task.fulfilled, task.argument)
            case .resolveThenable:
                runResolveThenableJob(task.target.unsafelyUnwrapped, task.argument, task.captured)
            case .callback:
                let saved = strategy.enter(task.captured, .microtask)
                let callback = callbackJobs.removeFirst()
                do { try callback() } catch { reportUncaught(error) }
                strategy.leave(saved, task.captured, .microtask)
                strategy.destroy(task.captured, .microtask)
            }
        }
    }

    func reportUncaught(_ error: any Error) {
        let value = JSException.value(of: error)
        if uncaughtExceptionListeners.isEmpty { uncaughtExceptions.append(value); return }
        for listener in uncaughtExceptionListeners { listener(value) }
    }

    // MARK: Scheduling API

    /// `setTimeout(callback, ms)`. Delays below 1 ms (or not finite) become 1 ms, as in Node.
    @discardableResult
    public func setTimeout(_ ms: Double = 0, _ callback: @escaping () throws -> Void) -> TimerHandle<Strategy> {
        makeTimer(ms, repeating: false, callback)
    }

    /// `setInterval(callback, ms)`: fires every `ms` until cleared.
    @discardableResult
    public func setInterval(_ ms: Double, _ callback: @escaping () throws -> Void) -> TimerHandle<Strategy> {
        makeTimer(ms, repeating: true, callback)
    }

    func makeTimer(_ ms: Double, repeating: Bool, _ callback: @escaping () throws -> Void) -> TimerHandle<Strategy> {
        let delayMs = (ms >= 1 && ms <= 2_147_483_647) ? ms.rounded(.down) : 1
        let delay = Int64(delayMs) * 1_000_000
        let captured = strategy.initResource(repeating ? .interval : .timeout)
        let timer = TimerHandle<Strategy>(callback: callback, captured: captured,
                                          repeatNanos: repeating ? delay : 0, deadline: 0)
        activeTimerCount += 1
        schedule(timer, deadline: nowNanos + delay)
        return timer
    }

    func schedule(_ timer: TimerHandle<Strategy>, deadline: Int64) {
        timer.deadline = deadline
        if let list = lastTimerList, list.deadline == deadline { return list.append(timer) }
        let list: TimerList<Strategy>
        if let existing = timerLists[deadline] {
            list = existing
        } else {
            list = TimerList(deadline: deadline)
            timerLists[deadline] = list
            timerDeadlines.insert(deadline)
        }
        list.append(timer)
        lastTimerList = list
    }

    /// `clearTimeout(handle)`: a no-op for `nil`, fired or already cleared timers.
    public func clearTimeout(_ timer: TimerHandle<Strategy>?) {
        guard let timer, timer.isActive else { return }
        timer.isActive = false
        activeTimerCount -= 1
        strategy.destroy(timer.captured, timer.kind)
        timer.release()
    }

    /// `clearInterval(handle)` (the same as `clearTimeout`, as in Node).
    public func clearInterval(_ timer: TimerHandle<Strategy>?) { clearTimeout(timer) }

    /// `setImmediate(callback)`.
    @discardableResult
    public func setImmediate(_ callback: @escaping () throws -> Void) -> ImmediateHandle<Strategy> {
        let immediate = ImmediateHandle<Strategy>(callback: callback, captured: strategy.initResource(.immediate))
        immediates.append(immediate)
        return immediate
    }

    /// `clearImmediate(handle)`: a no-op for `nil` or an immediate that already ran.
    public func clearImmediate(_ immediate: ImmediateHandle<Strategy>?) {
        guard let immediate, immediate.isActive else { return }
        immediate.isActive = false
        strategy.destroy(immediate.captured, .immediate)
    }

    /// `process.nextTick(callback)`.
    public func nextTick(_ callback: @escaping () throws -> Void) {
        ticks.append(TickEntry(callback: callback, captured: strategy.initResource(.tickObject)))
    }

    /// `queueMicrotask(callback)`. A throw is reported as an uncaught exception.
    public func queueMicrotask(_ callback: @escaping () throws -> Void) {
        callbackJobs.append(callback)
        microtasks.append(Microtask(callbackWith: strategy.initResource(.microtask)))
    }

    // MARK: Context capture (AsyncResource, bind, snapshots)

    /// Captures the current context as a resource (the init hook of `AsyncResource`).
    public func captureContext() -> Strategy.Captured? {
        strategy.initResource(.asyncResource)
    }

    /// Runs `body` inside a captured context (`runInAsyncScope`), restoring the
    /// previous context afterwards, also when `body` throws.
    public func withContext<R>(_ captured: Strategy.Captured?, _ body: () throws -> R) rethrows -> R {
        let saved = strategy.enter(captured, .asyncResource)
        defer { strategy.leave(saved, captured, .asyncResource) }
        return try body()
    }

    /// Tells the strategy a captured context will not be used again (`emitDestroy`).
    public func releaseContext(_ captured: Strategy.Captured?) {
        strategy.destroy(captured, .asyncResource)
    }
}

/// Deterministic counts of host activity (for ordering and tick-count tests).
public struct HostCounters: Equatable, Sendable {
    public var microtasksRun = 0
    public var ticksRun = 0
    public var timersFired = 0
    public var immediatesRun = 0
    public var promisesCreated = 0
    public init() {}
}
