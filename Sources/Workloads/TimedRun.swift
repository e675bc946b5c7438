import ContextStrategies
import Measurement

// These visitors live in Workloads, beside ``SingleRun``, and not in the
// module that drives them (Suites), for a measured reason: a module outside
// Workloads only sees `WorkloadID.run`'s public surface, and in a plain
// `swift build -c release` (no `-enable-testing`) cross-module optimization
// did not specialize that generic call for the strategy, so every timed run
// went through unspecialized generic code. Measured: get-store k = 8 under
// `none` took 82-88 ns per read from Suites against 3.6 ns here (the same
// 36 instructions per read counted under callgrind through `SingleRun`,
// which was always specialized here). A test build (`-enable-testing`)
// happened to hide it.

/// A timed cell: `iterations` fresh runs back to back (specialized per strategy).
public struct TimedRun: StrategyVisitor {
    let workload: WorkloadID
    let parameters: WorkloadParameters
    let id: String
    public init(workload: WorkloadID, parameters: WorkloadParameters, id: String) {
        self.workload = workload
        self.parameters = parameters
        self.id = id
    }
    public func visit<S: ContextStrategy>(_ strategy: S.Type) -> TimedCell {
        let workload = self.workload, parameters = self.parameters
        return TimedCell(id: id) { iterations in
            var checksum: UInt64 = 0
            for _ in 0..<iterations { checksum &+= workload.run(S.self, parameters).checksum }
            return checksum
        }
    }
}

/// `request-server` on the real clock, recording each request's latency.
public struct LatencyRun: StrategyVisitor {
    let parameters: WorkloadParameters
    public init(parameters: WorkloadParameters) { self.parameters = parameters }
    public func visit<S: ContextStrategy>(_ strategy: S.Type) -> LatencyHistogram {
        var histogram = LatencyHistogram()
        let instrumentation = RunInstrumentation(recordLatency: { histogram.record($0) })
        _ = WorkloadID.requestServer.run(S.self, parameters, clock: .real, instrumentation: instrumentation)
        return histogram
    }
}
