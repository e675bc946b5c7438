/// `Promise.all`, `allSettled`, `any` and `race` as V8 runs them
/// (`promise-all.tq`, `promise-any.tq`, `promise-race.tq`).
///
/// Each input goes through `Promise.resolve` and `PerformPromiseThen`, so
/// reaction counts and ordering are the specification's. Like V8, and not
/// like a `then()` written in JavaScript, an input's reaction has no derived
/// promise: V8 passes `undefined` as the result capability on its fast path,
/// since that promise exists only for DevTools and promise hooks. With hooks
/// on, V8 takes the slow path, a real `then` whose throwaway promise hook
/// designs see created and settled; the host reports that resource to the
/// strategy (`initResource(.promise)`, `promiseResolved`) without allocating
/// a promise, as it does for an `await`'s throwaway promise.
///
/// What the inputs share is V8's resolve-element context: the values array
/// and the remaining count, one ``CombinatorState`` per call, held by the
/// combinator's own promise (its `code`), which every input's reaction
/// targets with the input's index beside it. V8 also allocates a resolve
/// element function per input, whose `[[AlreadyCalled]]` guards a second
/// call; here only a native reaction ever runs it, once, so the index in the
/// reaction record is all an input needs and nothing is allocated per input.
extension Host {
    /// `Promise.all(values)`.
    public func all(_ values: [JSValue]) -> JSPromise<Strategy> {
        performCombinator(.all, values)
    }

    /// `Promise.allSettled(values)`: fulfils with `{status, value|reason}` records.
    public func allSettled(_ values: [JSValue]) -> JSPromise<Strategy> {
        performCombinator(.allSettled, values)
    }

    /// `Promise.race(values)`.
    public func race(_ values: [JSValue]) -> JSPromise<Strategy> {
        performCombinator(.race, values)
    }

    /// `Promise.any(values)`: rejects with an `AggregateError` when all reject.
    public func any(_ values: [JSValue]) -> JSPromise<Strategy> {
        performCombinator(.any, values)
    }

    /// `PerformPromiseAll` and its siblings: one reaction per input, targeting
    /// the combinator's promise with the input's index.
    ///
    /// - Complexity: O(n) for n inputs; the result promise and one shared
    ///   state, plus a promise per input that is not already a native promise.
    func performCombinator(_ mode: CombinatorState.Mode, _ values: [JSValue]) -> JSPromise<Strategy> {
        let result = makePromise()
        let state = CombinatorState(mode, count: values.count)
        result.pointee.code = .combinator(state)
        result.pointee.keepsCode = true
        for (index, value) in values.enumerated() {
            let next = resolvedPromise(value)
            performThen(next, PromiseReaction(.combinator, result, index: UInt32(truncatingIfNeeded: index),
                                              captured: strategy.initReaction(derived: strategy.initResource(.promise))))
        }
        state.elementDone(result: result, on: self)  // the 1 the count started at, as in the specification
        return handle(result)
    }
}

/// What the inputs of one combinator call share: V8's resolve-element
/// context (the result's resolving functions are the host's, on the promise
/// that holds this state).
@usableFromInline final class CombinatorState {
    @usableFromInline enum Mode { case all, allSettled, any, race }
    let mode: Mode
    /// `all`/`allSettled`: the values (records) by input index; `any`: the reasons.
    var values: [JSValue]
    /// `[[RemainingElements]]`: inputs not yet recorded, plus one until the
    /// loop over the inputs has finished.
    var remaining: Int

    init(_ mode: Mode, count: Int) {
        self.mode = mode
        values = mode == .race ? [] : Array(repeating: .undefined, count: count)
        remaining = count + 1
    }

    /// Input `index` settled: run the element function its outcome calls.
    /// Settling `result` again is a no-op, as a second call of its resolving
    /// functions is.
    func settle<S>(_ index: Int, fulfilled: Bool, _ value: JSValue, result: PromiseRef<S>, on host: Host<S>) {
        switch (mode, fulfilled) {
        case (.all, true), (.any, false):
            values[index] = value
            elementDone(result: result, on: host)
        case (.allSettled, true):
            values[index] = .object(SettledRecord(status: "fulfilled", value: value))
            elementDone(result: result, on: host)
        case (.allSettled, false):
            values[index] = .object(SettledRecord(status: "rejected", value: value))
            elementDone(result: result, on: host)
        case (.all, false), (.race, false): host.rejectPromise(result, value)
        case (.any, true), (.race, true): host.resolvePromise(result, value)
        }
    }

    /// Counts one input (or the end of the loop) down; at zero settles the result.
    func elementDone<S>(result: PromiseRef<S>, on host: Host<S>) {
        remaining -= 1
        guard remaining == 0 else { return }
        switch mode {
        case .all, .allSettled: host.resolvePromise(result, .object(JSArray(values)))
        case .any: host.rejectPromise(result, .object(JSErrorObject(name: "AggregateError", "All promises were rejected", errors: values)))
        case .race: break  // `race` settles on its first input, never by count
        }
    }
}

/// An `allSettled` result record.
public final class SettledRecord: CustomStringConvertible {
    public let status: String
    public let value: JSValue
    init(status: String, value: JSValue) { self.status = status; self.value = value }
    public var description: String {
        status == "fulfilled" ? "fulfilled:\(value)" : "rejected:\(value)"
    }
}
