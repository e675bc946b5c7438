import Workloads
extension Suite {
    /// Issue 13: the cells the model and the real runtimes are compared on
    /// (`bench fidelity`): every workload at k = 1, 8, 64, and the
    /// context-churn run_rate sweep of `standard` at each k (the crossover),
    /// under `none` and the strategies real runtimes stand for.
    public static let fidelity = Suite(
        name: "fidelity",
        summary: "model beside real runtimes: every workload at k = 1, 8, 64; context-churn run_rate {0, 0.001, 0.01, 0.1, 0.25, 0.5, 1} × k {1, 8, 64}",
        cells: build(storages: headlineStorages, sweepK: [], runRates: fidelityRunRates, churnK: headlineStorages,
                     concurrencies: [], concurrencyK: [], scale: 1),
        repetitions: 7, warmups: 1, minSampleNanos: 10_000_000, latencyRequests: 1_000,
        strategies: fidelityStrategies)

    /// `fidelity` with small runs and 3 repetitions (a smoke test of the harness).
    public static let fidelityQuick = Suite(
        name: "fidelity", summary: "fidelity, small runs: every workload at k = 1, 8, 64; run_rate {0, 0.1, 1}",
        cells: build(storages: headlineStorages, sweepK: [], runRates: [0, 0.1, 1], churnK: headlineStorages,
                     concurrencies: [], concurrencyK: [], scale: 0.2),
        repetitions: 3, warmups: 1, minSampleNanos: 2_000_000, latencyRequests: 200,
        strategies: fidelityStrategies)

    /// The run rates of the crossover sweep (the same as `standard`'s).
    public static let fidelityRunRates: [Double] = [0, 0.001, 0.01, 0.1, 0.25, 0.5, 1]
    /// `none` (ratios) and, in registration order, every strategy a real
    /// runtime stands for (`RealRuntime.modelCounterpart`): the two Node 24
    /// designs, Node 20's hooks release and `frame-ref` (Bun's counterpart).
    public static let fidelityStrategies = [StrategyCatalog.baselineID] + StrategyCatalog.allMeasurableIDs.filter { id in
        RealRuntime.allCases.contains { $0.modelCounterpart == id }
    }
}
