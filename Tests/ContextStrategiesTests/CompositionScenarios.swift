import XCTest
import HostRuntime
import ContextStrategies

// Conformance scenarios combining mechanisms: object stores by identity,
// interleaved requests, runs inside reactions and async scopes, combinators.

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
