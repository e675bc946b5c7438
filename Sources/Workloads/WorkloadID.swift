/// The workloads. Their raw values are a contract: CSV rows, CLI flags, charts.
public enum WorkloadID: String, CaseIterable, Codable, Sendable {
    case promiseChain = "promise-chain"
    case awaitLoop = "await-loop"
    case awaitDepth = "await-depth"
    case promiseFanout = "promise-fanout"
    case thenableAdopt = "thenable-adopt"
    case timerBurst = "timer-burst"
    case timerSpread = "timer-spread"
    case timerCancel = "timer-cancel"
    case interval = "interval"
    case requestServer = "request-server"
    case getStore = "get-store"
    case runEnter = "run-enter"
    case contextChurn = "context-churn"
    case idleStorages = "idle-storages"

    /// What one "op" of the workload is (ns/op and allocs/op are per this).
    public var opUnit: String {
        switch self {
        case .promiseChain, .promiseFanout: return "reaction"
        case .awaitLoop, .awaitDepth, .contextChurn, .idleStorages: return "await"
        case .thenableAdopt: return "adoption"
        case .timerBurst, .timerSpread, .timerCancel: return "timer scheduled"
        case .interval: return "interval tick"
        case .requestServer: return "request"
        case .getStore: return "getStore"
        case .runEnter: return "run"
        }
    }

    /// Whether one op is a single sub-microsecond call (`getStore`, `run`): a
    /// ratio to `none`'s near-empty loop body means nothing there, so reports
    /// give the added ns per op over `none` instead.
    public var isMicroOperation: Bool {
        switch self {
        case .getStore, .runEnter: return true
        case .promiseChain, .awaitLoop, .awaitDepth, .promiseFanout, .thenableAdopt, .timerBurst, .timerSpread,
             .timerCancel, .interval, .requestServer, .contextChurn, .idleStorages: return false
        }
    }

    public var summary: String {
        switch self {
        case .promiseChain: return "one flow enters k storages, then ops chained then() reactions, each reading a storage"
        case .awaitLoop: return "Node's async-local-storage-propagate-promise shape: inside k nested runs an async function awaits ops times"
        case .awaitDepth: return "async functions calling each other to depth d, awaited, repeated until ops awaits"
        case .promiseFanout: return "Promise.all over batches of width w of reactions"
        case .thenableAdopt: return "promises resolved with non-native thenables (an extra job per adoption)"
        case .timerBurst: return "ops zero-delay timers in batches of 1,000, each reading the context"
        case .timerSpread: return "ops timers with seeded random deadlines over a window (a deep timer heap)"
        case .timerCancel: return "ops timers scheduled, 90 % cancelled before firing"
        case .interval: return "intervals ticking 10 times each, then cleared"
        case .requestServer: return "requests with `concurrency` in flight: enter k storages, 4 awaits, one 1 ms timer, 3 getStore logs"
        case .getStore: return "getStore with k storages active (k = 0: a storage with no value)"
        case .runEnter: return "run(value, noop) with k other storages active"
        case .contextChurn: return "one async flow of ops awaits; before an await, with rate run_rate, a new run replaces one storage's value"
        case .idleStorages: return "k storages constructed but never used (idle libraries); one other storage entered; an async function awaits ops times, reading it"
        }
    }
}
