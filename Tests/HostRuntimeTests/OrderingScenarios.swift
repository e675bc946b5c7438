import XCTest
@testable import HostRuntime

/// The ordering scenarios: each is `js/<name>.js` written against the Swift
/// host, line for line. The host must print exactly `js/<name>.expected`,
/// which node produced. Comments on the scripts explain each scenario.
enum Scenarios {
    typealias Body = (NHost, Console) throws -> Void

    static let all: [String: Body] = [
        "01-tick-promise-timer-immediate": { host, c in
            // Inside a timer: the top-level setTimeout(0)/setImmediate race is not modelled.
            host.setTimeout(0) {
                c.log("timer start")
                host.setTimeout(0) { c.log("timeout 0") }
                host.setImmediate { c.log("immediate") }
                host.resolved().thenDo { _ in c.log("promise") }
                host.nextTick { c.log("tick") }
                host.queueMicrotask { c.log("microtask") }
                c.log("timer end")
            }
            host.resolved().thenDo { _ in c.log("main promise") }
            host.nextTick { c.log("main tick") }
            c.log("main end")
        },
        "02-tick-inside-microtask": { host, c in
            host.resolved().thenDo { _ in
                c.log("p1")
                host.nextTick { c.log("tick from p1") }
                host.resolved().thenDo { _ in c.log("p3 from p1") }
            }
            host.resolved().thenDo { _ in c.log("p2") }
            host.nextTick { c.log("t1") }
            c.log("main end")
        },
        "03-microtask-inside-tick": { host, c in
            host.nextTick {
                c.log("t1")
                host.resolved().thenDo { _ in c.log("p from t1") }
                host.queueMicrotask { c.log("qm from t1") }
                host.nextTick { c.log("t3 from t1") }
            }
            host.nextTick { c.log("t2") }
            host.resolved().thenDo { _ in
                c.log("p main")
                host.nextTick {
                    c.log("tick from p main")
                    host.resolved().thenDo { _ in c.log("p from tick from p main") }
                }
            }
        },
        "04-await-value": { host, c in
            host.async {
                c.log("f start")
                return .awaiting(1) { v in
                    c.log("f after await", v)
                    return .awaiting("two") { w in
                        c.log("f after second await", w)
                        return .returning(.number(v.numberValue! + 1))
                    }
                }
            }.thenDo { v in c.log("f result", v) }
            host.ticker(c, "c1", "c2", "c3", "c4")
            c.log("main end")
        },
        "05-await-native-promise": { host, c in
            let later = host.withResolvers()
            _ = host.async {
                .awaiting(host.resolved("a")) { a in
                    c.log("f got", a)
                    return .awaiting(later.promise) { b in c.log("f got", b); return .done }
                }
            }
            host.resolved().thenDo { _ in c.log("c1") }
                .thenDo { _ in c.log("c2"); later.resolve("b") }
                .thenDo { _ in c.log("c3") }.thenDo { _ in c.log("c4") }
        },
        "06-await-thenable": { host, c in
            let syncThenable = Thenable { res, _ in c.log("then called"); res("sync") }
            let lateThenable = Thenable { res, _ in
                c.log("late then called")
                host.setTimeout(5) { c.log("late resolves"); res("late") }
            }
            host.async {
                .awaiting(.object(syncThenable)) { v in
                    c.log("f got", v)
                    return .awaiting(.object(lateThenable)) { w in c.log("f got", w); return .done }
                }
            }.thenDo { _ in c.log("f done") }
            host.ticker(c, "c1", "c2", "c3", "c4")
            host.setTimeout(5) { host.resolved().thenDo { _ in c.log("after timer microtask") } }
        },
        "07-async-return-promise": { host, c in
            let returnsValue = { host.async { AsyncStep.returning("value") } }
            let returnsPromise = { host.async { AsyncStep.returning(.object(host.resolved("promise"))) } }
            returnsPromise().thenDo { v in c.log("got", v) }
            returnsValue().thenDo { v in c.log("got", v) }
            host.ticker(c, "c1", "c2", "c3", "c4")
        },
        "08-promise-all": { host, c in
            let p2 = host.withResolvers()
            host.all([1, .object(host.resolved(2)), .object(p2.promise)]).thenDo { v in c.log("all", v) }
            host.all([.object(host.resolved(1)), .object(host.promiseReject(error("no"))), .object(host.newPromise { _ in })])
                .thenDo({ _ in c.log("never") }, { e in c.log("all rejected", message(e)) })
            host.all([]).thenDo { v in c.log("empty", (v.objectValue as! JSArray).elements.count) }
            host.resolved().thenDo { _ in c.log("c1") }
                .thenDo { _ in c.log("c2"); p2.resolve(3) }
                .thenDo { _ in c.log("c3") }.thenDo { _ in c.log("c4") }
        },
        "09-promise-race": { host, c in
            let slow = host.withResolvers()
            host.race([.object(slow.promise), .object(host.resolved("fast")), "plain"]).thenDo { v in c.log("race1", v) }
            host.race(["plain", .object(host.resolved("fast"))]).thenDo { v in c.log("race2", v) }
            host.race([.object(slow.promise), .object(host.promiseReject(error("boom")))])
                .thenDo({ v in c.log("race3", v) }, { e in c.log("race3 rejected", message(e)) })
            host.setTimeout(1) {
                let timed = host.newPromise { r in host.setTimeout(5) { r.resolve("timer") } }
                host.race([.object(slow.promise), .object(timed)]).thenDo { v in c.log("race4", v) }
                slow.resolve("slow")
            }
            host.ticker(c, "c1", "c2")
        },
        "10-promise-allsettled": { host, c in
            let later = host.withResolvers()
            host.allSettled([.object(host.resolved(1)), .object(host.promiseReject(error("x"))), .object(later.promise), 4])
                .thenDo { rs in
                    for r in (rs.objectValue as! JSArray).elements {
                        let record = r.objectValue as! SettledRecord
                        c.log(record.status, message(record.value))
                    }
                }
            host.resolved().thenDo { _ in c.log("c1") }
                .thenDo { _ in c.log("c2"); later.reject("late") }
                .thenDo { _ in c.log("c3") }.thenDo { _ in c.log("c4") }
        },
        "11-promise-any": { host, c in
            let aggregate = { (e: JSValue) -> (String, [JSValue]) in
                let agg = e.objectValue as! JSErrorObject
                return (agg.name, agg.errors)
            }
            host.any([.object(host.promiseReject(error("a"))), .object(host.resolved("b")), "c"]).thenDo { v in c.log("any1", v) }
            host.any([.object(host.promiseReject(error("e1"))), .object(host.promiseReject(error("e2")))]).catchDo { e in
                let (name, errors) = aggregate(e)
                c.log("any2", name, errors.map(message).joined(separator: ","))
            }
            host.any([]).catchDo { e in
                let (name, errors) = aggregate(e)
                c.log("any3", name, errors.count)
            }
            host.ticker(c, "c1", "c2", "c3")
        },
        "12-finally-value": { host, c in
            host.resolved("v")
                .finally { c.log("finally ran"); return "ignored" }
                .thenDo { v in c.log("after finally", v) }
            host.resolved("w").thenDo { v in c.log("plain then", v) }
            host.ticker(c, "c1", "c2", "c3", "c4", "c5")
        },
        "13-finally-rejection": { host, c in
            host.promiseReject(error("r"))
                .finally { c.log("finally 1"); return .undefined }
                .catchDo { e in c.log("caught", message(e)) }
            host.resolved("ok")
                .finally { c.log("finally 2"); throw JSException(error("from finally")) }
                .thenDo({ v in c.log("never", v) }, { e in c.log("replaced by", message(e)) })
            host.promiseReject(error("first"))
                .finally { JSValue.object(host.promiseReject(error("second"))) }
                .catchDo { e in c.log("finally rejection wins", message(e)) }
            host.ticker(c, "c1", "c2", "c3", "c4")
        },
        "14-then-on-settled": { host, c in
            let done = host.resolved("done")
            let failed = host.promiseReject(error("failed"))
            let pending = host.withResolvers()
            pending.promise.thenDo { v in c.log("pending a", v) }
            done.thenDo { v in c.log("done a", v) }
            failed.catchDo { e in c.log("failed", message(e)) }
            pending.promise.thenDo { v in c.log("pending b", v) }
            pending.resolve("now")
            done.thenDo { v in c.log("done b", v) }
            c.log("main end")
        },
        "15-resolve-with-promise": { host, c in
            host.resolved().then { _ in .object(host.resolved("adopted")) }.thenDo { v in c.log("then got", v) }
            host.resolved().then { _ in "plain" }.thenDo { v in c.log("then got", v) }
            host.newPromise { r in r.resolve(.object(host.resolved("executor adopted"))) }
                .thenDo { v in c.log("executor got", v) }
            host.newPromise { r in r.resolve(.object(Thenable { ok, _ in ok("thenable adopted") })) }
                .thenDo { v in c.log("executor got", v) }
            host.ticker(c, "c1", "c2", "c3", "c4")
        },
        "16-nested-timers-equal-deadlines": { host, c in
            for name in ["A", "B", "C"] {
                host.setTimeout(10) {
                    c.log("timer", name)
                    host.nextTick { c.log("tick", name) }
                    host.resolved().thenDo { _ in c.log("promise", name) }
                    host.setTimeout(10) { c.log("nested", name) }
                }
            }
        },
        "17-timers-different-delays": { host, c in
            host.setTimeout(1) {
                host.setTimeout(30) { c.log("30") }
                host.setTimeout(1.7) { c.log("1.7") }
                host.setTimeout(10) { c.log("10") }
                host.setTimeout(0) { c.log("0") }
                host.setTimeout(1) { c.log("1") }
                host.setTimeout(-5) { c.log("-5") }
                host.setTimeout(20) { c.log("20") }
            }
        },
        "18-interval-clear-self": { host, c in
            var n = 0
            var iv: NTimer?
            iv = host.setInterval(10) {
                n += 1
                c.log("interval", n)
                let seen = n
                host.resolved().thenDo { _ in c.log("microtask after", seen) }
                if n == 3 { host.clearInterval(iv); c.log("cleared") }
            }
            host.setTimeout(100) { c.log("after all", n) }
        },
        "19-interval-clear-other": { host, c in
            let victim = host.setTimeout(1000) { c.log("victim never fires") }
            var other = 0
            let otherIv = host.setInterval(5) { other += 1 }
            var n = 0
            var iv: NTimer?
            iv = host.setInterval(50) {
                n += 1
                c.log("main interval", n, "other ran", other > 0)
                if n == 1 { host.clearTimeout(victim); c.log("cleared victim") }
                if n == 3 {
                    host.clearTimeout(otherIv)
                    host.clearInterval(iv)
                    c.log("cleared both")
                    let seen = other
                    host.setTimeout(50) { c.log("other stopped", other == seen) }
                }
            }
        },
        "20-immediate-vs-timeout-in-callbacks": { host, c in
            host.setTimeout(1) {
                host.setTimeout(0) { c.log("timeout from timer") }
                host.setImmediate {
                    c.log("immediate from timer")
                    host.setTimeout(0) { c.log("timeout from immediate") }
                    host.nextTick { c.log("tick from immediate") }
                    host.resolved().thenDo { _ in c.log("promise from immediate") }
                }
            }
        },
        "21-rejection-handled-late": { host, c in
            host.onUnhandledRejection = { reason, _ in c.log("unhandledRejection", message(reason)) }
            host.onRejectionHandled = { _ in c.log("rejectionHandled") }
            let p = host.promiseReject(error("late"))
            host.promiseReject(error("handled in time")).catchDo { _ in }
            host.resolved().thenDo { _ in c.log("microtask before report") }
            host.nextTick { c.log("tick before report") }
            host.setTimeout(10) {
                c.log("timer adds handler")
                p.catchDo { e in c.log("caught", message(e)) }
                host.resolved().thenDo { _ in c.log("microtask in timer") }
            }
        },
        "22-throw-in-then": { host, c in
            host.resolved(1)
                .thenDo { v in c.log("step", v); throw JSException(error("bad step")) }
                .thenDo { _ in c.log("skipped") }
                .thenDo { _ in c.log("skipped too") }
                .catch { e in c.log("caught", message(e)); return "recovered" }
                .thenDo { v in c.log("after catch", v) }
            host.ticker(c, "c1", "c2", "c3", "c4", "c5")
        },
        "23-throw-in-timer": { host, c in
            host.onUncaughtException = { e in c.log("uncaughtException", message(e)) }
            host.setTimeout(1) {
                host.nextTick { c.log("tick A") }
                host.resolved().thenDo { _ in c.log("promise A") }
                throw JSException(error("boom"))
            }
            host.setTimeout(1) { c.log("timer B") }
            host.setTimeout(1) { c.log("timer C") }
            host.setTimeout(50) { c.log("later timer") }
            // (node's busy-wait: virtual time makes the 1 ms deadlines equal already)
        },
        "24-misuse-is-noop": { host, c in
            host.newPromise { r in
                r.resolve("first"); r.resolve("second"); r.reject(error("late"))
                throw JSException(error("ignored"))
            }.thenDo({ v in c.log("resolved with", v) }, { e in c.log("never", message(e)) })
            host.newPromise { r in r.reject(error("rejected")); r.resolve("ignored") }
                .catchDo { e in c.log("rejected with", message(e)) }
            host.clearTimeout(nil)
            host.clearTimeout(nil)
            host.clearInterval(nil)
            host.clearImmediate(nil)
            let t = host.setTimeout(5) { c.log("cleared timer fired") }
            host.clearTimeout(t)
            host.clearTimeout(t)
            var fired: NTimer?
            fired = host.setTimeout(1) {
                c.log("timer fired")
                host.clearTimeout(fired)
                host.setTimeout(5) { c.log("done") }
            }
            let imm = host.setImmediate { c.log("cleared immediate ran") }
            host.clearImmediate(imm)
            host.clearImmediate(imm)
        },
        "25-event-emitter-sync": { host, c in
            let e = EventEmitter()
            e.on("x") { v in c.log("A", v); e.on("x") { _ in c.log("late") } }
            e.once("x") { v in c.log("once", v); try e.emit("y", .number(v.numberValue! + 1)) }
            e.on("y") { v in c.log("y", v) }
            e.on("x") { v in c.log("C", v); if v == 1 { throw JSException(error("stop")) } }
            e.once("x") { v in c.log("once2", v) }
            host.resolved().thenDo { _ in c.log("microtask") }
            c.log("before emit")
            do { try e.emit("x", 1) } catch { c.log("caught", message(JSException.value(of: error))) }
            c.log("count", e.listenerCount("x"))
            try e.emit("x", 2)
            c.log("count", e.listenerCount("x"))
            do { try e.emit("error", error("bad")) } catch { c.log("error threw", message(JSException.value(of: error))) }
            c.log("emit none", try e.emit("nothing"))
        },
        "26-async-try-catch": { host, c in
            let handles = {
                host.async {
                    AsyncStep.awaiting(.object(host.promiseReject(error("inner"))),
                              { _ in c.log("never"); return .returning("ok") },
                              catching: { e in c.log("handled", message(e)); return .returning("ok") })
                }
            }
            let throwing = { host.async { AsyncStep.awaiting(.null) { _ in throw JSException(error("outer")) } } }
            handles().thenDo { v in c.log("handles ->", v) }
            throwing().catchDo { e in c.log("throws ->", message(e)) }
            host.ticker(c, "c1", "c2", "c3")
        },
        "27-async-interleave": { host, c in
            func worker(_ name: String, _ steps: Int) -> NPromise {
                func step(_ i: Int) -> AsyncStep {
                    if i > steps { return .returning(.string(name)) }
                    return .awaiting(.number(Double(i))) { _ in c.log(name, i); return step(i + 1) }
                }
                return host.async { step(1) }
            }
            worker("a", 3).thenDo { v in c.log("done", v) }
            worker("b", 2).thenDo { v in c.log("done", v) }
            c.log("main end")
        },
        "28-immediates-drain-between": { host, c in
            var i3: ImmediateHandle<NoPropagation>?
            host.setImmediate {
                c.log("I1")
                host.nextTick { c.log("tick I1") }
                host.resolved().thenDo { _ in c.log("promise I1") }
                host.setImmediate { c.log("I4 from I1") }
                host.clearImmediate(i3)
            }
            host.setImmediate { c.log("I2") }
            i3 = host.setImmediate { c.log("I3 never") }
            host.setImmediate { c.log("I5") }
        },
        "29-unhandled-to-uncaught": { host, c in
            host.onUncaughtException = { e in c.log("uncaughtException", message(e)) }
            _ = host.promiseReject(error("rejected error"))
            _ = host.promiseReject(42)
            host.resolved().thenDo { _ in c.log("microtask first") }
        },
        "30-throw-in-tick": { host, c in
            host.onUncaughtException = { e in c.log("uncaughtException", message(e)) }
            host.setTimeout(1) {
                host.nextTick { c.log("t1"); throw JSException(error("tick")) }
                host.nextTick { c.log("t2") }
                host.resolved().thenDo { _ in c.log("m1") }
                host.queueMicrotask { c.log("qm"); throw JSException(error("microtask")) }
                host.resolved().thenDo { _ in c.log("m2") }
                host.setImmediate { c.log("immediate") }
            }
            host.setTimeout(1) { c.log("T2") }
        },
        "31-interval-vs-timeout-from-callback": { host, c in
            var n = 0
            var iv: NTimer?
            iv = host.setInterval(10) {
                n += 1
                c.log("interval", n)
                let run = n
                if n <= 2 { host.setTimeout(10) { c.log("timeout from run", run) } }
                if n == 3 { host.clearInterval(iv) }
            }
        },
        "32-work-from-rejection-handler": { host, c in
            host.onUnhandledRejection = { r, _ in
                c.log("unhandledRejection", r)
                host.nextTick { c.log("tick from handler", r) }
                host.resolved().thenDo { _ in c.log("microtask from handler", r) }
                if r == "a" { _ = host.promiseReject("b") }
            }
            _ = host.promiseReject("a")
            host.setImmediate { c.log("immediate") }
        },
        "33-throw-in-tick-main": { host, c in
            host.onUncaughtException = { e in c.log("uncaughtException", message(e)) }
            host.setImmediate { c.log("immediate") }
            host.nextTick { c.log("t1"); throw JSException(error("x")) }
            host.nextTick { c.log("t2") }
            host.resolved().thenDo { _ in c.log("m") }
            c.log("main end")
        },
        "34-throw-in-tick-between-immediates": { host, c in
            host.onUncaughtException = { e in c.log("uncaughtException", message(e)) }
            host.setImmediate {
                c.log("I1")
                host.nextTick { c.log("t1"); throw JSException(error("x")) }
                host.nextTick { c.log("t2") }
                host.resolved().thenDo { _ in c.log("m") }
            }
            host.setImmediate { c.log("I2") }
            host.setImmediate { c.log("I3") }
        },
        "35-same-deadline-clear-and-reject": { host, c in
            host.onUnhandledRejection = { r, _ in c.log("unhandledRejection", r) }
            host.setTimeout(1) {
                var b: NTimer?
                host.setTimeout(10) {
                    c.log("A")
                    host.clearTimeout(b)
                    _ = host.promiseReject("from A")
                }
                b = host.setTimeout(10) { c.log("B never") }
                host.setTimeout(10) {
                    c.log("C")
                    host.resolved().then { _ in throw JSException("from C microtask") }
                }
                host.setTimeout(10) { c.log("D") }
            }
        },
    ]
}

final class OrderingScenarioTests: XCTestCase {
    /// Runs scenario `name` on a fresh host and compares with node's output.
    func check(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let body = try XCTUnwrap(Scenarios.all[name], "no Swift scenario \(name)", file: file, line: line)
        let host = NHost(strategy: NoPropagation())
        let console = Console()
        host.run { try body(host, console) }
        XCTAssertEqual(host.uncaughtExceptions.map(\.description), [], "unexpected uncaught", file: file, line: line)
        let expected = try Scripts.expectedLines(name)
        XCTAssertEqual(console.lines.joined(separator: "\n"), expected.joined(separator: "\n"),
                       "\(name): host output differs from node", file: file, line: line)
    }

    func testEveryScriptHasAScenario() throws {
        let scripts = try Scripts.names()
        XCTAssertGreaterThanOrEqual(scripts.count, 25)
        XCTAssertEqual(Set(scripts), Set(Scenarios.all.keys))
    }

    func test01() throws { try check("01-tick-promise-timer-immediate") }
    func test02() throws { try check("02-tick-inside-microtask") }
    func test03() throws { try check("03-microtask-inside-tick") }
    func test04() throws { try check("04-await-value") }
    func test05() throws { try check("05-await-native-promise") }
    func test06() throws { try check("06-await-thenable") }
    func test07() throws { try check("07-async-return-promise") }
    func test08() throws { try check("08-promise-all") }
    func test09() throws { try check("09-promise-race") }
    func test10() throws { try check("10-promise-allsettled") }
    func test11() throws { try check("11-promise-any") }
    func test12() throws { try check("12-finally-value") }
    func test13() throws { try check("13-finally-rejection") }
    func test14() throws { try check("14-then-on-settled") }
    func test15() throws { try check("15-resolve-with-promise") }
    func test16() throws { try check("16-nested-timers-equal-deadlines") }
    func test17() throws { try check("17-timers-different-delays") }
    func test18() throws { try check("18-interval-clear-self") }
    func test19() throws { try check("19-interval-clear-other") }
    func test20() throws { try check("20-immediate-vs-timeout-in-callbacks") }
    func test21() throws { try check("21-rejection-handled-late") }
    func test22() throws { try check("22-throw-in-then") }
    func test23() throws { try check("23-throw-in-timer") }
    func test24() throws { try check("24-misuse-is-noop") }
    func test25() throws { try check("25-event-emitter-sync") }
    func test26() throws { try check("26-async-try-catch") }
    func test27() throws { try check("27-async-interleave") }
    func test28() throws { try check("28-immediates-drain-between") }
    func test29() throws { try check("29-unhandled-to-uncaught") }
    func test30() throws { try check("30-throw-in-tick") }
    func test31() throws { try check("31-interval-vs-timeout-from-callback") }
    func test32() throws { try check("32-work-from-rejection-handler") }
    func test33() throws { try check("33-throw-in-tick-main") }
    func test34() throws { try check("34-throw-in-tick-between-immediates") }
    func test35() throws { try check("35-same-deadline-clear-and-reject") }
}
