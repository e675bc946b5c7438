import XCTest
import Foundation
@testable import Replay
import ContextStrategies
import HostRuntime

/// A small trace in the recorder's format (`Tests/Fixtures/sample.trace`,
/// which `bench replay`'s own tests replay too): a server socket delivers two
/// requests; each enters a store with `run`, awaits a timer-backed promise
/// (a `then` reaction) and reads the store in the reaction, in the timer and
/// in a nested native callback.
let sampleTrace = try! String(contentsOfFile: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures/sample.trace").path, encoding: .utf8)

final class ReplayTests: XCTestCase {
    func program() throws -> ReplayProgram {
        ReplayProgram(try Trace.parse(Data(sampleTrace.utf8), source: "sample"))
    }

    func testParsesTheFormatAndItsHeader() throws {
        let trace = try Trace.parse(Data(sampleTrace.utf8), source: "sample")
        XCTAssertEqual(trace.header.label, "sample")
        XCTAssertEqual(trace.header.concurrency, 2)
        XCTAssertEqual(trace.events.first, .storage(0))
        XCTAssertEqual(trace.events.last, .footer(requests: 2, events: 40))
        XCTAssertEqual(trace.times[trace.events.firstIndex(of: .before(id: 10))!], 105)
    }

    func testRejectsBadInputWithFileAndLine() {
        XCTAssertThrowsError(try Trace.parse(Data("{\"format\":\"acb-trace\",\"version\":2}\n".utf8), source: "f")) {
            XCTAssertTrue("\($0)".contains("version 2 is not supported"), "\($0)")
        }
        XCTAssertThrowsError(try Trace.parse(Data("{\"format\":\"acb-trace\",\"version\":1}\ni 1 x\n".utf8), source: "f")) {
            XCTAssertEqual(($0 as? Trace.ParseError)?.line, 2)
        }
        XCTAssertThrowsError(try Trace.parse(Data("not json\n".utf8), source: "f"))
    }

    func testBuildsHostResourcesAndDriverSteps() throws {
        let p = try program()
        XCTAssertEqual(p.requestCount, 2)
        XCTAssertEqual(p.storageCount, 1)
        XCTAssertEqual(p.getStoreCount, 6)
        XCTAssertEqual(p.resourcesByKind[Int(ReplayKind.native.rawValue)], 2)
        XCTAssertEqual(p.resourcesByKind[Int(ReplayKind.reaction.rawValue)], 2)
        XCTAssertEqual(p.resourcesByKind[Int(ReplayKind.promise.rawValue)], 2)
        XCTAssertEqual(p.resourcesByKind[Int(ReplayKind.timeout.rawValue)], 2)
        // Two deliveries of the socket (the second with a nested parser callback).
        let natives = p.steps.filter { if case .native = $0 { return true } else { return false } }
        XCTAssertEqual(natives.count, 2)
        XCTAssertTrue(p.ops.contains { if case .invoke = $0 { return true } else { return false } })
        XCTAssertEqual(p.inlinedCallbacks, 0)
    }

    /// The oracle: every design observes what the application observed.
    func testEveryStrategyObservesTheRecordedStores() throws {
        let p = try program()
        var checksums = Set<UInt64>()
        for id in StrategyRegistry.oracleIDs {
            let o = try XCTUnwrap(ReplayBenchmark.replayOnce(p, strategy: id), id)
            XCTAssertEqual(o.getStores, 6, id)
            XCTAssertEqual(o.recordedMismatches, 0, id)
            XCTAssertEqual(o.skippedCallbacks, 0, id)
            XCTAssertEqual(o.latencies.count, 2, id)
            checksums.insert(o.checksum)
        }
        XCTAssertEqual(checksums.count, 1)
        let none = try XCTUnwrap(ReplayBenchmark.replayOnce(p, strategy: "none"))
        XCTAssertEqual(none.recordedMismatches, 6)
    }

    /// What each design does per resource, counted. Hook design: one init
    /// copy per resource the replay creates — 2 sockets/parsers, 2 plain
    /// promises, 2 reactions (the promise `then()` returns), 2 timers, plus
    /// the replay's stand-in promise = 9. Frame design: one wrapper per
    /// non-promise resource created while a frame is current — 2 reactions,
    /// 2 timers, the parser (the socket was created outside any `run`) = 5.
    func testNativeResourcesCaptureContextInEveryDesign() throws {
        let p = try program()
        let hooks = try XCTUnwrap(ReplayBenchmark.replayOnce(p, strategy: HookMapCopy.id))
        let frame = try XCTUnwrap(ReplayBenchmark.replayOnce(p, strategy: FrameRef.id))
        XCTAssertEqual(hooks.counters.hookCalls, 9)
        XCTAssertEqual(frame.counters.wrappersAllocated, 5)
    }

    func testTheOracleReportsAMismatchInsteadOfANumber() {
        let ok = ReplayOutcome()
        var bad = ReplayOutcome()
        bad.checksum = 1
        var results = [
            ReplayResult(strategy: "none", status: .ok, outcome: bad, samplesNs: [1], allocations: nil),
            ReplayResult(strategy: "a", status: .ok, outcome: ok, samplesNs: [1], allocations: nil),
            ReplayResult(strategy: "b", status: .ok, outcome: ok, samplesNs: [1], allocations: nil),
            ReplayResult(strategy: "c", status: .ok, outcome: bad, samplesNs: [1], allocations: nil),
        ]
        ReplayBenchmark.judge(&results)
        XCTAssertEqual(results.map(\.status.label), ["ok", "ok", "ok", "checksum-mismatch"])
    }

    /// The host's native callback resource: context captured at creation,
    /// restored around the callback; the poll phase first runs the timers due
    /// before it, and the callback scope closes with the microtask checkpoint.
    static func nativeCallbackLog<S: ContextStrategy>(_ type: S.Type) -> ([String], Int64) {
        let host = Host(strategy: S())
        let als = AsyncLocalStorage(host, name: "rid")
        var log: [String] = []
        var native: NativeResource<S>?
        host.runMain {
            als.run(.number(7)) {
                native = host.makeNativeResource()
                host.setTimeout(1) { log.append("timer \(als.getStore())") }
            }
            host.setTimeout(9) { log.append("late timer \(als.getStore())") }
        }
        host.deliverNativeCallback(native!, at: 5_000_000) {
            log.append("native \(als.getStore())")
            host.queueMicrotask { log.append("microtask \(als.getStore())") }
        }
        log.append("outside \(als.getStore())")
        let now = host.nowNanos
        host.destroyNativeResource(native!)
        host.runLoop()
        return (log, now)
    }

    func testNativeCallbackRestoresItsCreationContextInEveryDesign() {
        let expected = ["timer 7", "native 7", "microtask 7", "outside undefined", "late timer undefined"]
        struct Check: StrategyVisitor {
            func visit<S: ContextStrategy>(_ type: S.Type) -> ([String], Int64) { ReplayTests.nativeCallbackLog(type) }
        }
        for id in StrategyRegistry.oracleIDs {
            let (log, now) = StrategyRegistry.visit(id: id, Check())!
            XCTAssertEqual(log, expected, id)
            XCTAssertEqual(now, 5_000_000, id)
        }
    }
}
