import XCTest
@testable import HostRuntime

/// A test-only strategy that logs every lifecycle call. Each resource gets an
/// id (its `Captured`); the "context" is a string the test sets, captured at
/// init and made current by `enter`, like an AsyncLocalStorage store.
final class RecordingStrategy: PropagationStrategy {
    /// A resource's id (the host stores `Captured?` — a class reference).
    final class ResourceID {
        let id: Int
        init(_ id: Int) { self.id = id }
    }
    enum Event: Equatable {
        case initResource(Int, ResourceKind)
        case initReaction(Int, derived: Int)
        case enter(Int, ResourceKind)
        case leave(Int, ResourceKind)
        case promiseResolved(Int)
        case destroy(Int, ResourceKind)
    }
    private(set) var events: [Event] = []
    private var nextID = 0
    /// The current context, and the one each resource captured at init.
    var context = "root"
    private(set) var captured: [Int: String] = [:]
    private(set) var kinds: [Int: ResourceKind] = [:]

    private func make() -> Int {
        nextID += 1
        captured[nextID] = context
        return nextID
    }
    func initResource(_ kind: ResourceKind) -> ResourceID? {
        let id = make()
        kinds[id] = kind
        events.append(.initResource(id, kind))
        return ResourceID(id)
    }
    func initReaction(derived: ResourceID?) -> ResourceID? {
        let id = make()
        events.append(.initReaction(id, derived: derived!.id))
        return ResourceID(id)
    }
    func enter(_ resource: ResourceID?, _ kind: ResourceKind) -> String {
        let id = resource!.id
        events.append(.enter(id, kind))
        let saved = context
        context = captured[id]!
        return saved
    }
    func leave(_ saved: String, _ resource: ResourceID?, _ kind: ResourceKind) {
        events.append(.leave(resource!.id, kind))
        context = saved
    }
    func promiseResolved(_ resource: ResourceID?) { events.append(.promiseResolved(resource!.id)) }
    func destroy(_ resource: ResourceID?, _ kind: ResourceKind) { events.append(.destroy(resource!.id, kind)) }
    func rejectionContext(promise: ResourceID?) -> ResourceID? { promise }

    /// Events logged while `body` runs.
    func recording(_ body: () -> Void) -> [Event] {
        let start = events.count
        body()
        return Array(events[start...])
    }
}

typealias RHost = HostRuntime.Host<RecordingStrategy>

final class LifecycleTests: XCTestCase {
    var strategy: RecordingStrategy!
    var host: RHost!

    override func setUp() {
        strategy = RecordingStrategy()
        host = RHost(strategy: strategy)
    }

    func testThenCreatesOnePromiseAndOneReaction() {
        let host = self.host!, strategy = self.strategy!
        let p = host.promiseResolve(1)
        var derived: JSPromise<RecordingStrategy>!
        let events = strategy.recording { derived = p.then({ $0 }) }
        XCTAssertEqual(events, [.initResource(derived.captured!.id, .promise),
                                .initReaction(derived.captured!.id + 1, derived: derived.captured!.id)])
        // The same for a pending promise, catch and finally's inner then.
        let pending = host.withResolvers()
        XCTAssertEqual(strategy.recording { pending.promise.catch { $0 } }.count, 2)
    }

    func testPromiseAllReportsEachInputsThrowawayPromiseToTheStrategy() {
        // With hooks on, V8 takes Promise.all's slow path: a real `then` per
        // input whose derived promise hook designs see created and settled.
        // The host allocates no promise for it but reports the resource.
        let host = self.host!, strategy = self.strategy!
        let inputs: [JSValue] = [.object(host.promiseResolve(1)), .object(host.promiseResolve(2))]
        let events = strategy.recording { host.run { _ = host.all(inputs) } }
        let inits = events.filter { if case .initResource(_, .promise) = $0 { return true } else { return false } }
        let reactions = events.compactMap { event -> Int? in if case .initReaction(let id, _) = event { return id } else { return nil } }
        XCTAssertEqual(inits.count, 1 + 2)  // the result, one throwaway per input
        XCTAssertEqual(reactions.count, 2)
        for id in reactions {
            XCTAssertTrue(events.contains(.enter(id, .promise)), "input job \(id) entered: \(events)")
            XCTAssertTrue(events.contains(.promiseResolved(id)), "input job \(id) settled its throwaway: \(events)")
            XCTAssertTrue(events.contains(.leave(id, .promise)))
        }
    }

    func testAwaitOfValueCreatesPromiseAndAwaitReaction() {
        let host = self.host!, strategy = self.strategy!
        var events: [RecordingStrategy.Event] = []
        host.run {
            let function = host.async {
                let start = strategy.events.count
                return .awaiting(7) { _ in
                    events = Array(strategy.events[start...])
                    return .done
                }
            }
            _ = function
        }
        let inits = events.filter { if case .initResource = $0 { return true } else { return false } }
        XCTAssertEqual(inits.count, 2)
        guard inits.count == 2, case .initResource(let promiseID, .promise) = inits[0],
              case .initResource(let reactionID, .awaitReaction) = inits[1] else {
            return XCTFail("expected init(.promise) then init(.awaitReaction), got \(inits)")
        }
        XCTAssertTrue(events.contains(.promiseResolved(promiseID)))
        XCTAssertTrue(events.contains(.enter(reactionID, .awaitReaction)))
    }

    func testAwaitOfNativePromiseCreatesOnlyTheReaction() {
        let host = self.host!, strategy = self.strategy!
        let p = host.promiseResolve(1)
        let events = strategy.recording {
            _ = host.async { .awaiting(p) { _ in .done } }
        }
        // The function's own promise, then the await reaction: no wrapper promise.
        XCTAssertEqual(events.count, 2)
        guard events.count == 2, case .initResource(_, .promise) = events[0],
              case .initResource(_, .awaitReaction) = events[1] else { return XCTFail("\(events)") }
    }

    /// A mixed program touching every kind of resource, including throws.
    func runMixedProgram() {
        let host = self.host!
        host.onUncaughtException = { _ in }
        host.onUnhandledRejection = { _, _ in }
        host.run {
            let t = host.setTimeout(5) { host.nextTick {}; throw JSException("timer") }
            _ = t
            let cleared = host.setTimeout(5) {}
            host.clearTimeout(cleared)
            host.clearTimeout(cleared)
            var n = 0
            var iv: TimerHandle<RecordingStrategy>?
            iv = host.setInterval(2) { n += 1; if n == 3 { host.clearInterval(iv) } }
            host.setImmediate { host.queueMicrotask { throw JSException("microtask") } }
            let dropped = host.setImmediate {}
            host.clearImmediate(dropped)
            host.nextTick { host.promiseResolve(1).then({ _ in throw JSException("then") }) }
            let thenable = Thenable { res, _ in host.setTimeout(1) { res(2) } }
            _ = host.async {
                .awaiting(.object(thenable)) { _ in
                    .awaiting(.object(host.promiseReject("r")), { _ in .done }, catching: { _ in
                        .returning(.object(host.promiseResolve(3)))
                    })
                }
            }.finally { .undefined }
            _ = host.all([1, .object(host.promiseResolve(2))])
            let r = host.withResolvers()
            r.resolve(1); r.resolve(2); r.reject("x")
            _ = host.promiseReject("unhandled")
        }
    }

    func testEnterAndLeaveAreBalancedAndNested() {
        let strategy = self.strategy!
        runMixedProgram()
        var stack: [(Int, ResourceKind)] = []
        var entered = 0
        for event in strategy.events {
            switch event {
            case .enter(let id, let kind):
                stack.append((id, kind)); entered += 1
            case .leave(let id, let kind):
                guard let top = stack.popLast() else { return XCTFail("leave without enter: \(event)") }
                XCTAssertEqual(top.0, id); XCTAssertEqual(top.1, kind, "enter/leave kinds differ for \(id)")
            default: break
            }
        }
        XCTAssertTrue(stack.isEmpty, "unbalanced: \(stack)")
        XCTAssertGreaterThan(entered, 20)
        XCTAssertEqual(strategy.context, "root")
    }

    func testDestroyOncePerNonPromiseResourceAndNeverBeforeItsLastCallback() {
        let strategy = self.strategy!
        runMixedProgram()
        var destroyed: [Int: Int] = [:]
        for event in strategy.events {
            switch event {
            case .destroy(let id, let kind):
                destroyed[id, default: 0] += 1
                XCTAssertEqual(strategy.kinds[id], kind)
            case .enter(let id, _):
                XCTAssertNil(destroyed[id], "resource \(id) entered after destroy")
            default: break
            }
        }
        let nonPromise: Set<ResourceKind> = [.timeout, .interval, .immediate, .tickObject, .microtask, .thenableJob, .awaitReaction]
        var seenKinds = Set<ResourceKind>()
        for (id, kind) in strategy.kinds {
            if nonPromise.contains(kind) {
                XCTAssertEqual(destroyed[id], 1, "\(kind) \(id) destroyed \(destroyed[id] ?? 0) times")
                seenKinds.insert(kind)
            } else {
                XCTAssertNil(destroyed[id], "promise \(id) destroyed")
            }
        }
        XCTAssertEqual(seenKinds, nonPromise, "the program should create every kind")
    }

    func testPromiseResolvedOncePerSettledPromise() {
        let host = self.host!, strategy = self.strategy!
        runMixedProgram()
        var resolved: [Int: Int] = [:]
        // Adopting a native promise resolves V8's throwaway `then` promise,
        // which the host reports through the adoption reaction's slot (for
        // hook designs, `initReaction` returns that promise's resource).
        let reactionIDs = Set(strategy.events.compactMap { if case .initReaction(let id, _) = $0 { return id } else { return nil } })
        for case .promiseResolved(let id) in strategy.events {
            resolved[id, default: 0] += 1
            XCTAssertTrue(strategy.kinds[id] == .promise || reactionIDs.contains(id), "\(id) is not a promise")
        }
        XCTAssertTrue(resolved.values.allSatisfy { $0 == 1 }, "\(resolved.filter { $0.value > 1 })")
        // Double resolve / reject after resolve: still one.
        let r = host.withResolvers()
        let id = r.promise.captured!.id
        r.resolve(1); r.resolve(2); r.reject(3)
        XCTAssertEqual(strategy.events.filter { $0 == .promiseResolved(id) }.count, 1)
        XCTAssertNil(r.promise.captured, "a settled promise pins no resource")
    }

    func testReactionCapturesContextAtThenTimeNotResolveTime() {
        let host = self.host!, strategy = self.strategy!
        var seen: [String] = []
        host.run {
            let r = host.withResolvers()
            strategy.context = "at-then"
            r.promise.then({ v in seen.append("then \(strategy.context)"); return v })
            strategy.context = "at-await"
            _ = host.async { .awaiting(r.promise) { _ in seen.append("await \(strategy.context)"); return .done } }
            strategy.context = "at-timer"
            host.setTimeout(1) {
                strategy.context = "at-resolve"
                r.resolve(1)
                strategy.context = "root"
            }
            strategy.context = "at-thenable"
            _ = host.promiseResolve(.object(Thenable { res, _ in seen.append("thenable job \(strategy.context)"); res(1) }))
            strategy.context = "at-tick"
            host.nextTick { seen.append("tick \(strategy.context)") }
            strategy.context = "root"
        }
        XCTAssertEqual(seen, ["tick at-tick", "thenable job at-thenable", "then at-then", "await at-await"])
    }
}
