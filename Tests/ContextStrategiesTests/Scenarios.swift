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

// MARK: Rule 1-3: run, nesting, exit

/// Rule 1. nodejs/node test/async-hooks/test-async-local-storage-run-resource.js;
/// test262 built-ins/AsyncContext/Variable/prototype/run/return-value.js.
enum RunReturnsAndRestores: Scenario {
    static let source = "node test-async-local-storage-run-resource.js; test262 Variable/prototype/run"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage()
        t.host.run {
            t.see("before", a.getStore())
            let r: JSValue = a.run("x") { t.see("inside", a.getStore()); return 42 }
            t.see("result", r)
            t.see("after", a.getStore())
        }
        return ["before=undefined", "inside=x", "result=42", "after=undefined"]
    }
}

/// Rule 1 (throw). node test/async-hooks/test-async-local-storage-errors-sync-ret.js, -errors.js (err1).
enum RunRestoresOnThrow: Scenario {
    static let source = "node test-async-local-storage-errors-sync-ret.js, test-async-local-storage-errors.js"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage()
        t.host.run {
            do {
                try a.run("outer") {
                    do {
                        try a.run("inner") { throw JSException("boom") }
                    } catch let e as JSException {
                        t.see("caught-inner", e.value)
                        t.see("after-inner", a.getStore())
                    }
                    throw JSException("again")
                }
            } catch let e as JSException {
                t.see("caught-outer", e.value)
            }
            t.see("after", a.getStore())
        }
        return ["caught-inner=boom", "after-inner=outer", "caught-outer=again", "after=undefined"]
    }
}

/// Rule 2. node test/async-hooks/test-async-local-storage-nested.js.
enum NestedRuns: Scenario {
    static let source = "node test-async-local-storage-nested.js"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage()
        t.host.run {
            a.run("outer") {
                t.host.setTimeout(2) { t.see("timer-outer", a.getStore()) }
                a.run("inner") {
                    t.see("inner", a.getStore())
                    t.host.setTimeout(1) { t.see("timer-inner", a.getStore()) }
                }
                t.see("outer-again", a.getStore())
            }
        }
        return ["inner=inner", "outer-again=outer", "timer-inner=inner", "timer-outer=outer"]
    }
}

/// Rule 2. node test/async-hooks/test-async-local-storage-no-mix-contexts.js, -misc-stores.js.
enum TwoStoragesIndependent: Scenario {
    static let source = "node test-async-local-storage-no-mix-contexts.js, test-async-local-storage-misc-stores.js"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage("a"), b = t.storage("b")
        t.host.run {
            a.run(1) {
                b.run(2) {
                    t.host.setTimeout(1) { t.see("t.a", a.getStore()); t.see("t.b", b.getStore()) }
                    t.see("a", a.getStore()); t.see("b", b.getStore())
                }
                t.see("b-after", b.getStore())
                b.run(3) { a.run(4) { t.see("a4", a.getStore()); t.see("b3", b.getStore()) } }
                t.see("a-after", a.getStore())
            }
        }
        return ["a=1", "b=2", "b-after=undefined", "a4=4", "b3=3", "a-after=1", "t.a=1", "t.b=2"]
    }
}

/// Rule 3. node test/parallel/test-async-local-storage-exit-does-not-leak.js.
enum ExitInsideRun: Scenario {
    static let source = "node test-async-local-storage-exit-does-not-leak.js"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage()
        t.host.run {
            a.run("x") {
                a.exit {
                    t.see("exit", a.getStore())
                    t.host.setTimeout(1) { t.see("timer-in-exit", a.getStore()) }
                }
                t.see("after-exit", a.getStore())
                t.host.setTimeout(2) { t.see("timer-after-exit", a.getStore()) }
            }
        }
        return ["exit=undefined", "after-exit=x", "timer-in-exit=undefined", "timer-after-exit=x"]
    }
}

/// Rule 3. node test/parallel/test-async-local-storage-exit-does-not-leak.js
/// (exit outside any run, then a run in a later callback).
enum ExitOutsideRunThenRun: Scenario {
    static let source = "node test-async-local-storage-exit-does-not-leak.js"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage()
        t.host.run {
            a.exit { t.see("exit", a.getStore()) }
            t.host.setImmediate {
                t.see("immediate", a.getStore())
                a.run("y") { t.host.setImmediate { t.see("inner-immediate", a.getStore()) } }
                t.see("after-run", a.getStore())
            }
        }
        return ["exit=undefined", "immediate=undefined", "after-run=undefined", "inner-immediate=y"]
    }
}

/// Rule 3 across storages: exiting one storage leaves another alone.
/// node test-async-local-storage-misc-stores.js; tc39 proposal tests (independent variables).
enum ExitOneStorageOnly: Scenario {
    static let source = "node test-async-local-storage-misc-stores.js; tc39/proposal-async-context tests/async-context.test.ts"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage("a"), b = t.storage("b")
        t.host.run {
            a.run(1) { b.run(2) { a.exit {
                t.see("a", a.getStore()); t.see("b", b.getStore())
                t.host.queueMicrotask { t.see("m.a", a.getStore()); t.see("m.b", b.getStore()) }
            } } }
        }
        return ["a=undefined", "b=2", "m.a=undefined", "m.b=2"]
    }
}

// MARK: Rule 4: non-promise callbacks see their creation context

/// Rule 4. node test/async-hooks/test-async-local-propagation.js (timers).
enum TimeoutCreationContext: Scenario {
    static let source = "node test/async-hooks/test-async-local-propagation.js"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage()
        t.host.run {
            a.run(1) { t.host.setTimeout(3) { t.see("t1", a.getStore()) } }
            a.run(2) { t.host.setTimeout(1) { t.see("t2", a.getStore()) } }
            t.host.setTimeout(2) { t.see("t0", a.getStore()) }
            // Fired from inside another context: still the creation one.
            a.run(9) { t.host.setTimeout(0) { _ = a.run(5) { t.host.setTimeout(0) { t.see("t5", a.getStore()) } } } }
        }
        return ["t2=2", "t0=undefined", "t5=5", "t1=1"]
    }
}

/// Rule 4 (every tick). node test-async-local-storage-nested.js style, with setInterval.
enum IntervalEveryTick: Scenario {
    static let source = "brief rule 4; node lib/internal/timers.js (Timeout resource reused by each tick)"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage()
        t.host.run {
            var ticks = 0
            var handle: TimerHandle<S>?
            a.run("iv") {
                handle = t.host.setInterval(5) {
                    ticks += 1
                    t.see("tick\(ticks)", a.getStore())
                    // A run inside one tick must not leak into the next.
                    a.run("inside") { t.see("run\(ticks)", a.getStore()) }
                    if ticks == 3 { t.host.clearInterval(handle) }
                }
            }
            a.run("other") { t.host.setTimeout(7) { t.see("between", a.getStore()) } }
        }
        return ["tick1=iv", "run1=inside", "between=other", "tick2=iv", "run2=inside", "tick3=iv", "run3=inside"]
    }
}

/// Rule 4. node test/async-hooks/test-async-local-storage-enter-with.js uses setImmediate.
enum ImmediateCreationContext: Scenario {
    static let source = "node test-async-local-storage-enter-with.js (setImmediate), brief rule 4"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage()
        t.host.run {
            a.run("i1") { t.host.setImmediate { t.see("i1", a.getStore()) } }
            t.host.setImmediate { t.see("i0", a.getStore()) }
            a.run("i2") {
                let cleared = t.host.setImmediate { t.see("never", a.getStore()) }
                t.host.clearImmediate(cleared)
                t.host.setImmediate { t.see("i2", a.getStore()) }
            }
        }
        return ["i1=i1", "i0=undefined", "i2=i2"]
    }
}

/// Rule 4. node test/async-hooks/test-async-local-storage-enable-disable.js (nextTick).
enum NextTickCreationContext: Scenario {
    static let source = "node test-async-local-storage-enable-disable.js (process.nextTick)"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage()
        t.host.run {
            a.run("n1") {
                t.host.nextTick {
                    t.see("n1", a.getStore())
                    a.run("n2") { t.host.nextTick { t.see("n2", a.getStore()) } }
                    t.host.nextTick { t.see("n1b", a.getStore()) }
                }
            }
            t.host.nextTick { t.see("n0", a.getStore()) }
        }
        return ["n1=n1", "n0=undefined", "n2=n2", "n1b=n1"]
    }
}

/// Rule 4. tc39/proposal-async-context: queueMicrotask callbacks keep the context (HTML integration).
enum QueueMicrotaskCreationContext: Scenario {
    static let source = "tc39/proposal-async-context HTML integration (queueMicrotask); brief rule 4"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage()
        t.host.run {
            a.run("m1") { t.host.queueMicrotask { t.see("m1", a.getStore()) } }
            t.host.queueMicrotask { t.see("m0", a.getStore()) }
            a.run("m2") {
                t.host.queueMicrotask { t.host.queueMicrotask { t.see("m2-nested", a.getStore()) } }
            }
        }
        return ["m1=m1", "m0=undefined", "m2-nested=m2"]
    }
}

// MARK: Rule 5, 8: promise reactions

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

// MARK: Rule 6: await

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

// MARK: Rule 7: thenables

/// Rule 7, case 1. node test/async-hooks/test-async-local-storage-thenable.js (await a thenable).
enum AwaitThenable: Scenario {
    static let source = "node test-async-local-storage-thenable.js (await thenable)"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage()
        t.host.run {
            let thenable = TestThenable { resolve, _ in
                t.see("then", a.getStore())
                a.run("elsewhere") { t.host.setImmediate { resolve(5) } }
            }
            a.run("await") {
                _ = t.host.async { .awaiting(.object(thenable)) { v in t.see("resumed", a.getStore()); t.see("v", v); return .done } }
            }
        }
        return ["then=await", "resumed=await", "v=5"]
    }
}

/// Rule 7, case 2. node test-async-local-storage-thenable.js (async function returns a thenable).
enum ReturnThenableFromAsync: Scenario {
    static let source = "node test-async-local-storage-thenable.js (return thenable)"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage()
        t.host.run {
            let thenable = TestThenable { resolve, _ in t.see("then", a.getStore()); t.host.setImmediate { resolve(1) } }
            let p: JSPromise<S> = a.run("ret") { t.host.async { .returning(.object(thenable)) } }
            a.run("reg") { p.then({ _ in t.see("then-callback", a.getStore()); return .undefined }) }
        }
        return ["then=ret", "then-callback=reg"]
    }
}

/// Rule 7, case 3. node test-async-local-storage-thenable.js (Promise.resolve(thenable)).
enum PromiseResolveThenable: Scenario {
    static let source = "node test-async-local-storage-thenable.js (Promise.resolve(thenable))"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage()
        t.host.run {
            let thenable = TestThenable { resolve, _ in t.see("then", a.getStore()); resolve(2) }
            let p: JSPromise<S> = a.run("res") { t.host.promiseResolve(.object(thenable)) }
            p.then({ v in t.see("outer", a.getStore()); t.see("v", v); return .undefined })
        }
        return ["then=res", "outer=undefined", "v=2"]
    }
}

/// Rule 7, case 4. node test-async-local-storage-thenable.js (thenable returned from a then handler).
enum ThenableFromThenHandler: Scenario {
    static let source = "node test-async-local-storage-thenable.js (return thenable in then)"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage()
        t.host.run {
            let thenable = TestThenable { resolve, _ in t.see("then", a.getStore()); resolve(3) }
            a.run("handler") {
                t.host.promiseResolve(.undefined)
                    .then({ _ in .object(thenable) })
                    .then({ v in t.see("next", a.getStore()); t.see("v", v); return .undefined })
            }
        }
        return ["then=handler", "next=handler", "v=3"]
    }
}

/// Rule 7 with a native promise adopted through the thenable job (resolve(p)).
enum ResolveWithNativePromise: Scenario {
    static let source = "ECMA-262 NewPromiseResolveThenableJob; V8 extras-cped.js (thenable job captures the slot)"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage()
        t.host.run {
            let inner: JSPromise<S> = a.run("inner") { t.host.delay(1, "in") }
            let outer: PromiseResolvers<S> = a.run("outer") { t.host.withResolvers() }
            a.run("resolving") { outer.resolve(.object(inner)) }
            a.run("reg") { outer.promise.then({ v in t.see("then", a.getStore()); t.see("v", v); return .undefined }) }
        }
        return ["then=reg", "v=in"]
    }
}

// MARK: Rule 9: bind, snapshots, AsyncResource

/// Rule 9. node test/parallel/test-async-local-storage-bind.js.
enum BindCapturesContext: Scenario {
    static let source = "node test/parallel/test-async-local-storage-bind.js"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage()
        t.host.run {
            let bound: () throws -> JSValue = a.run("A") { AsyncLocalStorage<S>.bind(t.host) { t.see("bound", a.getStore()); return a.getStore() } }
            try a.run("B") {
                let r = try bound()
                t.see("returned", r)
                t.see("after", a.getStore())
            }
            t.host.setTimeout(1) { _ = try bound() }
        }
        return ["bound=A", "returned=A", "after=B", "bound=A"]
    }
}

/// Rule 9. node test/parallel/test-async-local-storage-snapshot.js.
enum SnapshotRunsInCapturedContext: Scenario {
    static let source = "node test/parallel/test-async-local-storage-snapshot.js"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage()
        t.host.run {
            let snapshot = a.run("A") { AsyncLocalStorage<S>.snapshot(t.host) }
            a.run("B") {
                snapshot.run { t.see("in-snapshot", a.getStore()) }
                t.see("after", a.getStore())
            }
        }
        return ["in-snapshot=A", "after=B"]
    }
}

/// Rule 9. test262 built-ins/AsyncContext/Snapshot/wrap; tc39 tests (wrap restores on throw).
enum SnapshotWrapRestoresOnThrow: Scenario {
    static let source = "test262 built-ins/AsyncContext/Snapshot/wrap; tc39/proposal-async-context tests/async-context.test.ts"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let v = AsyncContext.Variable(t.host, name: "v")
        t.host.run {
            let wrapped: () throws -> Void = v.run("captured") {
                AsyncContext.Snapshot<S>.wrap(t.host) { t.see("wrapped", v.get()); throw JSException("x") }
            }
            v.run("caller") {
                do { try wrapped() } catch { t.see("caught-in", v.get()) }
            }
            t.see("top", v.get())
        }
        return ["wrapped=captured", "caught-in=caller", "top=undefined"]
    }
}

/// Rule 9. node test/async-hooks/test-async-local-storage-stop-propagation.js (AsyncResource scopes, nested).
enum AsyncResourceScopes: Scenario {
    static let source = "node test-async-local-storage-stop-propagation.js, test-async-local-storage-run-resource.js"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage()
        t.host.run {
            let (r1, r2): (AsyncResource<S>, AsyncResource<S>) = a.run("store") {
                let r1 = AsyncResource(t.host, type: "r1")
                return (r1, a.exit { AsyncResource(t.host, type: "r2") })
            }
            r1.runInAsyncScope { t.see("r1", a.getStore()) }
            r2.runInAsyncScope {
                t.see("r2", a.getStore())
                r1.runInAsyncScope {
                    t.see("r1-in-r2", a.getStore())
                    t.host.setTimeout(1) { t.see("timer-from-r1", a.getStore()) }
                }
                t.see("r2-again", a.getStore())
            }
            t.see("top", a.getStore())
            r1.emitDestroy(); r2.emitDestroy()
        }
        return ["r1=store", "r2=undefined", "r1-in-r2=store", "r2-again=undefined", "top=undefined", "timer-from-r1=store"]
    }
}

/// Rule 9 over several variables: a snapshot captures all of them. test262 Snapshot/constructor.
enum SnapshotCapturesAllVariables: Scenario {
    static let source = "test262 built-ins/AsyncContext/Snapshot (captures every Variable); node v24.19/v20.20 probes (hooks restore by assignment)"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let x = AsyncContext.Variable(t.host, name: "x"), y = AsyncContext.Variable(t.host, name: "y", defaultValue: "dy")
        t.host.run {
            let snapshot: AsyncContext.Snapshot<S> = x.run(1) { y.run(2) { AsyncContext.Snapshot(t.host) } }
            x.run(3) {
                snapshot.run { t.see("x", x.get()); t.see("y", y.get()) }
                t.see("x-after", x.get()); t.see("y-after", y.get())
            }
        }
        // Hooks: y.run's restore left `undefined` on the top-level resource
        // (Node 24 --no-async-context-frame); Node 20 ignores defaultValue.
        return t.per(hooks: ["x=1", "y=2", "x-after=3", "y-after=undefined"],
                     promiseHooks: ["x=1", "y=2", "x-after=3", "y-after=dy"],
                     frames: ["x=1", "y=2", "x-after=3", "y-after=dy"])
    }
}

// MARK: Rule 10: EventEmitter

/// Rule 10. Node docs (events are synchronous; EventEmitterAsyncResource exists
/// to change that); node test-async-local-storage-http.js (listener reads the
/// request's store at emit time).
enum EmitterEmitTimeContext: Scenario {
    static let source = "node test-async-local-storage-http.js; Node docs events.EventEmitterAsyncResource"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage()
        let emitter = EventEmitter()
        t.host.run {
            a.run("registered") { emitter.on("ev") { _ in t.see("listener", a.getStore()) } }
            try a.run("emit1") { try emitter.emit("ev") }
            a.run("emit2") { t.host.setTimeout(1) { try emitter.emit("ev") } }
            // Bound listener: the EventEmitterAsyncResource style opt-in.
            let bound: () throws -> Void = a.run("bound") { AsyncLocalStorage<S>.bind(t.host) { t.see("bound-listener", a.getStore()) } }
            emitter.on("ev2") { _ in try bound() }
            try a.run("emit3") { try emitter.emit("ev2") }
        }
        return ["listener=emit1", "bound-listener=bound", "listener=emit2"]
    }
}

// MARK: Rule 12: depth

/// Rule 12. node test/parallel/test-async-local-storage-deep-stack.js.
enum DeepNesting: Scenario {
    static let source = "node test/parallel/test-async-local-storage-deep-stack.js"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage(), b = t.storage("b")
        var mismatches = 0
        func nest(_ level: Int) {
            if level > 1000 {
                t.host.setTimeout(1) { t.see("deepest-timer", a.getStore()); t.see("b", b.getStore()) }
                return
            }
            a.run(.number(Double(level))) {
                if a.getStore() != .number(Double(level)) { mismatches += 1 }
                nest(level + 1)
                if a.getStore() != .number(Double(level)) { mismatches += 1 }
            }
        }
        t.host.run {
            b.run("b") { nest(1) }
            t.see("mismatches", .number(Double(mismatches)))
            t.see("after", a.getStore())
        }
        return ["mismatches=0", "after=undefined", "deepest-timer=1000", "b=b"]
    }
}

// MARK: Errors, uncaught exceptions

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

// MARK: Known divergences (brief section 4)

/// nodejs/node#46262: the unhandledRejection handler's context. Hooks
/// (Node ≤ 22, --no-async-context-frame): the promise's creation context.
/// Frames (workerd, Node 24 default): the context at rejection. OTel's
/// AsyncHooksContextManager: the promise's entry is deleted at promiseResolve
/// and Node emits no `before` for the handler, so root.
enum UnhandledRejectionCreationVsRejection: Scenario {
    static let source = "nodejs/node#46262; node lib/internal/process/promises.js"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage()
        t.host.onUnhandledRejection = { reason, _ in t.see("handler", a.getStore()) }
        t.host.run {
            let r: PromiseResolvers<S> = a.run("creation") { t.host.withResolvers() }
            a.run("rejection") { t.host.setTimeout(1) { r.reject("x") } }
        }
        return [t.perRejectionContext(creation: "handler=creation", root: "handler=undefined", rejection: "handler=rejection")]
    }
}

/// nodejs/node#48480: `enterWith(v); disable(); run(w, …)`. Hooks: the run
/// re-enables the storage and restores the stale `v` still on the resource.
/// Node 24 frames: disable deleted the key, run restores `undefined`.
/// workerd: enterWith/disable unsupported.
enum EnterWithDisableRun: Scenario {
    static let source = "nodejs/node#48480; workerd api/node/async-hooks.h (enterWith/disable not implemented)"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage()
        t.host.run {
            t.host.setImmediate {
                attempt(t) { try a.enterWith("v") }
                attempt(t) { try a.disable() }
                t.see("disabled", a.getStore())
                a.run("w") { t.see("inside", a.getStore()) }
                t.see("after", a.getStore())
            }
        }
        return t.per(hooks: ["disabled=undefined", "inside=w", "after=v"],
                     frames: ["unsupported", "unsupported", "disabled=undefined", "inside=w", "after=undefined"],
                     slot: ["disabled=undefined", "inside=w", "after=undefined"])
    }
}

/// node test/async-hooks/test-async-local-storage-enter-with.js: enterWith in
/// an immediate reaches a timer created after it, not one created before.
enum EnterWithPropagates: Scenario {
    static let source = "node test-async-local-storage-enter-with.js; workerd (no enterWith)"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage()
        t.host.run {
            t.host.setImmediate {
                attempt(t) { try a.enterWith("store") }
                t.see("immediate", a.getStore())
                t.host.setTimeout(10) { t.see("timer-after", a.getStore()) }
            }
            t.host.setTimeout(10) { t.see("timer-before", a.getStore()) }
        }
        return t.per(hooks: ["immediate=store", "timer-before=undefined", "timer-after=store"],
                     frames: ["unsupported", "immediate=undefined", "timer-before=undefined", "timer-after=undefined"],
                     slot: ["immediate=store", "timer-before=undefined", "timer-after=store"])
    }
}

/// node test/async-hooks/test-async-local-storage-enable-disable.js (and its
/// -frame variant): disable hides the store, also from continuations created
/// before it; exit does not re-enable; run does.
enum DisableThenRun: Scenario {
    static let source = "node test-async-local-storage-enable-disable.js, -enable-disable-frame.js; workerd (no disable)"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage()
        t.host.run {
            a.run("m") {
                t.host.nextTick {
                    t.see("tick", a.getStore())
                    t.host.nextTick { t.see("created-before-disable", a.getStore()) }
                    attempt(t) { try a.disable() }
                    t.see("disabled", a.getStore())
                    a.exit { t.see("exit", a.getStore()) }
                    t.see("after-exit", a.getStore())
                    t.host.nextTick {
                        t.see("created-after-disable", a.getStore())
                        a.run("again") { t.see("run-again", a.getStore()) }
                    }
                }
            }
        }
        return t.per(hooks: ["tick=m", "disabled=undefined", "exit=undefined", "after-exit=undefined",
                             "created-before-disable=undefined", "created-after-disable=undefined", "run-again=again"],
                     frames: ["tick=m", "unsupported", "disabled=m", "exit=undefined", "after-exit=m",
                              "created-before-disable=m", "created-after-disable=m", "run-again=again"],
                     slot: ["tick=m", "disabled=undefined", "exit=undefined", "after-exit=undefined",
                            "created-before-disable=undefined", "created-after-disable=undefined", "run-again=again"])
    }
}

/// Disable then a later enable: values copied onto resources before disable
/// come back under hooks (nodejs/node#48480's root cause); the frame slot
/// deleted the key from the shared frame, so they are gone.
enum StaleValueAfterReenable: Scenario {
    static let source = "nodejs/node#48480; node lib/internal/async_local_storage/async_hooks.js (_propagate keeps stale values)"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage(), b = t.storage("b")
        t.host.run {
            a.run("old") {
                t.host.setTimeout(2) { t.see("timer", a.getStore()) }
                attempt(t) { try a.disable() }
            }
            // Re-enable through a run on the same storage in another callback.
            t.host.setTimeout(1) { a.run("new") { t.see("reenabled", a.getStore()) }; b.run(1) {} }
        }
        return t.per(hooks: ["reenabled=new", "timer=old"],
                     frames: ["unsupported", "reenabled=new", "timer=old"],
                     slot: ["reenabled=new", "timer=undefined"])
    }
}

/// Node 24 frame ALS and workerd implement exit as run(undefined), so with
/// a defaultValue getStore() is undefined inside exit; the hooks ALS disables
/// the storage and getStore() gives the default (and after the run, whose
/// restore assigned `undefined`, no longer does: issue 18).
enum ExitWithDefaultValue: Scenario {
    static let source = "node lib/internal/async_local_storage/{async_hooks,async_context_frame}.js; workerd api/node/async-hooks.c++ (exit)"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage(defaultValue: "default")
        t.host.run {
            t.see("top", a.getStore())
            a.run("x") { a.exit { t.see("exit", a.getStore()) } }
            t.see("after", a.getStore())
        }
        // Node 24 hooks: run's restore leaves a present `undefined`, so `after`
        // no longer sees the default (probe run on v24.19 --no-async-context-frame).
        // Node 20: no defaultValue option at all.
        return t.per(hooks: ["top=default", "exit=default", "after=undefined"],
                     hooks20: ["top=undefined", "exit=undefined", "after=undefined"],
                     promiseHooks: ["top=default", "exit=default", "after=default"],
                     frames: ["top=default", "exit=undefined", "after=default"])
    }
}

/// test262 built-ins/AsyncContext/Variable: defaultValue, name, get outside
/// and inside run; Node 24 ALS `defaultValue` and `name` options.
enum VariableDefaultAndName: Scenario {
    static let source = "test262 built-ins/AsyncContext/Variable/prototype/{get,name,run}; node ALS defaultValue option; node v24.19/v20.20 probes"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let v = AsyncContext.Variable(t.host, name: "tenant", defaultValue: 0)
        t.host.run {
            t.note("name=\(v.name)")
            t.see("default", v.get())
            v.run(5) {
                t.see("run", v.get())
                t.host.setTimeout(1) { t.see("timer", v.get()) }
            }
            t.see("after", v.get())
            t.host.setTimeout(2) { t.see("top-timer", v.get()) }
        }
        // Node 24 hooks: after v.run the top-level resource holds a present
        // `undefined` (run restores by assignment), so the default is gone
        // there and on the timer created from it; Node 20 has no options.
        // Checked on v24.19 (both modes) and v20.20 (issue 18).
        return t.per(hooks: ["name=tenant", "default=0", "run=5", "after=undefined", "timer=5", "top-timer=undefined"],
                     hooks20: ["name=", "default=undefined", "run=5", "after=undefined", "timer=5", "top-timer=undefined"],
                     promiseHooks: ["name=tenant", "default=0", "run=5", "after=0", "timer=5", "top-timer=0"],
                     frames: ["name=tenant", "default=0", "run=5", "after=0", "timer=5", "top-timer=0"])
    }
}

/// Stores are any value, compared by identity: an object store is the same object after propagation.
/// node test-async-local-storage-misc-stores.js.
enum ObjectStoresByIdentity: Scenario {
    static let source = "node test-async-local-storage-misc-stores.js"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage()
        let store = JSArray(["req"])
        t.host.run {
            a.run(.object(store)) {
                t.host.setImmediate {
                    let same = a.getStore().objectValue === store
                    t.note("same-object=\(same)")
                    store.elements.append("mutated")
                }
                t.host.setTimeout(1) { t.see("sees-mutation", a.getStore()) }
            }
        }
        return ["same-object=true", "sees-mutation=req,mutated"]
    }
}

/// Rule 6 (isolation), small: node test/parallel/test-async-local-storage-http-multiclients.js.
enum InterleavedRequests: Scenario {
    static let source = "node test/parallel/test-async-local-storage-http-multiclients.js"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage()
        var wrong = 0
        t.host.run {
            for i in 0..<20 {
                let id = JSValue.number(Double(i))
                a.run(id) {
                    _ = t.host.async {
                        .awaiting(t.host.delay(Double(20 - i))) { _ in
                            if a.getStore() != id { wrong += 1 }
                            return .awaiting(t.host.delay(Double(i % 3 + 1))) { _ in
                                if a.getStore() != id { wrong += 1 }
                                t.host.nextTick { if a.getStore() != id { wrong += 1 } }
                                return .done
                            }
                        }
                    }
                }
            }
        }
        t.see("wrong", .number(Double(wrong)))
        t.see("top", a.getStore())
        return ["wrong=0", "top=undefined"]
    }
}

/// A run inside a then callback: its continuations see the run's value and
/// the callback sees its own context after it. tc39 proposal tests.
enum RunInsideThenCallback: Scenario {
    static let source = "tc39/proposal-async-context tests/async-context.test.ts (run within a continuation)"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage()
        t.host.run {
            _ = a.run("reg") {
                t.host.promiseResolve(1).then({ _ in
                    a.run("inner") {
                        t.host.setTimeout(1) { t.see("timer", a.getStore()) }
                        t.host.promiseResolve(2).then({ _ in t.see("inner-then", a.getStore()); return .undefined })
                    }
                    t.see("callback", a.getStore())
                    return .undefined
                })
            }
        }
        return ["callback=reg", "inner-then=inner", "timer=inner"]
    }
}

/// A timer set inside runInAsyncScope captures the resource's context.
/// node test/async-hooks/test-async-local-storage-run-resource.js.
enum TimerInsideAsyncScope: Scenario {
    static let source = "node test-async-local-storage-run-resource.js"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage()
        t.host.run {
            let resource: AsyncResource<S> = a.run("res") { AsyncResource(t.host) }
            a.run("caller") {
                resource.runInAsyncScope {
                    t.host.setTimeout(1) { t.see("timer", a.getStore()) }
                    t.host.promiseResolve(0).then({ _ in t.see("then", a.getStore()); return .undefined })
                }
                t.see("caller", a.getStore())
            }
            resource.emitDestroy()
        }
        return ["caller=caller", "then=res", "timer=res"]
    }
}

/// Promise.any and allSettled register at call time too. ECMA-262 §27.2.4.
enum AnyAndAllSettled: Scenario {
    static let source = "ECMA-262 Promise.any/allSettled; node test-async-local-storage-promises.js"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage()
        t.host.run {
            let bad: JSPromise<S> = a.run("bad") { t.host.newPromise { r in t.host.setTimeout(1) { r.reject("no") } } }
            let good: JSPromise<S> = a.run("good") { t.host.delay(2, "yes") }
            a.run("any") { t.host.any([.object(bad), .object(good)]).then({ v in t.see("any", a.getStore()); t.see("v", v); return .undefined }) }
            a.run("settled") { t.host.allSettled([.object(bad), .object(good)]).then({ v in t.see("settled", a.getStore()); t.see("r", v); return .undefined }) }
        }
        return ["any=any", "v=yes", "settled=settled", "r=rejected:no,fulfilled:yes"]
    }
}

/// getStore() outside any run and with no storage ever run: undefined everywhere
/// (a storage never used costs the hooks design but is still empty).
/// node test-async-local-storage-gcable.js / -args.js (fresh storage).
enum FreshStorageEmpty: Scenario {
    static let source = "node test-async-local-storage-args.js; test262 Variable/prototype/get (default)"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage(), b = t.storage("b")
        t.host.run {
            t.see("a", a.getStore())
            b.run(1) { t.host.setTimeout(1) { t.see("a-in-timer", a.getStore()); t.see("b-in-timer", b.getStore()) } }
            t.host.promiseResolve(1).then({ _ in t.see("a-in-then", a.getStore()); return .undefined })
        }
        return ["a=undefined", "a-in-then=undefined", "a-in-timer=undefined", "b-in-timer=1"]
    }
}

/// A storage created after continuations were scheduled: those continuations
/// see nothing for it, and runs on it work inside them.
/// node test-async-local-storage-require-order-1.js (storage created late).
enum StorageCreatedLate: Scenario {
    static let source = "node test-async-local-storage-require-order-1.js, -require-order-2.js"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        var late: AsyncLocalStorage<S>?
        let a = t.storage()
        t.host.run {
            a.run("a") {
                t.host.setTimeout(1) {
                    let l = late!
                    t.see("late", l.getStore())
                    l.run("L") { t.host.setTimeout(1) { t.see("late-timer", l.getStore()); t.see("a", a.getStore()) } }
                }
            }
            late = t.storage("late")
        }
        return ["late=undefined", "late-timer=L", "a=a"]
    }
}

/// Snapshot taken before any run, called inside one: the callback sees the
/// empty context. tc39 tests (snapshot of the root context).
enum RootSnapshot: Scenario {
    static let source = "tc39/proposal-async-context tests/async-context.test.ts (snapshot of empty context)"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage()
        t.host.run {
            let root = AsyncContext.Snapshot(t.host)
            a.run("x") {
                root.run {
                    t.see("root", a.getStore())
                    t.host.setTimeout(1) { t.see("timer-from-root", a.getStore()) }
                }
                t.see("back", a.getStore())
            }
        }
        return ["root=undefined", "back=x", "timer-from-root=undefined"]
    }
}

/// The same value run twice (Object.is short-circuit in Node) is observably
/// a plain run. node async_hooks.js / async_context_frame.js `ObjectIs` fast path.
enum RunWithSameValue: Scenario {
    static let source = "node lib/internal/async_local_storage/*.js (ObjectIs short-circuit)"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage()
        t.host.run {
            a.run("s") {
                a.run("s") { t.host.setTimeout(1) { t.see("timer", a.getStore()) }; t.see("inner", a.getStore()) }
                t.see("outer", a.getStore())
            }
            a.run(.undefined) { t.see("undefined-run", a.getStore()) }
        }
        return ["inner=s", "outer=s", "undefined-run=undefined", "timer=s"]
    }
}

/// A `run` inside `exit` of the same storage. The async_hooks ALS's `run`
/// calls `_enable()`, undoing `exit`'s disable for the rest of the exit body,
/// so the outer store (still on the execution resource) is visible again and
/// is copied onto resources created there. Frame designs (Node 24 default,
/// workerd) and the context-manager model keep `undefined`.
/// Source: nodejs/node lib/internal/async_local_storage/async_hooks.js
/// (`exit` = disable/try/finally enable; `run` = `_enable()` then write).
enum RunInsideExitReenables: Scenario {
    static let source = "node lib/internal/async_local_storage/async_hooks.js (exit, run, _enable); found by the differential test"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage()
        t.host.run {
            a.run("outer") {
                a.exit {
                    t.see("exit", a.getStore())
                    a.run("inner") { t.see("inner", a.getStore()) }
                    t.see("exit-after-run", a.getStore())
                    t.host.setTimeout(1) { t.see("timer", a.getStore()) }
                }
                t.see("after-exit", a.getStore())
            }
        }
        return t.per(hooks: ["exit=undefined", "inner=inner", "exit-after-run=outer", "after-exit=outer", "timer=outer"],
                     promiseHooks: ["exit=undefined", "inner=inner", "exit-after-run=undefined", "after-exit=outer", "timer=undefined"],
                     frames: ["exit=undefined", "inner=inner", "exit-after-run=undefined", "after-exit=outer", "timer=undefined"])
    }
}

/// Every registered scenario (for the divergence matrix and the count).
let allScenarios: [any Scenario.Type] = [
    RunReturnsAndRestores.self, RunRestoresOnThrow.self, NestedRuns.self, TwoStoragesIndependent.self,
    ExitInsideRun.self, ExitOutsideRunThenRun.self, ExitOneStorageOnly.self,
    TimeoutCreationContext.self, IntervalEveryTick.self, ImmediateCreationContext.self,
    NextTickCreationContext.self, QueueMicrotaskCreationContext.self,
    ThenSeesRegistrationContext.self, ThenOutsideRunOnPromiseFromRun.self, CatchOutsideRun.self,
    ChainLinksSeeRegistration.self, FinallySeesRegistration.self, CombinatorsSeeCallContext.self,
    EnterWithInThenDoesNotLeak.self,
    AwaitKeepsContext.self, ConcurrentAsyncFunctions.self, RunReturnsPromise.self, RunAfterAwait.self,
    AwaitRejectionCaught.self,
    AwaitThenable.self, ReturnThenableFromAsync.self, PromiseResolveThenable.self, ThenableFromThenHandler.self,
    ResolveWithNativePromise.self,
    BindCapturesContext.self, SnapshotRunsInCapturedContext.self, SnapshotWrapRestoresOnThrow.self,
    AsyncResourceScopes.self, SnapshotCapturesAllVariables.self,
    EmitterEmitTimeContext.self, DeepNesting.self,
    UncaughtExceptionContext.self, UnhandledRejectionSameContext.self,
    UnhandledRejectionCreationVsRejection.self, EnterWithDisableRun.self, EnterWithPropagates.self,
    DisableThenRun.self, StaleValueAfterReenable.self, ExitWithDefaultValue.self,
    VariableDefaultAndName.self, ObjectStoresByIdentity.self, InterleavedRequests.self,
    RunInsideThenCallback.self, TimerInsideAsyncScope.self, AnyAndAllSettled.self,
    FreshStorageEmpty.self, StorageCreatedLate.self, RootSnapshot.self, RunWithSameValue.self,
    RunInsideExitReenables.self,
] + releaseAndAPIScenarios
