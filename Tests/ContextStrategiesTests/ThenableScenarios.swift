import XCTest
import HostRuntime
import ContextStrategies

// Conformance scenarios, rule 7: non-native thenables.

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
