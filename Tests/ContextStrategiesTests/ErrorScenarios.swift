import XCTest
import HostRuntime
import ContextStrategies

// Conformance scenarios: the context of error handlers (uncaught exceptions,
// unhandled rejections where the designs agree).

/// node test/async-hooks/test-async-local-storage-errors.js (err2): the
/// uncaughtException handler runs in the context of the throwing callback.
enum UncaughtExceptionContext: Scenario {
    static let source = "node test-async-local-storage-errors.js (err2)"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage()
        t.host.onUncaughtException = { e in t.see("handler", a.getStore()); t.see("error", e) }
        t.host.run {
            a.run("cb") { t.host.setTimeout(1) { throw JSException("err2") } }
            a.run("mt") { t.host.queueMicrotask { throw JSException("err-mt") } }
        }
        return ["handler=mt", "error=err-mt", "handler=cb", "error=err2"]
    }
}

/// node test-async-local-storage-errors.js (err3): a promise created and
/// rejected in the same context, so creation (hooks) and rejection (frames)
/// agree; the OTel-style manager has already dropped the promise's entry at
/// promiseResolve, so its handler sees the root context.
enum UnhandledRejectionSameContext: Scenario {
    static let source = "node test-async-local-storage-errors.js (err3)"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage()
        t.host.onUnhandledRejection = { reason, _ in t.see("handler", a.getStore()); t.see("reason", reason) }
        t.host.run {
            a.run("await") {
                _ = t.host.async { .awaiting(.null) { _ in throw JSException("err3") } }
            }
        }
        return t.per(hooks: ["handler=await", "reason=err3"],
                     promiseHooks: ["handler=undefined", "reason=err3"],
                     frames: ["handler=await", "reason=err3"])
    }
}
