import XCTest
import HostRuntime
import ContextStrategies

// Scenarios added with the frame-representation variants (issue 8): they pin
// where restoring a run by pointer (slot-hashmap-copy, slot-array-copy,
// slot-linked, slot-persistent: the TC39 proposal's and workerd's `run`)
// observably differs from Node 24's `enterWith(prior)` restore (which
// continuation-slot and slot-cow implement), and that `disable` reaches
// exactly the current frame object in every representation.

/// Node 24's `run` restores with `enterWith(prior)` on the frame current at the
/// end of the body, so an `enterWith` of *another* storage inside the body
/// survives the run. A pointer restore drops it.
enum EnterWithInsideRunOfAnotherStorage: Scenario {
    static let source = "node lib/internal/async_local_storage/async_context_frame.js (run: enterWith(prior) in finally); tc39 proposal-async-context (run restores the previous mapping)"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage(), b = t.storage("b")
        t.host.run {
            t.host.setImmediate {
                a.run("x") {
                    attempt(t) { try b.enterWith("entered") }
                    t.see("inside", b.getStore())
                }
                t.see("after", b.getStore())
            }
        }
        // Hooks: run saves and restores only its own key, so b's write on the
        // resource survives; the OTel-style manager restores the whole context.
        return t.per(hooks: ["inside=entered", "after=entered"], promiseHooks: ["inside=entered", "after=undefined"],
                     frames: ["unsupported", "inside=undefined", "after=undefined"],
                     slot: ["inside=entered", "after=entered"],
                     pointerRestore: ["inside=entered", "after=undefined"])
    }
}

/// After a run, Node 24's slot holds a new frame (the restore copy), so a
/// `disable` there does not reach a continuation captured before the run. A
/// pointer restore brings back the very frame that continuation holds.
enum DisableAfterRunAndEarlierCapture: Scenario {
    static let source = "node lib/internal/async_context_frame.js (disable deletes from current() only); brief 2.4"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage(), b = t.storage("b")
        t.host.run {
            t.host.setImmediate {
                attempt(t) { try a.enterWith("v") }
                t.host.setTimeout(1) { t.see("timer", a.getStore()) }
                b.run(1) {}
                attempt(t) { try a.disable() }
                t.see("after", a.getStore())
            }
        }
        // Hooks: disable is global (the storage leaves the propagation list).
        return t.per(hooks: ["after=undefined", "timer=undefined"],
                     frames: ["unsupported", "unsupported", "after=undefined", "timer=undefined"],
                     slot: ["after=undefined", "timer=v"],
                     pointerRestore: ["after=undefined", "timer=undefined"])
    }
}

/// `disable` deletes from the current frame object only: continuations that
/// captured it see the deletion, frames made from it before do not (in Node
/// they are copies; in slot-linked they share the parent node, in
/// slot-persistent its subtrees), frames made from it after do.
enum DisableReachesOnlyTheCurrentFrame: Scenario {
    static let source = "node lib/internal/async_context_frame.js (disable: current()?.delete(store)); brief 2.4"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        // Hooks: disable is global, so even frames made before it lose the value.
        let a = t.storage(), b = t.storage("b"), c = t.storage("c")
        t.host.run {
            t.host.setImmediate {
                c.run("c") {
                    a.run("x") {
                        b.run("y") { t.host.setTimeout(2) { t.see("made-before", a.getStore()); t.see("made-before-c", c.getStore()) } }
                        t.host.setTimeout(1) { t.see("captured", a.getStore()); t.see("captured-b", b.getStore()) }
                        attempt(t) { try a.disable() }
                        attempt(t) { try c.disable() }
                        t.see("disabled", a.getStore())
                        b.run("z") {
                            t.see("made-after", a.getStore())
                            t.see("made-after-b", b.getStore())
                            t.see("made-after-c", c.getStore())
                        }
                    }
                }
            }
        }
        return t.per(hooks: ["disabled=undefined", "made-after=undefined", "made-after-b=z", "made-after-c=undefined",
                             "captured=undefined", "captured-b=undefined", "made-before=undefined", "made-before-c=undefined"],
                     frames: ["unsupported", "unsupported", "disabled=x", "made-after=x", "made-after-b=z", "made-after-c=c",
                              "captured=x", "captured-b=undefined", "made-before=x", "made-before-c=c"],
                     slot: ["disabled=undefined", "made-after=undefined", "made-after-b=z", "made-after-c=undefined",
                            "captured=undefined", "captured-b=undefined", "made-before=x", "made-before-c=c"])
    }
}

let frameVariantScenarios: [any Scenario.Type] = [
    EnterWithInsideRunOfAnotherStorage.self, DisableAfterRunAndEarlierCapture.self, DisableReachesOnlyTheCurrentFrame.self,
]

final class FrameVariantScenarioTests: XCTestCase {
    func testEnterWithInsideRunOfAnotherStorage() { checkScenario(EnterWithInsideRunOfAnotherStorage.self) }
    func testDisableAfterRunAndEarlierCapture() { checkScenario(DisableAfterRunAndEarlierCapture.self) }
    func testDisableReachesOnlyTheCurrentFrame() { checkScenario(DisableReachesOnlyTheCurrentFrame.self) }

    struct LogVisitor: StrategyVisitor {
        let scenario: any Scenario.Type
        func visit<S: ContextStrategy>(_ type: S.Type) -> [String] {
            let t = Probe<S>()
            _ = try? scenario.check(t)
            return t.log
        }
    }

    /// Every variant observes exactly what continuation-slot observes in every
    /// scenario, except the pointer-restore scenarios above for the variants
    /// that restore by pointer (documented there).
    func testVariantsObserveWhatContinuationSlotObserves() {
        let pointerRestoreDifferences: Set<String> = ["EnterWithInsideRunOfAnotherStorage", "DisableAfterRunAndEarlierCapture"]
        var compared = 0
        for scenario in allScenarios + frameVariantScenarios {
            let name = String(describing: scenario)
            let slotLog = StrategyRegistry.visit(id: ContinuationSlot.id, LogVisitor(scenario: scenario))!
            for id in StrategyRegistry.frameVariantIDs {
                let log = StrategyRegistry.visit(id: id, LogVisitor(scenario: scenario))!
                let pointer = StrategyRegistry.profile(for: id)?.semantics?.runRestore == .byPointer
                if pointer && pointerRestoreDifferences.contains(name) {
                    XCTAssertNotEqual(log, slotLog, "\(name) [\(id)]: expected the documented pointer-restore difference")
                } else {
                    XCTAssertEqual(log, slotLog, "\(name) [\(id)]")
                }
                compared += 1
            }
        }
        XCTAssertEqual(compared, (allScenarios.count + frameVariantScenarios.count) * StrategyRegistry.frameVariantIDs.count)
        XCTAssertFalse(StrategyRegistry.frameVariantIDs.isEmpty)
    }
}
