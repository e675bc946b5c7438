import XCTest
import HostRuntime
import ContextStrategies

// Conformance scenarios, rule 4: non-promise callbacks (timers, immediates,
// nextTick, queueMicrotask) see their creation context.

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
