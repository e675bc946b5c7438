import XCTest
import HostRuntime
import ContextStrategies

// Conformance scenarios, rule 9: bind, snapshots, AsyncResource.

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
