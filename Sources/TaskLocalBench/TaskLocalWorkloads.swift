/// Swift's native answer to async context propagation: the model's workload
/// shapes written in Swift structured concurrency, with k `@TaskLocal`
/// bindings standing in for k `AsyncLocalStorage` instances.
///
/// This runs on Swift's own scheduler (the cooperative global executor,
/// several threads), not on the simulated JavaScript host: only the shapes
/// and the observed values correspond, not the event loop.
///
/// How the shapes translate:
/// - `run(value, fn)` → `$key.withValue(value) { … }` (pushes one binding
///   onto the task's binding list, O(1); popped on return).
/// - `getStore()` → `key.get()` (walks the task's binding list, O(depth)).
/// - a promise reaction / `await` resumption → a suspension point
///   (`await Task.yield()`), or a child task where JavaScript creates a
///   promise per step (`promise-chain`: one `async let` child per step;
///   child tasks see the parent's bindings by pointer, nothing is copied).
/// - `Promise.all` over width w → a `TaskGroup` with w children.
/// - the request server → `concurrency` child tasks in flight, each one
///   request: enter k bindings, 4 yields and one `Task.sleep(1 ms)`, 3 logs.
public enum TaskLocalWorkload: String, CaseIterable, Sendable {
    case promiseChain = "promise-chain"
    case awaitLoop = "await-loop"
    case awaitDepth = "await-depth"
    case promiseFanout = "promise-fanout"
    case requestServer = "request-server"

    /// The model's `Suite.defaultOps` at scale 1.
    public var defaultOps: Int {
        switch self {
        case .promiseChain, .awaitLoop, .promiseFanout: return 10_000
        case .awaitDepth: return 11_000
        case .requestServer: return 2_000
        }
    }
}

/// Parameters of one run (the model's names and defaults).
public struct TaskLocalParameters: Hashable, Sendable {
    /// k: task-local keys bound per flow (0 = no binding at all: the baseline).
    public var storages: Int
    public var ops: Int
    /// `request-server`: requests in flight.
    public var concurrency: Int
    /// `promise-fanout`: task-group width.
    public var width: Int
    /// `await-depth`: call depth.
    public var depth: Int

    public init(storages: Int, ops: Int, concurrency: Int = 100, width: Int = 100, depth: Int = 10) {
        self.storages = storages
        self.ops = ops
        self.concurrency = concurrency
        self.width = width
        self.depth = depth
    }
}

/// What one run observed.
public struct TaskLocalOutcome: Equatable, Sendable {
    /// FNV-1a 64 over every observed value's bits, in the workload's logical
    /// order (the model's `ContextProbe` checksum).
    public var checksum: UInt64
    /// Number of context reads folded into the checksum.
    public var reads: Int
}

/// The model's probe: an order-sensitive checksum of observed values
/// (number → its bit pattern, nil → 0x0bad_cafe; no storages → 0x5eed).
public struct ContextChecksum: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    public private(set) var reads = 0
    public init() {}

    @inline(__always)
    public mutating func mix(_ bits: UInt64) {
        reads += 1
        value = (value ^ bits) &* 0x0000_0100_0000_01b3
    }

    @inline(__always)
    public mutating func observe(_ v: Double?) {
        if let v { mix(v.bitPattern) } else { mix(0x0bad_cafe) }
    }

    /// What a log does with no storage at all.
    @inline(__always)
    public mutating func observeNothing() { mix(0x5eed) }
}

/// The task-local keys: one `TaskLocal` per storage, as k independent
/// libraries would each declare `@TaskLocal static var value: Double?`
/// (the property wrapper's projected value `$value` is exactly such an object).
public enum TaskLocalKeys {
    public static let maximum = 128
    public static let keys: [TaskLocal<Double?>] = (0..<maximum).map { _ in TaskLocal(wrappedValue: nil) }

    /// Reads key `index` (`getStore()`).
    @inline(__always)
    public static func read(_ index: Int) -> Double? { keys[index].get() }

    /// Binds keys 0..<k (key i to `base + i`) as nested `withValue` scopes and
    /// runs `body` innermost.
    @inline(__always)
    public static func enterAll<R: Sendable>(_ k: Int, base: Double, _ body: @Sendable () async -> R) async -> R {
        await enter(0, k, base, body)
    }

    static func enter<R: Sendable>(_ i: Int, _ k: Int, _ base: Double, _ body: @Sendable () async -> R) async -> R {
        if i == k { return await body() }
        return await keys[i].withValue(base + Double(i)) { await enter(i + 1, k, base, body) }
    }
}

/// A logger over the first k keys, reading them round-robin.
struct RoundRobin {
    let k: Int
    var cursor = 0
    var checksum = ContextChecksum()
    init(_ k: Int) { self.k = k }

    @inline(__always)
    mutating func next() -> Int {
        let i = cursor
        cursor += 1
        if cursor == k { cursor = 0 }
        return i
    }

    @inline(__always)
    mutating func log() {
        if k == 0 { return checksum.observeNothing() }
        checksum.observe(TaskLocalKeys.read(next()))
    }

    var outcome: TaskLocalOutcome { TaskLocalOutcome(checksum: checksum.value, reads: checksum.reads) }
}

public enum TaskLocalWorkloads {
    /// Runs `workload` once and returns what it observed.
    public static func run(_ workload: TaskLocalWorkload, _ p: TaskLocalParameters) async -> TaskLocalOutcome {
        precondition(p.storages >= 0 && p.storages <= TaskLocalKeys.maximum, "storages must be in 0…\(TaskLocalKeys.maximum)")
        switch workload {
        case .promiseChain: return await promiseChain(p)
        case .awaitLoop: return await awaitLoop(p)
        case .awaitDepth: return await awaitDepth(p)
        case .promiseFanout: return await promiseFanout(p)
        case .requestServer: return await requestServer(p)
        }
    }

    /// One flow binds k keys, then `ops` steps, each a child task (as each
    /// `then` creates a promise and a reaction job) that reads one key; the
    /// parent awaits each before starting the next.
    static func promiseChain(_ p: TaskLocalParameters) async -> TaskLocalOutcome {
        await TaskLocalKeys.enterAll(p.storages, base: 1) {
            var probe = RoundRobin(p.storages)
            for _ in 0..<p.ops {
                let index = probe.k == 0 ? -1 : probe.next()
                async let step = chainStep(index)
                let value = await step
                if index < 0 { probe.checksum.observeNothing() } else { probe.checksum.observe(value) }
            }
            return probe.outcome
        }
    }

    /// One chain step's body (the `then` handler): reads key `index`
    /// (index < 0: no storage, the k = 0 baseline does the same call).
    @inline(never)
    static func chainStep(_ index: Int) -> Double? {
        index < 0 ? nil : TaskLocalKeys.read(index)
    }

    /// Inside k bindings, one async function suspends `ops` times
    /// (`await Task.yield()`, Swift's `await undefined`) and logs after each.
    static func awaitLoop(_ p: TaskLocalParameters) async -> TaskLocalOutcome {
        await TaskLocalKeys.enterAll(p.storages, base: 1) {
            var probe = RoundRobin(p.storages)
            for _ in 0..<p.ops {
                await Task.yield()
                probe.log()
            }
            return probe.outcome
        }
    }

    /// Async functions calling each other to depth d; the innermost suspends
    /// once and logs; calls repeat until `ops` (d + 1 per call, as counted by
    /// the model) have run.
    static func awaitDepth(_ p: TaskLocalParameters) async -> TaskLocalOutcome {
        let calls = max(1, p.ops / (p.depth + 1))
        return await TaskLocalKeys.enterAll(p.storages, base: 1) {
            var probe = RoundRobin(p.storages)
            for _ in 0..<calls {
                await depthCall(p.depth, &probe)
            }
            return probe.outcome
        }
    }

    @inline(never)
    static func depthCall(_ level: Int, _ probe: inout RoundRobin) async {
        if level == 0 {
            await Task.yield()
            probe.log()
            return
        }
        await depthCall(level - 1, &probe)
    }

    /// Batches of `width` child tasks in a task group (`Promise.all`), each
    /// child reading one key; results folded in child order.
    static func promiseFanout(_ p: TaskLocalParameters) async -> TaskLocalOutcome {
        let batches = max(1, p.ops / p.width)
        return await TaskLocalKeys.enterAll(p.storages, base: 1) {
            var probe = RoundRobin(p.storages)
            var observed = [Double?](repeating: nil, count: p.width)
            for _ in 0..<batches {
                let first = probe.cursor
                let k = probe.k
                await withTaskGroup(of: (Int, Double?).self) { group in
                    for i in 0..<p.width {
                        group.addTask { (i, k == 0 ? nil : TaskLocalKeys.read((first + i) % k)) }
                    }
                    for await (i, v) in group { observed[i] = v }
                }
                for i in 0..<p.width {
                    if k == 0 { probe.checksum.observeNothing() } else { _ = probe.next(); probe.checksum.observe(observed[i]) }
                }
            }
            return probe.outcome
        }
    }

    /// `concurrency` requests in flight as child tasks; each binds its k keys
    /// (key i = id × 4096 + i), yields twice, sleeps 1 ms, yields twice,
    /// logging three times; a finished request starts the next until `ops`.
    /// Log j of request `id` reads key (3 id + j) mod k; observations are
    /// folded in request order, so the checksum is deterministic.
    static func requestServer(_ p: TaskLocalParameters) async -> TaskLocalOutcome {
        let k = p.storages
        var seen = [Double?](repeating: nil, count: 3 * p.ops)
        await withTaskGroup(of: (Int, Double?, Double?, Double?).self) { group in
            var started = 0
            func start() {
                let id = started
                started += 1
                group.addTask {
                    await TaskLocalKeys.enterAll(k, base: Double(id) * 4096) { await handle(id, k) }
                }
            }
            for _ in 0..<min(p.concurrency, p.ops) { start() }
            while let (id, a, b, c) = await group.next() {
                seen[3 * id] = a
                seen[3 * id + 1] = b
                seen[3 * id + 2] = c
                if started < p.ops { start() }
            }
        }
        var checksum = ContextChecksum()
        for v in seen { if k == 0 { checksum.observeNothing() } else { checksum.observe(v) } }
        return TaskLocalOutcome(checksum: checksum.value, reads: checksum.reads)
    }

    @inline(never)
    static func handle(_ id: Int, _ k: Int) async -> (Int, Double?, Double?, Double?) {
        func read(_ j: Int) -> Double? { k == 0 ? nil : TaskLocalKeys.read((3 * id + j) % k) }
        await Task.yield()
        let a = read(0)
        await Task.yield()
        try? await Task.sleep(for: .milliseconds(1))
        let b = read(1)
        await Task.yield()
        await Task.yield()
        let c = read(2)
        return (id, a, b, c)
    }
}
