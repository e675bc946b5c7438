import XCTest
import HostRuntime
import ContextStrategies

// Conformance scenarios, rule 6: `await` keeps the async function's context.

/// Rule 6. node test/async-hooks/test-async-local-storage-async-await.js.
enum AwaitKeepsContext: Scenario {
    static let source = "node test-async-local-storage-async-await.js"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage()
        t.host.run {
            a.run("fn") {
                _ = t.host.async {
                    t.see("start", a.getStore())
                    return .awaiting(t.host.delay(1)) { _ in
                        t.see("after-timer", a.getStore())
                        return .awaiting(.number(3)) { _ in
                            t.see("after-value", a.getStore())
                            return .done
                        }
                    }
                }
            }
            t.see("top", a.getStore())
        }
        return ["start=fn", "top=undefined", "after-timer=fn", "after-value=fn"]
    }
}

/// Rule 6. node test/async-hooks/test-async-local-storage-async-functions.js.
enum ConcurrentAsyncFunctions: Scenario {
    static let source = "node test-async-local-storage-async-functions.js"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage()
        func worker(_ name: String, _ delays: [Double]) -> JSPromise<S> {
            func step(_ i: Int) -> AsyncStep {
                if i == delays.count { return .returning(.string(name)) }
                return .awaiting(t.host.delay(delays[i])) { _ in
                    t.see("\(name)\(i)", a.getStore())
                    return step(i + 1)
                }
            }
            return t.host.async { step(0) }
        }
        t.host.run {
            let p = a.run("A") { worker("A", [1, 3, 5]) }
            let q = a.run("B") { worker("B", [2, 4]) }
            t.host.all([.object(p), .object(q)]).then({ v in t.see("done", v); t.see("done-ctx", a.getStore()); return .undefined })
        }
        return ["A0=A", "B0=B", "A1=A", "B1=B", "A2=A", "done=A,B", "done-ctx=undefined"]
    }
}

/// Rule 6: a run whose body returns a promise; the async continuation keeps
/// the store after run returned. node test-async-local-storage-async-await.js.
enum RunReturnsPromise: Scenario {
    static let source = "node test-async-local-storage-async-await.js"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage()
        t.host.run {
            let p: JSPromise<S> = a.run("r") {
                t.host.async { .awaiting(.undefined) { _ in t.see("resumed", a.getStore()); return .returning("ok") } }
            }
            t.see("after-run", a.getStore())
            p.then({ v in t.see("outer-then", a.getStore()); t.see("value", v); return .undefined })
        }
        return ["after-run=undefined", "resumed=r", "outer-then=undefined", "value=ok"]
    }
}

/// Rule 6: nested runs inside an async function after an await.
enum RunAfterAwait: Scenario {
    static let source = "node test-async-local-storage-async-await.js; tc39 proposal tests (run inside async)"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage()
        t.host.run {
            a.run(1) {
                _ = t.host.async {
                    .awaiting(t.host.delay(1)) { _ in
                        a.run(2) {
                            t.see("inner", a.getStore())
                            _ = t.host.async { .awaiting(.undefined) { _ in t.see("inner-await", a.getStore()); return .done } }
                        }
                        t.see("restored", a.getStore())
                        return .awaiting(.undefined) { _ in t.see("later", a.getStore()); return .done }
                    }
                }
            }
        }
        return ["inner=2", "restored=1", "inner-await=2", "later=1"]
    }
}

/// Rule 6 with rejection: a caught await rejection resumes in the function's context.
enum AwaitRejectionCaught: Scenario {
    static let source = "node test-async-local-storage-errors-async.js"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage()
        t.host.run {
            let failing: JSPromise<S> = a.run("other") { t.host.newPromise { r in t.host.setTimeout(1) { r.reject("bad") } } }
            a.run("fn") {
                _ = t.host.async {
                    .awaiting(.object(failing), { _ in t.see("unexpected", a.getStore()); return .done },
                              catching: { e in t.see("catch", a.getStore()); t.see("error", e); return .done })
                }
            }
        }
        return ["catch=fn", "error=bad"]
    }
}
