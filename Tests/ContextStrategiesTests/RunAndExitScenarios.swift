import XCTest
import HostRuntime
import ContextStrategies

// Conformance scenarios, rules 1-3 of the research brief: `run` returns and
// restores, nesting, several storages, `exit`.

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
