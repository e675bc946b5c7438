import XCTest
import HostRuntime
import ContextStrategies

// Deterministic cost pins for the frame-representation variants (issue 8):
// counters only, never time.

/// Nests `run`s of all k storages (values 1…k), then calls `body`.
private func nested<S: ContextStrategy>(_ s: S, _ keys: [StorageKey], _ i: Int = 0, _ body: () -> Void) {
    if i == keys.count { return body() }
    s.run(keys[i], .number(Double(i + 1))) { nested(s, keys, i + 1, body) }
}

/// The per-operation counters of one variant with k storages holding a value.
private func perOperation(_ id: String, k: Int, _ operation: PerOperationCost.Operation) -> StrategyCounters {
    StrategyRegistry.visit(id: id, PerOperationCost(k: k, operation: operation))!
}

final class FrameVariantCostTests: XCTestCase {
    /// Continuations cost nothing in every variant: one captured pointer per
    /// record, no frame, no copy, no wrapper, no hook call.
    func testContinuationsCostNothing() {
        for id in StrategyRegistry.frameVariantIDs {
            for operation in [PerOperationCost.Operation.awaitValue, .then, .timeout] {
                for k in [1, 10, 100] {
                    var c = perOperation(id, k: k, operation)
                    if id == SlotCOW.id {
                        // The first capture freezes the mapping, so the enclosing runs'
                        // restores clone it once (k entries) however many
                        // continuations there were: k / n per operation, rounded down.
                        XCTAssertEqual(c.entriesCopied, k / PerOperationCost.n, "\(id) \(operation) k=\(k)")
                        c.entriesCopied = 0
                    }
                    XCTAssertEqual(c, StrategyCounters(), "\(id) \(operation) k=\(k)")
                }
            }
        }
    }

    /// What one value-changing `run` costs, per representation, with k storages bound.
    func testRunCostPerRepresentation() {
        var lines = ["| variant | k | framesCreated | entriesCopied |", "|---|---|---|---|"]
        for k in [1, 8, 10, 64, 100] {
            for id in StrategyRegistry.frameVariantIDs {
                let c = perOperation(id, k: k, .run)
                lines.append("| \(id) | \(k) | \(c.framesCreated) | \(c.entriesCopied) |")
                XCTAssertEqual(c.hookCalls, 0); XCTAssertEqual(c.wrappersAllocated, 0); XCTAssertEqual(c.sideTableSize, 0)
                switch id {
                case SlotHashMapCopy.id, SlotArrayCopy.id:
                    // One copy of the k entries (continuation-slot makes two).
                    XCTAssertEqual(c.framesCreated, 1, "\(id) k=\(k)")
                    XCTAssertEqual(c.entriesCopied, k, "\(id) k=\(k)")
                case SlotLinked.id:
                    // One binding node; nothing copied, whatever k is.
                    XCTAssertEqual(c.framesCreated, 1, "\(id) k=\(k)")
                    XCTAssertEqual(c.entriesCopied, 0, "\(id) k=\(k)")
                case SlotPersistent.id:
                    // The root-to-leaf path of storage 0: ≤ 8 slots per level, ⌈log₈ k⌉ levels.
                    let expected = [1: 1, 8: 8, 10: 2 + 8, 64: 8 + 8, 100: 2 + 8 + 8][k]!
                    XCTAssertEqual(c.framesCreated, 1, "\(id) k=\(k)")
                    XCTAssertEqual(c.entriesCopied, expected, "\(id) k=\(k)")
                    var levels = 1
                    while 1 << (3 * levels) < k { levels += 1 }
                    XCTAssertLessThanOrEqual(c.entriesCopied, 8 * levels)
                case SlotCOW.id:
                    // Nothing captured the mapping: run and its restore mutate it in place.
                    XCTAssertEqual(c.framesCreated, 0, "\(id) k=\(k)")
                    XCTAssertEqual(c.entriesCopied, 0, "\(id) k=\(k)")
                default: XCTFail("unpinned variant \(id)")
                }
            }
        }
        print("Run cost per representation:\n" + lines.joined(separator: "\n"))
    }

    /// Frames per run do not depend on the continuations inside it; same-value
    /// runs short-circuit (Node's `Object.is` check) in every variant.
    func testFramesPerRunIndependentOfContinuations() {
        struct V: StrategyVisitor {
            let continuations: Int
            func visit<S: ContextStrategy>(_ type: S.Type) -> StrategyCounters {
                costWorkload(S.self, k: 3, runs: 30, continuations: continuations, sameValueRuns: 2).0.counters
            }
        }
        for continuations in [1, 10, 200] {
            for id in StrategyRegistry.frameVariantIDs {
                let c = StrategyRegistry.visit(id: id, V(continuations: continuations))!
                XCTAssertEqual(c.wrappersAllocated, 0); XCTAssertEqual(c.hookCalls, 0)
                if id == SlotCOW.id {
                    // The body's continuations freeze the mapping, so each restore
                    // clones once; the next run mutates that clone in place. The
                    // first run creates the first mapping.
                    XCTAssertEqual(c.framesCreated, 30 + 1, "\(id) continuations=\(continuations)")
                } else {
                    XCTAssertEqual(c.framesCreated, 30, "\(id) continuations=\(continuations)")
                }
            }
        }
    }

    /// slot-cow copies only when a capture froze the mapping.
    func testCowCopiesOnlyWhenCaptured() {
        let k = 5
        // No capture: any number of runs mutate one mapping in place.
        do {
            let s = SlotCOW()
            let keys = (0..<k).map { s.makeStorage(name: "\($0)") }
            nested(s, keys) { for i in 0..<100 { s.run(keys[i % k], .number(Double(1000 + i))) {} } }
            XCTAssertEqual(s.counters.framesCreated, 1, "only the first mapping")
            XCTAssertEqual(s.counters.entriesCopied, 0)
        }
        // A capture between runs: each run clones the frozen mapping once (k entries).
        do {
            let s = SlotCOW()
            let keys = (0..<k).map { s.makeStorage(name: "\($0)") }
            nested(s, keys) {
                let before = s.counters
                for i in 0..<100 {
                    XCTAssertNotNil(s.initResource(.timeout))
                    s.run(keys[i % k], .number(Double(1000 + i))) {}
                }
                XCTAssertEqual(s.counters.framesCreated - before.framesCreated, 100)
                XCTAssertEqual(s.counters.entriesCopied - before.entriesCopied, 100 * k)
            }
        }
        // A capture inside the body: the restore clones once.
        do {
            let s = SlotCOW()
            let keys = (0..<k).map { s.makeStorage(name: "\($0)") }
            nested(s, keys) {
                let before = s.counters
                s.run(keys[0], 99) { _ = s.initReaction(derived: nil) }
                XCTAssertEqual(s.counters.framesCreated - before.framesCreated, 1)
                XCTAssertEqual(s.counters.entriesCopied - before.entriesCopied, k)
            }
        }
        // Promises capture nothing, so they do not freeze.
        do {
            let s = SlotCOW()
            let a = s.makeStorage(name: "a")
            s.run(a, 1) {
                XCTAssertNil(s.initResource(.promise))
                XCTAssertEqual(s.currentFrame?.frozen, false)
                _ = s.initResource(.immediate)
                XCTAssertEqual(s.currentFrame?.frozen, true)
            }
        }
    }

    /// slot-linked: run pushes one node on its parent (depth grows by one per
    /// nested run), nothing copied, and the restore is a pointer store.
    func testLinkedPushesOneNodePerRun() {
        for k in [1, 8, 64] {
            let s = SlotLinked()
            let keys = (0..<k).map { s.makeStorage(name: "\($0)") }
            nested(s, keys) {
                XCTAssertEqual(s.currentFrame?.depth, k)
                let frame = s.currentFrame
                s.run(keys[0], 1234) { XCTAssertTrue(s.currentFrame?.parent === frame) }
                XCTAssertTrue(s.currentFrame === frame, "restored by pointer")
                for (i, key) in keys.enumerated() { XCTAssertEqual(s.getStore(key), .number(Double(i + 1))) }
            }
            XCTAssertNil(s.currentFrame)
            XCTAssertEqual(s.counters.framesCreated, k + 1)
            XCTAssertEqual(s.counters.entriesCopied, 0)
        }
    }

    /// Nested runs of k storages: total entries copied per representation.
    func testNestedRunsCopies() {
        for k in [1, 4, 16, 64] {
            func total<S: ContextStrategy>(_ s: S) -> StrategyCounters {
                let keys = (0..<k).map { s.makeStorage(name: "\($0)") }
                nested(s, keys) {}
                return s.counters
            }
            XCTAssertEqual(total(SlotHashMapCopy()).entriesCopied, k * (k - 1) / 2, "k=\(k)")
            XCTAssertEqual(total(SlotArrayCopy()).entriesCopied, k * (k - 1) / 2, "k=\(k)")
            XCTAssertEqual(total(SlotLinked()).entriesCopied, 0, "k=\(k)")
            XCTAssertEqual(total(SlotCOW()).entriesCopied, 0, "k=\(k): nothing captured")
            XCTAssertEqual(total(SlotCOW()).framesCreated, 1, "k=\(k)")
            let persistent = total(SlotPersistent())
            XCTAssertEqual(persistent.framesCreated, k)
            XCTAssertLessThanOrEqual(persistent.entriesCopied, k * 16, "k=\(k): ≤ 2 levels of ≤ 8 slots per run")
        }
    }

    /// What a record captures is the slot's frame itself: one pointer, no copy.
    func testVariantsCaptureTheFrameItself() {
        struct V: StrategyVisitor {
            func visit<S: ContextStrategy>(_ type: S.Type) -> Bool {
                let s = S()
                let a = s.makeStorage(name: "a")
                var ok = MemoryLayout<S.Captured?>.size == MemoryLayout<Int>.size
                s.run(a, 1) {
                    let frame = (s as! SlotCarriedInspectable).currentFrameObject
                    for kind in ResourceKind.allCases where kind != .promise { ok = ok && s.initResource(kind) === frame }
                    ok = ok && s.initReaction(derived: nil) === frame && s.initResource(.promise) == nil
                }
                return ok && s.counters.wrappersAllocated == 0
            }
        }
        for id in StrategyRegistry.frameVariantIDs { XCTAssertTrue(StrategyRegistry.visit(id: id, V())!, id) }
    }

    /// After the loop drains, pointer-restoring variants are back at the root
    /// frame; slot-cow, like Node, keeps a mapping whose entries are the priors.
    func testTopLevelAfterDrain() {
        struct V: StrategyVisitor {
            func visit<S: ContextStrategy>(_ type: S.Type) -> AnyObject? {
                var w = LeakWorkload<S>()
                w.run()
                return (w.host.strategy as! SlotCarriedInspectable).currentFrameObject
            }
        }
        for id in [SlotHashMapCopy.id, SlotArrayCopy.id, SlotLinked.id, SlotPersistent.id] {
            XCTAssertNil(StrategyRegistry.visit(id: id, V())!, id)
        }
        var cow = LeakWorkload<SlotCOW>()
        cow.run()
        let values = cow.host.strategy.currentFrame?.values ?? [:]
        XCTAssertTrue(values.values.allSatisfy { $0 == .undefined }, "\(values)")
    }

    /// The persistent trie grows past 8, 64 and 512 storages and shares what a
    /// run does not touch.
    func testPersistentTrieSharesAndGrows() {
        let s = SlotPersistent()
        let keys = (0..<600).map { s.makeStorage(name: "\($0)") }
        s.run(keys[599], 599) {
            s.run(keys[3], 3) {
                s.run(keys[70], 70) {
                    XCTAssertEqual(s.getStore(keys[599]), 599)
                    XCTAssertEqual(s.getStore(keys[3]), 3)
                    XCTAssertEqual(s.getStore(keys[70]), 70)
                    XCTAssertNil(s.getStore(keys[71]))
                    XCTAssertEqual(s.currentFrame?.shift, 9)
                    try? s.disable(keys[3])
                    XCTAssertNil(s.getStore(keys[3]))
                }
                XCTAssertEqual(s.getStore(keys[3]), 3, "disable reached only the current frame")
                XCTAssertNil(s.getStore(keys[70]))
            }
        }
        XCTAssertNil(s.currentFrame)
    }
}

final class LinkedChainTests: XCTestCase {
    /// A chain as long as a churn flow's runs is released without recursion,
    /// and a shared tail survives the release of one branch.
    func testLongChainReleasesIterativelyAndKeepsSharedTail() {
        let s = SlotLinked()
        let a = s.makeStorage(name: "a")
        var head: LinkedFrame?
        var counters = StrategyCounters()
        for i in 0..<1_000_000 { head = LinkedFrame.binding(head, a.index, .number(Double(i)), &counters) }
        var shared: LinkedFrame? = head
        for i in 0..<10 { head = LinkedFrame.binding(head, a.index, .number(Double(-i)), &counters) }
        weak var weakShared = shared
        head = nil
        XCTAssertNotNil(weakShared, "the tail another frame holds survives")
        XCTAssertEqual(shared?.value(at: a.index), .number(999_999))
        XCTAssertEqual(shared?.depth, 1_000_000)
        shared = nil
        XCTAssertNil(weakShared)
        _ = s
    }
}
