import XCTest
@testable import HostRuntime

/// Invalid use behaves as JavaScript does: no-ops, rejections and
/// uncaught-exception reports, never a crash.
final class BadInputTests: XCTestCase {
    struct SwiftError: Error, CustomStringConvertible { var description: String { "swift error" } }

    var host: NHost!
    var uncaught: [String] = []

    override func setUp() {
        host = NHost(strategy: NoPropagation())
        uncaught = []
        host.onUncaughtException = { [unowned self] e in uncaught.append(message(e)) }
    }

    func testClearingNilClearedOrFiredTimersIsANoOp() {
        let host = self.host!
        var fired = 0
        host.run {
            host.clearTimeout(nil); host.clearInterval(nil); host.clearImmediate(nil)
            let t = host.setTimeout(1) { fired += 1 }
            host.setTimeout(5) { host.clearTimeout(t); host.clearTimeout(t); host.clearInterval(t) }
            let cleared = host.setTimeout(1) { fired += 100 }
            host.clearTimeout(cleared); host.clearTimeout(cleared)
            let imm = host.setImmediate { fired += 10 }
            host.setImmediate { host.clearImmediate(imm) }  // already ran
        }
        XCTAssertEqual(fired, 11)
        XCTAssertFalse(host.hasPendingWork)
        XCTAssertEqual(host.activeTimerCount, 0)
    }

    func testOutOfRangeDelaysBecomeOneMillisecond() {
        let host = self.host!
        var at: [Int64] = []
        host.run {
            for ms in [Double.nan, -1, 0, 0.5, Double.infinity, 3_000_000_000] {
                host.setTimeout(ms) { at.append(host.nowNanos) }
            }
        }
        XCTAssertEqual(at, Array(repeating: 1_000_000, count: 6))  // virtual clock
    }

    func testResolvingTwiceAndRejectingAfterResolveAreNoOps() {
        let host = self.host!
        var seen: [String] = []
        host.run {
            let r = host.withResolvers()
            r.promise.thenDo({ v in seen.append("ok \(v)") }, { e in seen.append("err \(e)") })
            r.resolve(1); r.resolve(2); r.reject("x")
            let q = host.withResolvers()
            q.promise.catchDo { e in seen.append("rejected \(e)") }
            q.reject("first"); q.reject("second"); q.resolve(3)
        }
        XCTAssertEqual(seen, ["ok 1", "rejected first"])
        XCTAssertEqual(host.unhandledRejectionCount, 0)
    }

    func testThrowingExecutorRejectsUnlessAlreadyResolved() {
        let host = self.host!
        var seen: [String] = []
        host.run {
            host.newPromise { _ in throw JSException("executor") }.catchDo { e in seen.append("caught \(e)") }
            host.newPromise { _ in throw SwiftError() }.catchDo { e in seen.append("caught \(message(e))") }
            host.newPromise { r in r.resolve("kept"); throw JSException("ignored") }.thenDo { v in seen.append("kept \(v)") }
        }
        XCTAssertEqual(seen, ["caught executor", "caught swift error", "kept kept"])
        XCTAssertTrue(uncaught.isEmpty)
    }

    func testThrowingHandlerRejectsTheDerivedPromise() {
        let host = self.host!
        var seen: [String] = []
        host.run {
            host.promiseResolve(1).then({ _ in throw JSException("handler") }).catchDo { e in seen.append("\(e)") }
            host.promiseReject("r").catch({ _ in throw SwiftError() }).catchDo { e in seen.append(message(e)) }
        }
        XCTAssertEqual(seen, ["handler", "swift error"])
    }

    func testResolvingAPromiseWithItselfRejectsWithTypeError() {
        let host = self.host!
        var seen = ""
        host.run {
            let r = host.withResolvers()
            r.promise.catchDo { e in seen = "\(e)" }
            r.resolve(.object(r.promise))
        }
        XCTAssertEqual(seen, "TypeError: Chaining cycle detected for promise #<Promise>")
    }

    func testThenableThatThrowsBeforeOrAfterResolving() {
        let host = self.host!
        var seen: [String] = []
        host.run {
            host.promiseResolve(.object(Thenable { _, _ in throw JSException("then threw") }))
                .thenDo({ _ in seen.append("never") }, { e in seen.append("rejected \(e)") })
            host.promiseResolve(.object(Thenable { res, rej in res("v"); rej("x"); throw JSException("late") }))
                .thenDo({ v in seen.append("fulfilled \(v)") }, { _ in seen.append("never") })
        }
        XCTAssertEqual(seen, ["rejected then threw", "fulfilled v"])
    }

    func testThrowingCallbacksAreReportedAndTheLoopGoesOn() {
        let host = self.host!
        var intervalRuns = 0
        var after = false
        host.run {
            host.setTimeout(1) { throw JSException("timer") }
            var iv: NTimer?
            iv = host.setInterval(2) {
                intervalRuns += 1
                if intervalRuns == 3 { host.clearInterval(iv) }
                throw JSException(.string("interval \(intervalRuns)"))
            }
            host.setImmediate { throw JSException("immediate") }
            host.nextTick { throw JSException("tick") }
            host.queueMicrotask { throw SwiftError() }
            host.setTimeout(20) { after = true }
        }
        XCTAssertEqual(uncaught, ["tick", "swift error", "immediate", "timer", "interval 1", "interval 2", "interval 3"])
        XCTAssertEqual(intervalRuns, 3)  // a throwing interval keeps running, as in Node
        XCTAssertTrue(after)
        XCTAssertFalse(host.hasPendingWork)
    }

    func testWithoutHandlersErrorsAreRecordedNotFatal() {
        let host = NHost(strategy: NoPropagation())
        host.run {
            host.setTimeout(1) { throw JSException("timer") }
            _ = host.promiseReject("unhandled")
        }
        XCTAssertEqual(host.uncaughtExceptions.map(message), [
            "This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason \"unhandled\".",
            "timer",
        ])
    }

    func testThrowingRejectionHandlersAreReported() {
        let host = self.host!
        host.onUnhandledRejection = { _, _ in throw JSException("from unhandledRejection") }
        host.onRejectionHandled = { _ in throw JSException("from rejectionHandled") }
        host.run {
            let p = host.promiseReject("r")
            host.setTimeout(1) { p.catchDo { _ in } }
        }
        XCTAssertEqual(uncaught, ["from unhandledRejection", "from rejectionHandled"])
    }

    func testEventEmitterMisuse() throws {
        let e = EventEmitter()
        e.off("x", 42)  // unknown id
        XCTAssertFalse(try e.emit("x"))
        let id = e.on("x") { _ in }
        e.off("x", id); e.off("x", id)
        XCTAssertEqual(e.listenerCount("x"), 0)
        XCTAssertThrowsError(try e.emit("error", "boom"))
    }
}
