import XCTest
import HostRuntime
import ContextStrategies

// Conformance scenarios, rules 5 and 8: promise reactions see the context
// they were registered in.

/// Rule 5. node test/async-hooks/test-async-local-storage-promises.js;
/// tc39 proposal README ("then() captures at registration").
enum ThenSeesRegistrationContext: Scenario {
    static let source = "node test-async-local-storage-promises.js; tc39/proposal-async-context README"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage()
        t.host.run {
            let r: PromiseResolvers<S> = a.run("created") { t.host.withResolvers() }
            a.run("resolver") { t.host.setTimeout(1) { r.resolve(7) } }
            a.run("registered") {
                r.promise.then({ v in t.see("then", a.getStore()); t.see("value", v); return .undefined })
            }
        }
        return ["then=registered", "value=7"]
    }
}

/// Rule 5. A then() registered at top level on a promise made inside a run sees undefined.
enum ThenOutsideRunOnPromiseFromRun: Scenario {
    static let source = "node test-async-local-storage-promises.js"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage()
        t.host.run {
            let p: JSPromise<S> = a.run("inner") { t.host.promiseResolve(1).then({ _ in t.see("inner-then", a.getStore()); return 2 }) }
            p.then({ _ in t.see("outer-then", a.getStore()); return .undefined })
        }
        return ["inner-then=inner", "outer-then=undefined"]
    }
}

/// Rule 8. node test-async-local-storage-promises.js (catch outside run).
enum CatchOutsideRun: Scenario {
    static let source = "node test-async-local-storage-promises.js; brief rule 8"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage()
        t.host.run {
            let p: JSPromise<S> = a.run("r") {
                let p = t.host.promiseReject("e")
                p.catch { _ in t.see("inside", a.getStore()); return .undefined }
                return p
            }
            p.catch { e in t.see("outside", a.getStore()); t.see("reason", e); return .undefined }
        }
        return ["inside=r", "outside=undefined", "reason=e"]
    }
}

/// Rule 5 down a chain: each link sees the context current when it was registered.
enum ChainLinksSeeRegistration: Scenario {
    static let source = "node test-async-local-storage-promises.js (chained then)"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage()
        t.host.run {
            let p1: JSPromise<S> = a.run("one") { t.host.delay(1, 1).then({ v in t.see("l1", a.getStore()); return v }) }
            let p2: JSPromise<S> = a.run("two") { p1.then({ v in t.see("l2", a.getStore()); throw JSException(v) }) }
            a.run("three") { _ = p2.catch { _ in t.see("l3", a.getStore()); return .undefined } }
        }
        return ["l1=one", "l2=two", "l3=three"]
    }
}

/// Rule 5 with finally. ECMA-262 Promise.prototype.finally; node -promises.js.
enum FinallySeesRegistration: Scenario {
    static let source = "ECMA-262 Promise.prototype.finally; node test-async-local-storage-promises.js"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage()
        t.host.run {
            let p = t.host.delay(1, "v")
            a.run("fin") {
                p.finally { t.see("finally", a.getStore()); return .undefined }
                    .then({ v in t.see("after-finally", a.getStore()); t.see("value", v); return .undefined })
            }
        }
        return ["finally=fin", "after-finally=fin", "value=v"]
    }
}

/// Rule 5 with combinators: Promise.all / race register their reactions at call time.
enum CombinatorsSeeCallContext: Scenario {
    static let source = "ECMA-262 Promise.all/race; node test-async-local-storage-promises.js"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage()
        t.host.run {
            let x: JSPromise<S> = a.run("x") { t.host.delay(2, 1) }
            let y: JSPromise<S> = a.run("y") { t.host.delay(1, 2) }
            a.run("all") {
                t.host.all([.object(x), .object(y)]).then({ v in t.see("all", a.getStore()); t.see("values", v); return .undefined })
            }
            a.run("race") {
                t.host.race([.object(x), .object(y)]).then({ v in t.see("race", a.getStore()); t.see("winner", v); return .undefined })
            }
        }
        return ["race=race", "winner=2", "all=all", "values=1,2"]
    }
}

/// Rule 11. nodejs/node#46262 discussion and the frame-based ALS tests
/// (test-async-local-storage-enter-with-frame.js): enterWith inside one
/// then callback stays in that callback. workerd: enterWith unsupported.
enum EnterWithInThenDoesNotLeak: Scenario {
    static let source = "node test-async-local-storage-enter-with.js / -enter-with-frame.js; brief rule 11; workerd (no enterWith)"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage()
        t.host.run {
            _ = a.run("run") {
                t.host.promiseResolve(1)
                    .then({ _ in
                        attempt(t) { try a.enterWith("entered") }
                        t.see("in-first", a.getStore())
                        return .undefined
                    })
                    .then({ _ in t.see("in-second", a.getStore()); return .undefined })
            }
        }
        return t.per(hooks: ["in-first=entered", "in-second=run"],
                     frames: ["unsupported", "in-first=run", "in-second=run"],
                     slot: ["in-first=entered", "in-second=run"])
    }
}
