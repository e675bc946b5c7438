/// Promise resolution, reactions and async functions, following ECMA-262
/// §27.2 step by step so that tick counts match JavaScript.
extension Host {
    // MARK: Creating promises

    @inline(__always) @usableFromInline
    func makePromise(code: consuming PromiseJobCode = .none) -> JSPromise<Strategy> {
        counters.promisesCreated += 1
        return JSPromise(host: self, captured: strategy.initResource(.promise), code: code)
    }

    /// `new Promise(executor)`. A throwing executor rejects the promise.
    public func newPromise(_ executor: (PromiseResolvers<Strategy>) throws -> Void) -> JSPromise<Strategy> {
        let resolvers = PromiseResolvers(makePromise())
        do { try executor(resolvers) } catch { resolvers.reject(JSException.value(of: error)) }
        return resolvers.promise
    }

    /// `Promise.withResolvers()`: a pending promise and its resolving functions.
    public func withResolvers() -> PromiseResolvers<Strategy> {
        PromiseResolvers(makePromise())
    }

    /// `Promise.resolve(value)`: the value itself if it is a native promise.
    public func promiseResolve(_ value: consuming JSValue) -> JSPromise<Strategy> {
        if case .object(let o) = value, let promise = o as? JSPromise<Strategy> { return promise }
        let promise = makePromise()
        resolvePromise(promise, value)
        return promise
    }

    /// `Promise.reject(reason)`.
    public func promiseReject(_ reason: JSValue) -> JSPromise<Strategy> {
        let promise = makePromise()
        rejectPromise(promise, reason)
        return promise
    }

    // MARK: Resolution

    /// The body of a promise resolve function: adopt thenables through a
    /// `NewPromiseResolveThenableJob`, otherwise fulfil.
    ///
    /// The value is `consuming` here and in `fulfillPromise`: the handler's
    /// result moves into the promise's state and the reaction jobs instead of
    /// being copied (an outlined `JSValue` copy and destroy per reaction).
    @usableFromInline
    func resolvePromise(_ promise: JSPromise<Strategy>, _ value: consuming JSValue) {
        guard promise.isPending else { return }
        if case .object(let o) = value {
            if o === promise {
                rejectPromise(promise, .object(JSErrorObject(name: "TypeError", "Chaining cycle detected for promise #<Promise>")))
                return
            }
            if o is JSPromise<Strategy> || o is JSThenable {
                microtasks.append(Microtask(resolve: promise, with: o, captured: strategy.initResource(.thenableJob)))
                return
            }
        }
        fulfillPromise(promise, value)
    }

    @usableFromInline
    func fulfillPromise(_ promise: JSPromise<Strategy>, _ value: consuming JSValue) {
        guard promise.isPending else { return }
        promise.result = copy value
        promise.settlement = .fulfilled
        strategy.promiseResolved(promise.captured)
        triggerReactions(promise, value, fulfilled: true)
    }

    @usableFromInline
    func rejectPromise(_ promise: JSPromise<Strategy>, _ reason: consuming JSValue) {
        guard promise.isPending else { return }
        promise.result = copy reason
        promise.settlement = .rejected
        strategy.promiseResolved(promise.captured)
        if !promise.isHandled { trackRejection(promise) }
        triggerReactions(promise, reason, fulfilled: false)
    }

    @inline(__always) @usableFromInline
    func triggerReactions(_ promise: JSPromise<Strategy>, _ value: consuming JSValue, fulfilled: Bool) {
        // `take()` moves the inline reaction out: no copy, no retain/release pair.
        guard let first = promise.firstReaction.take() else { return }
        guard let more = promise.moreReactions.take() else {
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
    func performThen(_ promise: JSPromise<Strategy>, _ reaction: consuming PromiseReaction<Strategy>) {
        switch promise.settlement {
        case .pending:
            if promise.firstReaction == nil {
                promise.firstReaction = reaction
            } else if promise.moreReactions == nil {
                promise.moreReactions = [reaction]
            } else {
                promise.moreReactions!.append(reaction)
            }
        case .fulfilled:
            microtasks.append(Microtask(reaction, fulfilled: true, promise.result))
        case .rejected:
            if !promise.isHandled { rejectionHandled(promise) }
            microtasks.append(Microtask(reaction, fulfilled: false, promise.result))
        }
        promise.isHandled = true
    }

    // MARK: Jobs

    @inline(__always)
    func runReaction(_ kind: PromiseReaction<Strategy>.Kind, _ target: JSPromise<Strategy>, _ index: UInt32,
                     _ captured: Strategy.Captured?, fulfilled: Bool, _ argument: JSValue) {
        switch kind {
        case .then:
            let saved = strategy.enter(captured, .promise)
            // Moved out, not copied: no retain/release pair per handler.
            guard case .handlers(let onFulfilled, let onRejected) = target.code.take() else { preconditionFailure("then job without handlers") }
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
            guard case .resume(let continuation) = target.code.take() else { preconditionFailure("await job without continuation") }
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
            guard case .combinator(let state) = target.code else { preconditionFailure("combinator job without its state") }
            state.settle(Int(index), fulfilled: fulfilled, argument, result: target, on: self)
            // As for `.adopt`: with hooks on V8 takes the slow path, a real
            // `then` whose derived promise the job resolves before `after`.
            strategy.promiseResolved(captured)
            strategy.leave(saved, captured, .promise)
        }
    }

    func runResolveThenableJob(_ target: JSPromise<Strategy>, _ thenable: AnyObject, _ captured: Strategy.Captured?) {
        let saved = strategy.enter(captured, .thenableJob)
        if let native = thenable as? JSPromise<Strategy> {
            // `thenable.then(resolve, reject)` on a native promise: one reaction
            // (V8 skips the derived promise; hooks still see one created).
            let reaction = PromiseReaction<Strategy>(
                .adopt, target, captured: strategy.initReaction(derived: strategy.initResource(.promise)))
            performThen(native, reaction)
        } else if let foreign = thenable as? JSThenable {
            let resolvers = PromiseResolvers(target)
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
        return function
    }

    /// `step` is consumed: the awaited value and the continuation move into
    /// the promise and the record instead of being copied and destroyed.
    @inline(__always) @usableFromInline
    func advance(_ function: JSPromise<Strategy>, _ step: consuming AsyncStep) {
        switch consume step {
        case .returning(let value):
            resolvePromise(function, value)
        case .awaiting(let value, let continuation):
            let awaited = promiseResolve(value)
            function.code = .resume(continuation)
            performThen(awaited, PromiseReaction(.await, function, captured: strategy.initResource(.awaitReaction)))
        }
    }
}
