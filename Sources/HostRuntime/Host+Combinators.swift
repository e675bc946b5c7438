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
/// What V8 allocates per input is the element's resolve function (a closure
/// over one shared context holding the values array, the remaining count
/// and the result's resolving functions): here a ``CombinatorElement`` over
/// one ``CombinatorState``. The reject side is the result's own `reject`
/// (`all`, `race`) and `race`'s resolve side the result's `resolve`, so
/// `race` allocates one element for all its inputs.
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
    /// that input's element.
    ///
    /// - Complexity: O(n) for n inputs; the result promise, one shared state,
    ///   and one element per input (one in all for `race`), plus a promise
    ///   per input that is not already a native promise.
    func performCombinator(_ mode: CombinatorState<Strategy>.Mode, _ values: [JSValue]) -> JSPromise<Strategy> {
        let state = CombinatorState(mode, result: withResolvers(), count: values.count)
        let shared: CombinatorElement<Strategy>? = mode == .race ? CombinatorElement(state, index: 0) : nil
        for (index, value) in values.enumerated() {
            let next = promiseResolve(value)
            let element = shared ?? CombinatorElement(state, index: index)
            performThen(next, PromiseReaction(element, captured: strategy.initReaction(derived: strategy.initResource(.promise))))
        }
        state.elementDone()  // the 1 the count started at, as in the specification
        return state.result.promise
    }
}

/// What the elements of one combinator call share: V8's resolve-element
/// context.
@usableFromInline final class CombinatorState<Strategy: PropagationStrategy> {
    @usableFromInline enum Mode { case all, allSettled, any, race }
    let mode: Mode
    let result: PromiseResolvers<Strategy>
    /// `all`/`allSettled`: the values (records) by input index; `any`: the reasons.
    var values: [JSValue]
    /// `[[RemainingElements]]`: inputs not yet recorded, plus one until the
    /// loop over the inputs has finished.
    var remaining: Int

    init(_ mode: Mode, result: PromiseResolvers<Strategy>, count: Int) {
        self.mode = mode
        self.result = result
        values = mode == .race ? [] : Array(repeating: .undefined, count: count)
        remaining = count + 1
    }

    /// Counts one element (or the end of the loop) down; at zero settles the result.
    func elementDone() {
        remaining -= 1
        guard remaining == 0 else { return }
        switch mode {
        case .all, .allSettled: result.resolve(.object(JSArray(values)))
        case .any: result.reject(.object(JSErrorObject(name: "AggregateError", "All promises were rejected", errors: values)))
        case .race: break  // `race` settles on its first input, never by count
        }
    }
}

/// One input's resolve (and, for `allSettled` and `any`, reject) element
/// function: the index it records at, and `[[AlreadyCalled]]`.
@usableFromInline final class CombinatorElement<Strategy: PropagationStrategy> {
    let state: CombinatorState<Strategy>
    let index: Int
    var alreadyCalled = false

    init(_ state: CombinatorState<Strategy>, index: Int) {
        self.state = state
        self.index = index
    }

    /// The input settled: run the element function its outcome calls.
    func settle(fulfilled: Bool, _ value: JSValue) {
        switch (state.mode, fulfilled) {
        case (.all, true): record(value)
        case (.allSettled, true): record(.object(SettledRecord(status: "fulfilled", value: value)))
        case (.allSettled, false): record(.object(SettledRecord(status: "rejected", value: value)))
        case (.any, false): record(value)
        case (.all, false), (.race, false): state.result.reject(value)
        case (.any, true), (.race, true): state.result.resolve(value)
        }
    }

    private func record(_ value: JSValue) {
        guard !alreadyCalled else { return }
        alreadyCalled = true
        state.values[index] = value
        state.elementDone()
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
