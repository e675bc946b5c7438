/// Promise resolution, reactions and async functions, following ECMA-262
/// §27.2 step by step so that tick counts match JavaScript.
extension Host {
    // MARK: Creating promises

    /// A new pending promise: one record from the host's promise heap.
    @inline(__always) @usableFromInline
    func makePromise(code: consuming PromiseJobCode = .none) -> PromiseRef<Strategy> {
        makePromise(code: code, captured: strategy.initResource(.promise))
    }

    /// A new pending promise whose init hook already ran (`captured`).
    @inline(__always) @usableFromInline
    func makePromise(code: consuming PromiseJobCode, captured: Strategy.Captured?) -> PromiseRef<Strategy> {
        counters.promisesCreated += 1
        return promiseHeap.allocate(host: self, captured: captured, code: code)
    }

    /// The handle user code gets for one of this host's promises.
    @inline(__always) @usableFromInline
    func handle(_ promise: PromiseRef<Strategy>) -> JSPromise<Strategy> {
        JSPromise(promise, heap: promiseHeap)
    }

    /// `new Promise(executor)`. A throwing executor rejects the promise.
    public func newPromise(_ executor: (PromiseResolvers<Strategy>) throws -> Void) -> JSPromise<Strategy> {
        let resolvers = PromiseResolvers(handle(makePromise()))
        do { try executor(resolvers) } catch { resolvers.reject(JSException.value(of: error)) }
        return resolvers.promise
    }

    /// `Promise.withResolvers()`: a pending promise and its resolving functions.
    public func withResolvers() -> PromiseResolvers<Strategy> {
        PromiseResolvers(handle(makePromise()))
    }

    /// `Promise.resolve(value)`: the value itself if it is a native promise.
    public func promiseResolve(_ value: consuming JSValue) -> JSPromise<Strategy> {
        handle(resolvedPromise(value))
    }

    /// `PromiseResolve(value)` for the host's own use: no handle.
    @inline(__always) @usableFromInline
    func resolvedPromise(_ value: consuming JSValue) -> PromiseRef<Strategy> {
        if let promise = value.promise(of: self) { return promise.ref }
        let promise = makePromise()
        resolvePromise(promise, value)
        return promise
    }

    /// `Promise.reject(reason)`.
    public func promiseReject(_ reason: JSValue) -> JSPromise<Strategy> {
        let promise = makePromise()
        rejectPromise(promise, reason)
        return handle(promise)
    }

    // MARK: Resolution

    /// The body of a promise resolve function: adopt thenables through a
    /// `NewPromiseResolveThenableJob`, otherwise fulfil.
    ///
    /// The value is `consuming` here and in `fulfillPromise`: the handler's
    /// result moves into the promise's state and the reaction jobs instead of
    /// being copied (an outlined `JSValue` copy and destroy per reaction).
    @usableFromInline
    func resolvePromise(_ promise: PromiseRef<Strategy>, _ value: consuming JSValue) {
        guard promise.pointee.settlement == .pending else { return }
        switch value {
        case .promise(let p) where p.address == UnsafeMutableRawPointer(promise):
            rejectPromise(promise, .object(JSErrorObject(name: "TypeError", "Chaining cycle detected for promise #<Promise>")))
            return
        case .promise(let p) where p.heap === promiseHeap:
            break  // a native promise of this host: adopted by a job
        case .object(let o) where o is JSThenable:
            break  // a thenable: adopted by a job
        default:
            return fulfillPromise(promise, value)
        }
        microtasks.append(Microtask(resolve: promise, with: value, captured: strategy.initResource(.thenableJob)))
    }

    /// Settling drops the promise's captured resource once its hooks have
    /// seen it settle: nothing reads it afterwards, and a settled promise
    /// that user code keeps must not pin a context (in an engine the
    /// resource dies with the last reference to the promise).
    @usableFromInline
    func fulfillPromise(_ promise: PromiseRef<Strategy>, _ value: consuming JSValue) {
        guard promise.pointee.settlement == .pending else { return }
        promise.pointee.ownsResult = value.holdsReference
        promise.pointee.settlement = .fulfilled
        strategy.promiseResolved(promise.pointee.captured.take())
        // With no reaction yet (a promise `await` wraps a value in, or one
        // settled before its first `then`), the value moves into the result:
        // no copy and no destroy.
        guard promise.pointee.firstReaction != nil else { return PromiseRecord.setResult(promise, value) }
        PromiseRecord.setResult(promise, copy value)
        triggerReactions(promise, value, fulfilled: true)
    }

    @usableFromInline
    func rejectPromise(_ promise: PromiseRef<Strategy>, _ reason: consuming JSValue) {
        guard promise.pointee.settlement == .pending else { return }
        promise.pointee.ownsResult = reason.holdsReference
        PromiseRecord.setResult(promise, copy reason)
        promise.pointee.settlement = .rejected
        let captured = promise.pointee.captured.take()
        strategy.promiseResolved(captured)
        if !promise.pointee.isHandled { trackRejection(promise, captured: captured) }
        triggerReactions(promise, reason, fulfilled: false)
    }

    @inline(__always) @usableFromInline
    func triggerReactions(_ promise: PromiseRef<Strategy>, _ value: consuming JSValue, fulfilled: Bool) {
        // `take()` moves the inline reaction out: no copy, no retain/release pair.
        guard let first = promise.pointee.firstReaction.take() else { return }
        guard let more = promise.pointee.moreReactions.take() else {
            // The common case: the reaction and the value move into the only job.
            return microtasks.append(Microtask(first, fulfilled: fulfilled, value))
        }
        microtasks.append(Microtask(first, fulfilled: fulfilled, copy value))
        for reaction in more {
            microtasks.append(Microtask(reaction, fulfilled: fulfilled, copy value))
        }
    }

    /// `PerformPromiseThen`: register the reaction, or queue its job at once
    /// when the promise has already settled.
    ///
    /// `reaction` is `consuming`: it moves into the promise (or its job), where
    /// a borrowed argument cost a retain here and a release in the caller.
    @usableFromInline
    func performThen(_ promise: PromiseRef<Strategy>, _ reaction: consuming PromiseReaction<Strategy>) {
        switch promise.pointee.settlement {
        case .pending:
            if promise.pointee.firstReaction == nil {
                promise.pointee.firstReaction = reaction
            } else if promise.pointee.moreReactions == nil {
                promise.pointee.moreReactions = [reaction]
            } else {
                promise.pointee.moreReactions!.append(reaction)
            }
        case .fulfilled:
            microtasks.append(Microtask(reaction, fulfilled: true, promise.pointee.result))
        case .rejected:
            if !promise.pointee.isHandled { rejectionHandled(promise) }
            microtasks.append(Microtask(reaction, fulfilled: false, promise.pointee.result))
        }
        promise.pointee.isHandled = true
    }

    // MARK: Jobs

    @inline(__always)
    func runReaction(_ kind: PromiseReaction<Strategy>.Kind, _ target: PromiseRef<Strategy>, _ index: UInt32,
                     _ captured: Strategy.Captured?, fulfilled: Bool, _ argument: JSValue) {
        switch kind {
        case .then:
            let saved = strategy.enter(captured, .promise)
            // Moved out, not copied: no retain/release pair per handler.
            guard case .handlers(let onFulfilled, let onRejected) = target.pointee.code.take() else { preconditionFailure("then job without handlers") }
            // Each branch calls the handler it borrowed: picking one into a
            // local first copied (retained and released) the closure.
            if fulfilled {
                if let onFulfilled {
                    do { resolvePromise(target, try onFulfilled(argument)) } catch { rejectPromise(target, JSException.value(of: error)) }
                } else {
                    resolvePromise(target, argument)
                }
            } else if let onRejected {
                do { resolvePromise(target, try onRejected(argument)) } catch { rejectPromise(target, JSException.value(of: error)) }
            } else {
                rejectPromise(target, argument)
            }
            strategy.leave(saved, captured, .promise)
        case .await:
            let saved = strategy.enter(captured, .awaitReaction)
            guard case .resume(let continuation) = target.pointee.code.take() else { preconditionFailure("await job without continuation") }
            do {
                let step: AsyncStep
                if fulfilled {
                    step = try continuation.onFulfilled(argument)
                } else if let onRejected = continuation.onRejected {
                    step = try onRejected(argument)
                } else {
                    throw JSException(argument)
                }
                advance(target, step)
            } catch {
                rejectPromise(target, JSException.value(of: error))
            }
            strategy.leave(saved, captured, .awaitReaction)
            strategy.destroy(captured, .awaitReaction)
        case .adopt:
            let saved = strategy.enter(captured, .promise)
            if fulfilled { resolvePromise(target, argument) } else { rejectPromise(target, argument) }
            // With hooks on, V8 adopts through a real `then` whose throwaway
            // promise this job resolves before `after`: hook designs see it settle.
            strategy.promiseResolved(captured)
            strategy.leave(saved, captured, .promise)
        case .combinator:
            let saved = strategy.enter(captured, .promise)
            guard case .combinator(let state) = target.pointee.code else { preconditionFailure("combinator job without its state") }
            state.settle(Int(index), fulfilled: fulfilled, argument, result: target, on: self)
            // As for `.adopt`: with hooks on V8 takes the slow path, a real
            // `then` whose derived promise the job resolves before `after`.
            strategy.promiseResolved(captured)
            strategy.leave(saved, captured, .promise)
        }
    }

    func runResolveThenableJob(_ target: PromiseRef<Strategy>, _ thenable: JSValue, _ captured: Strategy.Captured?) {
        let saved = strategy.enter(captured, .thenableJob)
        if let native = thenable.promise(of: self)?.ref {
            // `thenable.then(resolve, reject)` on a native promise: one reaction
            // (V8 skips the derived promise; hooks still see one created).
            let reaction = PromiseReaction<Strategy>(
                .adopt, target, captured: strategy.initReaction(derived: strategy.initResource(.promise)))
            performThen(native, reaction)
        } else if case .object(let o) = thenable, let foreign = o as? JSThenable {
            let resolvers = PromiseResolvers(handle(target))
            do { try foreign.then(resolvers.resolve, resolvers.reject) } catch { resolvers.reject(JSException.value(of: error)) }
        }
        strategy.leave(saved, captured, .thenableJob)
        strategy.destroy(captured, .thenableJob)
    }

    // MARK: Async functions

    /// Calls an async function: runs `body` synchronously up to its first
    /// `await`, and returns the function's promise.
    public func async(_ body: () throws -> AsyncStep) -> JSPromise<Strategy> {
        let function = makePromise()
        do { advance(function, try body()) } catch { rejectPromise(function, JSException.value(of: error)) }
        return handle(function)
    }

    /// `step` is consumed: the awaited value and the continuation move into
    /// the promise and the record instead of being copied and destroyed.
    @inline(__always) @usableFromInline
    func advance(_ function: PromiseRef<Strategy>, _ step: consuming AsyncStep) {
        switch consume step {
        case .returning(let value):
            resolvePromise(function, value)
        case .awaiting(let value, let continuation):
            let awaited = resolvedPromise(value)
            PromiseRecord.setCode(function, .resume(continuation))
            performThen(awaited, PromiseReaction(.await, function, captured: strategy.initResource(.awaitReaction)))
        }
    }
}
