import ArgumentParser
import Foundation
import Workloads
import SemanticOracle
import Suites

/// `bench once`'s arguments, validated before the run (no work, no writes);
/// the argv property test drives it directly.
struct OncePlan {
    let workload: WorkloadID
    let strategy: String
    let parameters: WorkloadParameters
    let warnings: [String]

    /// - Throws: `ValidationError` (exit 64): unknown id, a number out of its
    ///   range (`ArgumentRanges`), or `--concurrency`/`--run-rate` given for a
    ///   workload that has no such parameter.
    static func make(workload id: WorkloadID, strategy: String, storages: Int, ops: Int?,
                     concurrency: Int?, runRate: Double?) throws -> OncePlan {
        guard StrategyCatalog.allMeasurableIDs.contains(strategy) else {
            throw ValidationError("unknown strategy '\(strategy)'; valid strategies: \(StrategyIDList.text)")
        }
        try ArgumentRanges.check("--storages", storages, in: ArgumentRanges.executedStorages)
        if let ops { try ArgumentRanges.check("--ops", ops, in: ArgumentRanges.ops) }
        if let concurrency {
            guard id == .requestServer else {
                throw ValidationError("--concurrency applies only to --workload request-server, not \(id.rawValue)")
            }
            try ArgumentRanges.check("--concurrency", concurrency, in: ArgumentRanges.concurrency)
        }
        if let runRate {
            guard id == .contextChurn else {
                throw ValidationError("--run-rate applies only to --workload context-churn, not \(id.rawValue)")
            }
            guard ArgumentRanges.runRate.contains(runRate) else {
                throw ValidationError("--run-rate must be in 0…1, got \(runRate)")
            }
        }
        var parameters = WorkloadParameters(storages: storages, ops: ops ?? Suite.defaultOps(id))
        if let concurrency { parameters.concurrency = concurrency }
        if let runRate { parameters.runRate = runRate }
        var warnings: [String] = []
        if id == .requestServer, parameters.ops < parameters.concurrency {
            warnings.append("bench: warning: --ops \(parameters.ops) < --concurrency \(parameters.concurrency): fewer requests than the concurrency asked for")
        }
        do { try parameters.validate(for: id) } catch { throw ValidationError("\(error)") }
        return OncePlan(workload: id, strategy: strategy, parameters: parameters, warnings: warnings)
    }
}
