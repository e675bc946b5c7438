/// Promise resolution, reactions and async functions, following ECMA-262
/// §27.2 step by step so that tick counts match JavaScript.
extension Host {
    // MARK: Creating promises

    @inline(__always) @usableFromInline
    func makePromise() -> JSPromise<Strategy> {
        counters.promisesCreated += 1
        return JSPromise(host: self, captured: strategy.initResource(.promise))
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
    public func promiseResolve(_ value: JSValue) -> JSPromise<Strategy> {
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
    @usableFromInline
    func resolvePromise(_ promise: JSPromise<Strategy>, _ value: JSValue) {
        guard promise.isPending else { return }
        if case .object(let o) = value {
            if o === promise {
                rejectPromise(promise, .object(JSErrorObject(name: "TypeError", "Chaining cycle detected for promise #<Promise>")))
                return
            }
            if o is JSPromise<Strategy> || o is JSThenable {
                microtasks.append(.resolveThenable(target: promise, thenable: o,
                                                   captured: strategy.initResource(.thenableJob)))
                return
            }
        }
        fulfillPromise(promise, value)
    }

    @usableFromInline
    func fulfillPromise(_ promise: JSPromise<Strategy>, _ value: JSValue) {
        guard promise.isPending else { return }
        promise.state = .fulfilled(value)
        strategy.promiseResolved(promise.captured)
        triggerReactions(promise, .fulfilled(value))
    }

    @usableFromInline
    func rejectPromise(_ promise: JSPromise<Strategy>, _ reason: JSValue) {
        guard promise.isPending else { return }
        promise.state = .rejected(reason)
        strategy.promiseResolved(promise.captured)
        if !promise.isHandled { trackRejection(promise) }
        triggerReactions(promise, .rejected(reason))
    }

    @inline(__always) @usableFromInline
    func triggerReactions(_ promise: JSPromise<Strategy>, _ outcome: Outcome) {
        guard let first = promise.firstReaction else { return }
        promise.firstReaction = nil
        microtasks.append(.reaction(first, outcome))
        if !promise.moreReactions.isEmpty {
            for reaction in promise.moreReactions { microtasks.append(.reaction(reaction, outcome)) }
            promise.moreReactions = []
        }
    }

    /// `PerformPromiseThen`: register the reaction, or queue its job at once
    /// when the promise has already settled.
    @usableFromInline
    func performThen(_ promise: JSPromise<Strategy>, _ reaction: PromiseReaction<Strategy>) {
        switch promise.state {
        case .pending:
            if promise.firstReaction == nil && promise.moreReactions.isEmpty {
                promise.firstReaction = reaction
            } else {
                promise.moreReactions.append(reaction)
            }
        case .fulfilled(let value):
            microtasks.append(.reaction(reaction, .fulfilled(value)))
        case .rejected(let reason):
            if !promise.isHandled { rejectionHandled(promise) }
            microtasks.append(.reaction(reaction, .rejected(reason)))
        }
        promise.isHandled = true
    }

    // MARK: Jobs

    @inline(__always)
    func runReaction(_ reaction: PromiseReaction<Strategy>, _ outcome: Outcome) {
        // Each case enters with the kind it leaves (and destroys) with.
        switch reaction.job {
        case .then(let derived, let onFulfilled, let onRejected):
            let saved = strategy.enter(reaction.captured, .promise)
            switch outcome {
            case .fulfilled(let value):
                if let onFulfilled {
                    do { resolvePromise(derived, try onFulfilled(value)) } catch { rejectPromise(derived, JSException.value(of: error)) }
                } else {
                    resolvePromise(derived, value)
                }
            case .rejected(let reason):
                if let onRejected {
                    do { resolvePromise(derived, try onRejected(reason)) } catch { rejectPromise(derived, JSException.value(of: error)) }
                } else {
                    rejectPromise(derived, reason)
                }
            }
            strategy.leave(saved, reaction.captured, .promise)
        case .await(let function, let continuation):
            let saved = strategy.enter(reaction.captured, .awaitReaction)
            let step: AsyncStep
            do {
                switch outcome {
                case .fulfilled(let value):
                    step = try continuation.onFulfilled(value)
                case .rejected(let reason):
                    guard let onRejected = continuation.onRejected else { throw JSException(reason) }
                    step = try onRejected(reason)
                }
                advance(function, step)
            } catch {
                rejectPromise(function, JSException.value(of: error))
            }
            strategy.leave(saved, reaction.captured, .awaitReaction)
            strategy.destroy(reaction.captured, .awaitReaction)
        case .adopt(let target):
            let saved = strategy.enter(reaction.captured, .promise)
            switch outcome {
            case .fulfilled(let value): resolvePromise(target, value)
            case .rejected(let reason): rejectPromise(target, reason)
            }
            strategy.leave(saved, reaction.captured, .promise)
        }
    }

    func runResolveThenableJob(_ target: JSPromise<Strategy>, _ thenable: AnyObject, _ captured: Strategy.Captured) {
        let saved = strategy.enter(captured, .thenableJob)
        if let native = thenable as? JSPromise<Strategy> {
            // `thenable.then(resolve, reject)` on a native promise: one reaction
            // (V8 skips the derived promise; hooks still see one created).
            let reaction = PromiseReaction<Strategy>(
                job: .adopt(target),
                captured: strategy.initReaction(derived: strategy.initResource(.promise)))
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

    @inline(__always) @usableFromInline
    func advance(_ function: JSPromise<Strategy>, _ step: AsyncStep) {
        switch step {
        case .returning(let value):
            resolvePromise(function, value)
        case .awaiting(let value, let continuation):
            let awaited = promiseResolve(value)
            performThen(awaited, PromiseReaction(job: .await(function, continuation),
                                                 captured: strategy.initResource(.awaitReaction)))
        }
    }
}
