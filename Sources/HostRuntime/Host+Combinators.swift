/// `Promise.all`, `allSettled`, `race` and `any`, written as the
/// specification writes them: each input goes through `Promise.resolve` and
/// an ordinary `then`, so reaction counts and ordering match JavaScript.
extension Host {
    /// `Promise.all(values)`.
    public func all(_ values: [JSValue]) -> JSPromise<Strategy> {
        let result = withResolvers()
        let state = CombinatorState(count: values.count)
        for (index, value) in values.enumerated() {
            var called = false
            promiseResolve(value).then({ v in
                if called { return .undefined }
                called = true
                state.values[index] = v
                state.remaining -= 1
                if state.remaining == 0 { result.resolve(.object(JSArray(state.values))) }
                return .undefined
            }, { reason in result.reject(reason); return .undefined })
        }
        state.remaining -= 1
        if state.remaining == 0 { result.resolve(.object(JSArray(state.values))) }
        return result.promise
    }

    /// `Promise.allSettled(values)`: fulfils with `{status, value|reason}` records.
    public func allSettled(_ values: [JSValue]) -> JSPromise<Strategy> {
        let result = withResolvers()
        let state = CombinatorState(count: values.count)
        for (index, value) in values.enumerated() {
            var called = false
            let settle: (SettledRecord) -> JSValue = { record in
                if called { return .undefined }
                called = true
                state.values[index] = .object(record)
                state.remaining -= 1
                if state.remaining == 0 { result.resolve(.object(JSArray(state.values))) }
                return .undefined
            }
            promiseResolve(value).then({ settle(SettledRecord(status: "fulfilled", value: $0)) },
                                       { settle(SettledRecord(status: "rejected", value: $0)) })
        }
        state.remaining -= 1
        if state.remaining == 0 { result.resolve(.object(JSArray(state.values))) }
        return result.promise
    }

    /// `Promise.race(values)`.
    public func race(_ values: [JSValue]) -> JSPromise<Strategy> {
        let result = withResolvers()
        for value in values {
            promiseResolve(value).then({ result.resolve($0); return .undefined },
                                       { result.reject($0); return .undefined })
        }
        return result.promise
    }

    /// `Promise.any(values)`: rejects with an `AggregateError` when all reject.
    public func any(_ values: [JSValue]) -> JSPromise<Strategy> {
        let result = withResolvers()
        let state = CombinatorState(count: values.count)
        let rejectAll = {
            result.reject(.object(JSErrorObject(name: "AggregateError", "All promises were rejected", errors: state.values)))
        }
        for (index, value) in values.enumerated() {
            var called = false
            promiseResolve(value).then({ result.resolve($0); return .undefined }, { reason in
                if called { return .undefined }
                called = true
                state.values[index] = reason
                state.remaining -= 1
                if state.remaining == 0 { rejectAll() }
                return .undefined
            })
        }
        state.remaining -= 1
        if state.remaining == 0 { rejectAll() }
        return result.promise
    }
}

final class CombinatorState {
    var values: [JSValue]
    var remaining: Int
    init(count: Int) {
        values = Array(repeating: .undefined, count: count)
        remaining = count + 1
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
