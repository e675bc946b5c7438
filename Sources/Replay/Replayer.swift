import HostRuntime
import ContextStrategies
import Measurement

/// What one replay observed and did.
public struct ReplayOutcome: Sendable {
    /// FNV-1a 64 over the store ids every `getStore` returned, in host order.
    public var checksum: UInt64 = 0xcbf2_9ce4_8422_2325
    public var getStores = 0
    /// `getStore`s that returned another store than the application saw.
    public var recordedMismatches = 0
    /// Native callbacks whose resource did not exist yet when the poll phase
    /// reached them (the host ran its creator later than the application did).
    public var skippedCallbacks = 0
    /// The first operation the strategy refused (workerd has no `enterWith`).
    public var unsupported: String?
    /// Replay latency of each request, from its start to its response's finish (ns).
    public var latencies: [UInt64] = []
    public var counters = StrategyCounters()
}

/// Replays a `ReplayProgram` on a `Host<Strategy>`: each recorded resource
/// becomes the host's own resource of the matching kind, created where the
/// application created it, so every strategy pays its lifecycle costs exactly
/// where its runtime would; storage operations call the strategy directly.
/// No application work is simulated: a callback's body is only its recorded
/// async operations.
final class Replayer<Strategy: ContextStrategy> {
    /// What the replay holds for a resource while it can still be used.
    enum Slot {
        case empty
        case promise(JSPromise<Strategy>)
        case resolvers(PromiseResolvers<Strategy>)
        case timer(TimerHandle<Strategy>)
        case immediate(ImmediateHandle<Strategy>)
        case native(NativeResource<Strategy>)
    }

    let program: ReplayProgram
    let host: Host<Strategy>
    let storages: [StorageKey]
    var slots: [Slot]
    /// Next host-run body of each resource.
    var cursor: [Int32]
    var outcome = ReplayOutcome()
    var requestStarted: [UInt64]
    let measureLatency: Bool
    /// The promise a reaction chains on when its trigger was not recorded.
    var standIn: JSPromise<Strategy>?
    /// Timers whose callback never ran in the recording (keep-alive and
    /// socket timeouts): created with this delay and cleared at the end.
    static var neverFiredDelayMs: Double { 2_147_483_647 }

    init(_ program: ReplayProgram, measureLatency: Bool) {
        self.program = program
        self.measureLatency = measureLatency
        let host = Host(strategy: Strategy(), clock: .virtual)
        self.host = host
        storages = (0..<program.storageCount).map { host.strategy.makeStorage(name: "storage\($0)") }
        slots = Array(repeating: .empty, count: program.resources.count)
        cursor = Array(repeating: 0, count: program.resources.count)
        requestStarted = Array(repeating: 0, count: program.requestCount + 1)
        outcome.latencies.reserveCapacity(program.requestCount)
    }

    /// - Complexity: O(events) host and strategy operations.
    func run() -> ReplayOutcome {
        host.runMain { standIn = host.promiseResolve(.undefined) }
        for step in program.steps {
            switch step {
            case .main(let body):
                host.runMain { execute(body) }
            case let .native(resource, body, atNanos):
                guard case .native(let native) = slots[Int(resource)] else {
                    outcome.skippedCallbacks += 1
                    continue
                }
                host.deliverNativeCallback(native, at: atNanos) { execute(body) }
            }
        }
        // Timers that never fired in the recording must not fire now.
        for r in slots.indices {
            if case .timer(let timer) = slots[r], program.resources[r].hostRunBodies.isEmpty { host.clearTimeout(timer) }
        }
        host.runLoop()
        outcome.counters = host.strategy.counters
        return outcome
    }

    @inline(__always) func value(_ id: Int32) -> JSValue { id == 0 ? .undefined : .number(Double(id)) }

    /// The host promise a resource stands for, if it is one.
    func promise(_ r: Int32) -> JSPromise<Strategy>? {
        guard r >= 0 else { return nil }
        switch slots[Int(r)] {
        case .promise(let p): return p
        case .resolvers(let rv): return rv.promise
        case .empty, .timer, .immediate, .native: return nil
        }
    }

    /// The next body the host runs for `r` (none once the recording's are used up).
    func runHostBody(_ r: Int32) {
        let bodies = program.resources[Int(r)].hostRunBodies
        let next = Int(cursor[Int(r)])
        guard next < bodies.count else { return }
        cursor[Int(r)] += 1
        execute(bodies[next])
    }

    func create(_ r: Int32) {
        let resource = program.resources[Int(r)]
        switch resource.kind {
        case .promise:
            slots[Int(r)] = .resolvers(host.withResolvers())
        case .reaction:
            let trigger = promise(resource.trigger) ?? standIn!
            slots[Int(r)] = .promise(trigger.then({ [unowned self] _ in self.runHostBody(r); return .undefined }))
        case .timeout:
            let fires = resource.hostRunBodies.count
            if fires == 0 {
                slots[Int(r)] = .timer(host.setTimeout(Self.neverFiredDelayMs) {})
            } else if fires == 1 {
                slots[Int(r)] = .timer(host.setTimeout(resource.delayMs) { [unowned self] in self.runHostBody(r) })
            } else {
                // A timer re-armed with refresh(): one resource, several callbacks.
                slots[Int(r)] = .timer(host.setInterval(resource.delayMs) { [unowned self] in
                    self.runHostBody(r)
                    if Int(self.cursor[Int(r)]) == fires, case .timer(let t) = self.slots[Int(r)] { self.host.clearInterval(t) }
                })
            }
        case .immediate:
            slots[Int(r)] = .immediate(host.setImmediate { [unowned self] in self.runHostBody(r) })
        case .tick:
            host.nextTick { [unowned self] in self.runHostBody(r) }
        case .microtask:
            host.queueMicrotask { [unowned self] in self.runHostBody(r) }
        case .native:
            slots[Int(r)] = .native(host.makeNativeResource())
        }
    }

    /// `destroy`: no callback follows. A timer or immediate the host has not
    /// yet run the recorded callbacks of is left to run them (the host may
    /// run it later than the application did); otherwise it is cleared.
    func destroy(_ r: Int32) {
        let pending = Int(cursor[Int(r)]) < program.resources[Int(r)].hostRunBodies.count
        switch slots[Int(r)] {
        case .timer(let t):
            if pending { return }
            host.clearTimeout(t)
        case .immediate(let i):
            if pending { return }
            host.clearImmediate(i)
        case .native(let n):
            host.destroyNativeResource(n)
        case .promise, .resolvers, .empty:
            break
        }
        slots[Int(r)] = .empty
    }

    func execute(_ body: Int32) {
        var i = Int(program.bodyStart[Int(body)])
        let end = Int(program.bodyStart[Int(body) + 1])
        while i < end {
            perform(program.ops[i])
            i += 1
        }
    }

    func perform(_ op: ReplayOp) {
        switch op {
        case .create(let r):
            create(r)
        case .resolve(let r):
            // Reactions' promises resolve themselves when their handler returns.
            if case .resolvers(let rv) = slots[Int(r)] { rv.resolve(.undefined) }
        case .destroy(let r):
            destroy(r)
        case let .getStore(storage, expected):
            let store = host.strategy.getStore(storages[Int(storage)]) ?? .undefined
            let id: Int32 = store.numberValue.map { Int32($0) } ?? 0
            outcome.getStores += 1
            if id != expected { outcome.recordedMismatches += 1 }
            var h = outcome.checksum
            var bits = UInt32(bitPattern: id)
            for _ in 0..<4 { h = (h ^ UInt64(bits & 0xff)) &* 0x100_0000_01b3; bits >>= 8 }
            outcome.checksum = h
        case let .run(storage, v, body):
            host.strategy.run(storages[Int(storage)], value(v)) { execute(body) }
        case let .exit(storage, body):
            host.strategy.exit(storages[Int(storage)]) { execute(body) }
        case let .enterWith(storage, v):
            do { try host.strategy.enterWith(storages[Int(storage)], value(v)) } catch {
                if outcome.unsupported == nil { outcome.unsupported = "\(error)" }
            }
        case let .invoke(r, body):
            if case .native(let native) = slots[Int(r)] { host.makeCallback(native) { execute(body) } } else { execute(body) }
        case .requestStart(let n):
            if measureLatency { requestStarted[Int(n)] = MonotonicClock.now() }
        case .requestEnd(let n):
            if measureLatency, requestStarted[Int(n)] != 0 {
                outcome.latencies.append(MonotonicClock.now() &- requestStarted[Int(n)])
            }
        }
    }
}
