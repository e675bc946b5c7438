import XCTest
import HostRuntime
import ContextStrategies

// Conformance scenarios of a storage's life: fresh, created late, the root
// snapshot, re-running the same value, `run` inside `exit`.

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
