import XCTest
@testable import HostRuntime

/// The `none` strategy costs nothing structurally: its slots are empty, so no
/// record grows, and every lifecycle call is an empty inlined function.
final class ZeroCostTests: XCTestCase {
    func testNoPropagationSlotsAreEmpty() {
        // `Saved` is empty; `Captured?` is always nil: a record's slot is one
        // null pointer (the price of a fixed record layout for every strategy).
        XCTAssertEqual(MemoryLayout<NoPropagation.Saved>.size, 0)
        XCTAssertEqual(MemoryLayout<NoPropagation.Captured?>.size, MemoryLayout<UnsafeRawPointer?>.size)
        let host = NHost(strategy: NoPropagation())
        host.run {
            let p = host.promiseResolve(0).then({ $0 })
            XCTAssertNil(p.captured)
            XCTAssertNil(host.setTimeout(1) {}.captured)
        }
    }

    func testRecordsHaveTheSameLayoutForEveryStrategy() {
        // A reaction record is (kind, target, slot) whatever the strategy.
        XCTAssertEqual(MemoryLayout<PromiseReaction<NoPropagation>>.size,
                       MemoryLayout<PromiseReaction<RecordingStrategy>>.size)
        XCTAssertEqual(MemoryLayout<PromiseReaction<NoPropagation>>.size, 3 * MemoryLayout<Int>.size)
        XCTAssertEqual(MemoryLayout<TickEntry<NoPropagation>>.size,
                       MemoryLayout<() throws -> Void>.size + MemoryLayout<Int>.size)
    }
}

/// Deterministic tick counts from `host.counters`, matching what V8 charges.
final class TickCountTests: XCTestCase {
    func counters(_ body: (NHost) -> Void) -> HostCounters {
        let host = NHost(strategy: NoPropagation())
        host.run { body(host) }
        XCTAssertTrue(host.uncaughtExceptions.isEmpty)
        return host.counters
    }

    func testTenStepChainRunsTenReactionJobs() {
        let c = counters { host in
            var p = host.promiseResolve(0)
            for _ in 0..<10 { p = p.then({ .number($0.numberValue! + 1) }) }
        }
        XCTAssertEqual(c.microtasksRun, 10)
        XCTAssertEqual(c.ticksRun, 0)
    }

    func testReturningAPromiseFromAnAsyncFunctionCostsTwoMoreMicrotasks() {
        let value = counters { host in
            host.async { .returning(1) }.thenDo { _ in }
        }
        let promise = counters { host in
            host.async { .returning(.object(host.promiseResolve(1))) }.thenDo { _ in }
        }
        XCTAssertEqual(value.microtasksRun, 1)
        XCTAssertEqual(promise.microtasksRun - value.microtasksRun, 2)
    }

    func testEachAwaitOfAValueIsOneMicrotaskAndOnePromise() {
        let c = counters { host in
            func step(_ i: Int) -> AsyncStep { i == 5 ? .done : .awaiting(.number(Double(i))) { _ in step(i + 1) } }
            _ = host.async { step(0) }
        }
        XCTAssertEqual(c.microtasksRun, 5)
        XCTAssertEqual(c.promisesCreated, 1 + 5)  // the function's promise + one per awaited value
    }

    func testPromiseAllOfNativePromisesCreatesNoPromisePerInput() {
        // V8's fast path (promise-all.tq): PerformPromiseThen with an
        // undefined result capability, so an input's reaction has no derived
        // promise; only a value that is not a promise gets one from Promise.resolve.
        let c = counters { host in
            let inputs: [JSValue] = (0..<4).map { .object(host.promiseResolve(.number(Double($0)))) }
            host.all(inputs + [7]).thenDo { _ in }
        }
        XCTAssertEqual(c.promisesCreated, 4 + 1 + 1 + 1)  // the inputs, Promise.resolve(7), the result, thenDo's
        XCTAssertEqual(c.microtasksRun, 5 + 1)  // one job per input, then thenDo's
    }

    func testCombinatorsSettleAsTheSpecificationSays() {
        // any: the first fulfilment wins; all reasons in input order when all reject.
        // allSettled: a record per input whatever its outcome; race: the first settlement.
        // The expected order is what Node 20 prints for the same program.
        var seen: [String] = []
        let host = NHost(strategy: NoPropagation())
        host.run {
            let late = host.withResolvers()
            host.any([.object(host.promiseReject("a")), .object(late.promise)]).thenDo { seen.append("any \($0)") }
            host.any([.object(host.promiseReject("x")), .object(host.promiseReject("y"))]).thenDo({ _ in }, { e in
                seen.append("any rejected \((e.objectValue as! JSErrorObject).errors.map(\.description))")
            })
            host.allSettled([.object(host.promiseReject("r")), 2]).thenDo {
                seen.append("settled \(($0.objectValue as! JSArray).elements.map(\.description))")
            }
            host.race([.object(late.promise), .object(host.promiseReject("first"))]).thenDo({ _ in }, { seen.append("race \($0)") })
            host.setTimeout(1) { late.resolve("b") }
        }
        XCTAssertEqual(seen, ["any rejected [\"x\", \"y\"]", "settled [\"rejected:r\", \"fulfilled:2\"]", "race first", "any b"])
    }

    func testAwaitOfANativePromiseCreatesNoPromise() {
        let c = counters { host in
            let p = host.promiseResolve(1)
            _ = host.async { .awaiting(p) { _ in .done } }
        }
        XCTAssertEqual(c.microtasksRun, 1)
        XCTAssertEqual(c.promisesCreated, 2)  // p and the function's promise
    }

    func testAwaitOfAThenableIsTwoMicrotasks() {
        let c = counters { host in
            _ = host.async { .awaiting(.object(Thenable { res, _ in res(1) })) { _ in .done } }
        }
        XCTAssertEqual(c.microtasksRun, 2)  // resolve-thenable job + reaction
    }

    func testFinallyCostsThreeMoreMicrotasksThanThen() {
        let plain = counters { host in host.promiseResolve(1).then({ $0 }).thenDo { _ in } }
        let finally = counters { host in host.promiseResolve(1).finally { .undefined }.thenDo { _ in } }
        XCTAssertEqual(plain.microtasksRun, 2)
        XCTAssertEqual(finally.microtasksRun, 5)
    }

    func testAllOfNPromisesIsNReactionsPlusItsOwn() {
        let c = counters { host in
            host.all((0..<4).map { .object(host.promiseResolve(.number(Double($0)))) }).thenDo { _ in }
        }
        XCTAssertEqual(c.microtasksRun, 4 + 1)
    }

    func testTimerIntervalImmediateAndTickCounts() {
        let c = counters { host in
            var n = 0
            var iv: NTimer?
            iv = host.setInterval(3) { n += 1; if n == 4 { host.clearInterval(iv) } }
            host.clearTimeout(host.setTimeout(1) {})
            host.setTimeout(1) { host.nextTick {}; host.nextTick {} }
            host.clearImmediate(host.setImmediate {})
            host.setImmediate { host.setImmediate {} }
            host.queueMicrotask {}
        }
        XCTAssertEqual(c.timersFired, 4 + 1)
        XCTAssertEqual(c.immediatesRun, 2)
        XCTAssertEqual(c.ticksRun, 2)
        XCTAssertEqual(c.microtasksRun, 1)
    }
}
