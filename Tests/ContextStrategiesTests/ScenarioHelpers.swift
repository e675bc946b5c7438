import XCTest
import HostRuntime
import ContextStrategies

// Conformance scenarios. Each is written once, generic over the strategy, and
// names the public test or issue it models (read, then rewritten here: none
// is a copy). Rules refer to section 4 of the research brief.
//
// Where the real runtimes legitimately differ, the expected log is chosen with
// `t.per(hooks:promiseHooks:frames:slot:)` and the comment cites the runtime.

/// A non-native thenable whose `then` runs the given body.
final class TestThenable: JSThenable {
    let body: (@escaping (JSValue) -> Void, @escaping (JSValue) -> Void) throws -> Void
    init(_ body: @escaping (@escaping (JSValue) -> Void, @escaping (JSValue) -> Void) throws -> Void) { self.body = body }
    override func then(_ resolve: @escaping (JSValue) -> Void, _ reject: @escaping (JSValue) -> Void) throws {
        try body(resolve, reject)
    }
}

extension HostRuntime.Host {
    /// A promise that fulfils with `value` after `ms`.
    func delay(_ ms: Double, _ value: JSValue = .undefined) -> JSPromise<Strategy> {
        newPromise { r in setTimeout(ms) { r.resolve(value) } }
    }
}

/// Records the "unsupported" error frame-ref throws, or nothing when the call works.
func attempt<S>(_ t: Probe<S>, _ body: () throws -> Void) {
    do { try body() } catch let error as ContextStrategyError {
        if case .unsupported = error { t.note("unsupported") }
    } catch { t.note("error \(error)") }
}
