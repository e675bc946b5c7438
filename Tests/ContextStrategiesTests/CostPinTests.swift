import XCTest
import HostRuntime
import ContextStrategies

// Cost pins: deterministic counters, never time.

/// A fixed workload: `continuations` callbacks of mixed kinds inside each of
/// `runs` value-changing runs, under `k` storages.
func costWorkload<S: ContextStrategy>(_ type: S.Type, k: Int, runs: Int, continuations: Int,
                                      sameValueRuns: Int = 0) -> (S, HostCounters) {
    let host = Host(strategy: S())
    let storages = (0..<k).map { AsyncLocalStorage(host, name: "s\($0)") }
    host.run {
        for r in 0..<runs {
            storages[r % k].run(.number(Double(r + 1))) {
                for c in 0..<continuations {
                    switch c % 4 {
                    case 0: host.setTimeout(1) {}
                    case 1: host.promiseResolve(1).then({ $0 })
                    case 2: _ = host.async { .awaiting(1) { _ in .done } }
                    default: host.nextTick {}
                    }
                }
                for _ in 0..<sameValueRuns {
                    storages[r % k].run(.number(Double(r + 1))) {}
                }
            }
        }
    }
    return (host.strategy, host.counters)
}

final class CostPinTests: XCTestCase {
    /// hook-map-copy: every resource the init hook creates copies exactly k
    /// slots (k = enabled storages); the number of resources does not depend on k.
    func testHookMapCopyCopiesKEntriesPerResource() {
        var resourceCounts: Set<Int> = []
        for k in [1, 2, 5, 10, 50] {
            let (s, _) = costWorkload(HookMapCopy.self, k: k, runs: 20, continuations: 40)
            XCTAssertGreaterThan(s.resourcesCreated, 20 * 40)
            XCTAssertEqual(s.counters.entriesCopied, k * s.resourcesCreated, "k=\(k)")
            XCTAssertEqual(s.counters.hookCalls, s.resourcesCreated, "one init hook call per resource")
            resourceCounts.insert(s.resourcesCreated)
        }
        XCTAssertEqual(resourceCounts.count, 1, "resources per workload independent of k: \(resourceCounts)")
    }

    /// Disabled storages are not copied; with none enabled the hook does nothing.
    func testHookMapCopyDisabledStoragesCostNothing() throws {
        let host = Host(strategy: HookMapCopy())
        let a = AsyncLocalStorage(host, name: "a"), b = AsyncLocalStorage(host, name: "b")
        try b.disable()
        var before = host.strategy.counters
        var resources = host.strategy.resourcesCreated
        host.run { a.run(1) { host.setTimeout(1) {}; host.promiseResolve(1).then({ $0 }) } }
        XCTAssertEqual(host.strategy.counters.entriesCopied - before.entriesCopied,
                       host.strategy.resourcesCreated - resources, "only the enabled storage is copied")
        try a.disable()
        before = host.strategy.counters
        resources = host.strategy.resourcesCreated
        host.run { host.setTimeout(1) {}; host.promiseResolve(1).then({ $0 }) }
        XCTAssertEqual(host.strategy.resourcesCreated, resources, "no resource records while no storage is enabled")
        XCTAssertEqual(host.strategy.counters, before)
    }

    /// promise-hooks: callbacks per `then` reaction are 4 (init, before,
    /// promiseResolve, after) whatever k is; the side table ends empty.
    func testPromiseHooksCallbacksPerReactionConstantInK() {
        for k in [1, 5, 20, 100] {
            let host = Host(strategy: PromiseHooks())
            let storages = (0..<k).map { AsyncLocalStorage(host, name: "s\($0)") }
            var perReaction = -1
            host.run {
                func nest(_ i: Int, _ body: () -> Void) { if i == k { body() } else { storages[i].run(.number(Double(i))) { nest(i + 1, body) } } }
                nest(0) {
                    let p = host.promiseResolve(1)
                    let before = host.strategy.counters.hookCalls
                    for _ in 0..<100 { p.then({ $0 }) }
                    host.runMicrotasks()
                    perReaction = (host.strategy.counters.hookCalls - before) / 100
                    XCTAssertEqual((host.strategy.counters.hookCalls - before) % 100, 0)
                }
            }
            XCTAssertEqual(perReaction, 4, "k=\(k)")
            XCTAssertEqual(host.strategy.counters.sideTableSize, 0, "k=\(k)")
        }
    }

    /// frame-ref: one frame per `run` (workerd does not compare values, so a
    /// same-value run also creates one), none per continuation; one wrapper
    /// per scheduled callback while a frame is current.
    func testFrameRefFramesPerRunIndependentOfContinuations() {
        for continuations in [1, 10, 200] {
            let (s, _) = costWorkload(FrameRef.self, k: 3, runs: 30, continuations: continuations, sameValueRuns: 2)
            XCTAssertEqual(s.counters.framesCreated, 30 * 3, "continuations=\(continuations)")
            // Each continuation wraps once (the await reaction and the then reaction each wrap once).
            XCTAssertEqual(s.counters.wrappersAllocated, 30 * continuations, "continuations=\(continuations)")
        }
        // No frame current: no wrapper.
        let host = Host(strategy: FrameRef())
        _ = AsyncLocalStorage(host, name: "a")
        host.run { host.setTimeout(1) {}; host.promiseResolve(1).then({ $0 }); host.nextTick {} }
        XCTAssertEqual(host.strategy.counters.wrappersAllocated, 0)
    }

    /// continuation-slot: two frames per value-changing run (enter copy and
    /// restore copy, as Node does), none for a same-value run, none per
    /// continuation, and no wrapper ever.
    func testContinuationSlotTwoFramesPerChangingRunNoWrappers() {
        for continuations in [1, 10, 200] {
            let (s, _) = costWorkload(ContinuationSlot.self, k: 3, runs: 30, continuations: continuations, sameValueRuns: 2)
            XCTAssertEqual(s.counters.framesCreated, 2 * 30, "continuations=\(continuations)")
            XCTAssertEqual(s.counters.wrappersAllocated, 0)
            XCTAssertEqual(s.counters.hookCalls, 0)
        }
    }

    /// continuation-slot adds no allocation per continuation: what a record
    /// captures is the slot's frame itself (one pointer), not a wrapper or copy.
    func testContinuationSlotCapturesTheFrameItself() {
        let strategy = ContinuationSlot()
        let a = strategy.makeStorage(name: "a")
        strategy.run(a, 1) {
            let frame = strategy.currentFrame
            XCTAssertNotNil(frame)
            for kind in ResourceKind.allCases where kind != .promise {
                XCTAssertTrue(strategy.initResource(kind) === frame, "\(kind)")
            }
            XCTAssertTrue(strategy.initReaction(derived: nil) === frame)
            XCTAssertNil(strategy.initResource(.promise), "promises carry nothing")
        }
        XCTAssertEqual(MemoryLayout<ContinuationSlot.Captured>.size, MemoryLayout<Int>.size)
        XCTAssertEqual(strategy.counters.framesCreated, 2)
    }

    /// What a promise carries (brief §4: hooks attach per-resource state to
    /// every promise, frames attach nothing; the OTel design attaches an id
    /// and a side-table entry while the promise is pending).
    func testWhatPromisesCarry() {
        do {
            let host = Host(strategy: HookMapCopy())
            let a = AsyncLocalStorage(host, name: "a"), b = AsyncLocalStorage(host, name: "b")
            host.run {
                a.run(1) { b.run(2) {
                    let p = host.withResolvers().promise
                    XCTAssertEqual(p.captured?.storageSlotCount, 2, "one slot per storage")
                    XCTAssertEqual(p.captured?.read(0), 1)
                    XCTAssertEqual(p.captured?.read(1), 2)
                    XCTAssertGreaterThan(p.captured?.asyncId ?? 0, 1)
                } }
            }
        }
        do {
            let host = Host(strategy: PromiseHooks())
            let a = AsyncLocalStorage(host, name: "a")
            host.run {
                a.run(1) {
                    let r = host.withResolvers()
                    let asyncId = r.promise.captured!.asyncId
                    XCTAssertNotNil(host.strategy.manager.contexts[asyncId], "pending promise: one entry")
                    r.resolve(1)
                    XCTAssertNil(host.strategy.manager.contexts[asyncId], "deleted at promiseResolve")
                }
            }
        }
        do {
            let host = Host(strategy: FrameRef())
            let a = AsyncLocalStorage(host, name: "a")
            host.run { a.run(1) { XCTAssertNil(host.withResolvers().promise.captured) } }
        }
        do {
            let host = Host(strategy: ContinuationSlot())
            let a = AsyncLocalStorage(host, name: "a")
            host.run { a.run(1) { XCTAssertNil(host.withResolvers().promise.captured) } }
        }
    }

    /// Frame copies cost O(k): entries copied per run equal the current frame's size.
    func testFrameCopiesAreOrderK() {
        for k in [1, 4, 16] {
            let fr = FrameRef(), cs = ContinuationSlot()
            let keysF = (0..<k).map { fr.makeStorage(name: "\($0)") }
            let keysC = (0..<k).map { cs.makeStorage(name: "\($0)") }
            func nestF(_ i: Int) { if i < k { fr.run(keysF[i], .number(Double(i + 1))) { nestF(i + 1) } } }
            func nestC(_ i: Int) { if i < k { cs.run(keysC[i], .number(Double(i + 1))) { nestC(i + 1) } } }
            nestF(0); nestC(0)
            // frame-ref: run i copies the i entries of its parent frame.
            XCTAssertEqual(fr.counters.entriesCopied, k * (k - 1) / 2, "k=\(k)")
            // continuation-slot: the enter copy of run i copies its parent's i
            // entries. Each restore copy starts from the frame current at that
            // point, which still holds every inner storage's key (Node restores
            // with enterWith(prior), leaving an `undefined` entry): k entries.
            XCTAssertEqual(cs.counters.entriesCopied, k * (k - 1) / 2 + k * k, "k=\(k)")
        }
    }
}
