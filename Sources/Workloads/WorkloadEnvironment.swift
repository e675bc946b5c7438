import HostRuntime
import ContextStrategies

/// Optional instrumentation a measurement pass attaches to a run. Absent in
/// timed passes, so the measured path carries none of it.
public final class RunInstrumentation {
    /// Called with each request's latency in host-clock nanoseconds.
    public var recordLatency: ((UInt64) -> Void)?
    /// Called once when the workload has its peak amount of pending work
    /// (every in-flight request waiting on its timer).
    public var atPeak: (() -> Void)?
    public init(recordLatency: ((UInt64) -> Void)? = nil, atPeak: (() -> Void)? = nil) {
        self.recordLatency = recordLatency
        self.atPeak = atPeak
    }
}

/// Everything one workload run uses: a fresh host, k storages, the probe.
public struct WorkloadEnvironment<Strategy: ContextStrategy> {
    public let host: Host<Strategy>
    public let storages: [AsyncLocalStorage<Strategy>]
    public let probe: ContextProbe<Strategy>
    public let parameters: WorkloadParameters
    public let instrumentation: RunInstrumentation?

    public init(clock: ClockMode = .virtual, parameters: WorkloadParameters, instrumentation: RunInstrumentation? = nil) {
        let host = Host(strategy: Strategy(), clock: clock)
        self.host = host
        self.storages = (0..<parameters.storages).map { AsyncLocalStorage(host, name: "storage-\($0)") }
        self.probe = ContextProbe(storages)
        self.parameters = parameters
        self.instrumentation = instrumentation
    }

    /// Enters all k storages (storage i gets `base + i`) around `body`.
    func enterAll<R>(base: Double, _ body: () throws -> R) rethrows -> R {
        try AsyncLocalStorage.enterAll(storages, value: { .number(base + Double($0)) }, body)
    }
}

/// What one run of a workload observed.
public struct WorkloadOutcome: Equatable, Sendable {
    /// Checksum of every context value observed, in order.
    public var checksum: UInt64
    /// How many context reads went into it.
    public var reads: Int
    /// Uncaught errors the host recorded (a correct run has none).
    public var uncaughtErrors: Int
    /// The strategy's deterministic work counters after the run.
    public var counters: StrategyCounters

    public init(checksum: UInt64, reads: Int, uncaughtErrors: Int, counters: StrategyCounters) {
        self.checksum = checksum
        self.reads = reads
        self.uncaughtErrors = uncaughtErrors
        self.counters = counters
    }
}

extension WorkloadID {
    /// Runs this workload once on a fresh host and drains it.
    ///
    /// Generic over the strategy and specialized per strategy: the workload is
    /// written once and every strategy runs exactly the same program.
    public func run<Strategy: ContextStrategy>(_ strategy: Strategy.Type, _ parameters: WorkloadParameters,
                                               clock: ClockMode = .virtual,
                                               instrumentation: RunInstrumentation? = nil) -> WorkloadOutcome {
        let env = WorkloadEnvironment<Strategy>(clock: clock, parameters: parameters, instrumentation: instrumentation)
        env.host.run {
            switch self {
            case .promiseChain: PromiseWorkloads.promiseChain(env)
            case .awaitLoop: PromiseWorkloads.awaitLoop(env)
            case .awaitDepth: PromiseWorkloads.awaitDepth(env)
            case .promiseFanout: PromiseWorkloads.promiseFanout(env)
            case .thenableAdopt: PromiseWorkloads.thenableAdopt(env)
            case .timerBurst: TimerWorkloads.timerBurst(env)
            case .timerSpread: TimerWorkloads.timerSpread(env)
            case .timerCancel: TimerWorkloads.timerCancel(env)
            case .interval: TimerWorkloads.interval(env)
            case .requestServer: RequestServer.run(env)
            case .getStore: ContextWorkloads.getStore(env)
            case .runEnter: ContextWorkloads.runEnter(env)
            case .contextChurn: ContextWorkloads.contextChurn(env)
            case .idleStorages: ContextWorkloads.idleStorages(env)
            }
        }
        return WorkloadOutcome(checksum: env.probe.checksum, reads: env.probe.reads,
                               uncaughtErrors: env.host.uncaughtExceptions.count,
                               counters: env.host.strategy.counters)
    }
}
