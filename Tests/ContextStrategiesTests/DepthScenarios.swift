import XCTest
import HostRuntime
import ContextStrategies

// Conformance scenarios, rule 12: deep nesting.

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
