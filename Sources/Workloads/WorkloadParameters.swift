/// The parameters of one workload run.
public struct WorkloadParameters: Hashable, Codable, Sendable {
    /// k: the number of storages, all entered per flow as k independent libraries would.
    public var storages: Int
    /// Operations per run (see `WorkloadID.opUnit`).
    public var ops: Int
    /// `request-server`: requests in flight.
    public var concurrency: Int
    /// `context-churn`: the fraction of awaits preceded by a new `run` (0…1).
    public var runRate: Double
    /// `promise-fanout`: batch width; `await-depth`: call depth.
    public var width: Int
    public var depth: Int
    /// Seed for workloads with seeded randomness (`timer-spread`).
    public var seed: UInt64

    public init(storages: Int, ops: Int, concurrency: Int = 100, runRate: Double = 0.1,
                width: Int = 100, depth: Int = 10, seed: UInt64 = 42) {
        self.storages = storages
        self.ops = ops
        self.concurrency = concurrency
        self.runRate = runRate
        self.width = width
        self.depth = depth
        self.seed = seed
    }

    /// Rejects nonsense before any work starts.
    public func validate(for workload: WorkloadID) throws {
        func fail(_ message: String) -> WorkloadError { .invalidParameter("\(workload.rawValue): \(message)") }
        guard storages >= 0, storages <= 4096 else { throw fail("storages must be in 0…4096, got \(storages)") }
        guard ops >= 1 else { throw fail("ops must be at least 1, got \(ops)") }
        guard concurrency >= 1 else { throw fail("concurrency must be at least 1, got \(concurrency)") }
        guard runRate.isFinite, runRate >= 0, runRate <= 1 else { throw fail("run_rate must be in 0…1, got \(runRate)") }
        guard width >= 1 else { throw fail("width must be at least 1, got \(width)") }
        guard depth >= 1 else { throw fail("depth must be at least 1, got \(depth)") }
    }
}

public enum WorkloadError: Error, CustomStringConvertible, Equatable {
    case invalidParameter(String)
    case unknownStrategy(String)

    public var description: String {
        switch self {
        case .invalidParameter(let m): return "invalid parameter: \(m)"
        case .unknownStrategy(let id):
            return "unknown strategy '\(id)'; valid strategies: \(StrategyCatalog.allMeasurableIDs.joined(separator: ", "))"
        }
    }
}
