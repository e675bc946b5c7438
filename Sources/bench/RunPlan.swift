import ArgumentParser
import Foundation
import Workloads
import SemanticOracle
import Suites

/// `bench run`'s arguments, validated: everything that can be wrong with them
/// is found here, before any work starts, without measuring or writing
/// anything (it only reads the file system to classify `--out`). The argv
/// property test drives this type directly.
struct RunPlan {
    /// Where the results go.
    enum Destination: Equatable {
        /// A checked folder (`--out`, or `Results/<suite>` for a whole suite).
        case folder(OutputFolder)
        /// A run that does not cover its suite, without `--out`:
        /// `Results/custom/<run-id>` (the run id exists only once the run starts).
        case custom
    }

    /// Where the charts go.
    enum Charts: Equatable {
        case none
        /// `plots/<suite>`: only a run of a whole suite replaces its committed charts.
        case suitePlots
        /// `<results folder>/charts`.
        case insideResults
    }

    let selection: RunSelection
    let destination: Destination
    let charts: Charts
    /// Whether the run covers every cell, strategy and repetition of its suite.
    let coversSuite: Bool
    /// Printed on standard error before the run starts.
    let warnings: [String]

    /// Validates raw option values.
    ///
    /// - Throws: `ValidationError` (exit 64) with a message naming the option,
    ///   the accepted values or range, and the value given.
    /// - Complexity: O(suite cells × filters) plus listing `--out`'s folder.
    static func make(suite suiteName: String, strategies: [String], workloads workloadIDs: [WorkloadID], storages: [Int],
                     repetitions: Int?, seed: UInt64, out: String?, noPlots: Bool) throws -> RunPlan {
        guard let suite = Suite.named(suiteName) else {
            throw ValidationError("unknown suite '\(suiteName)'; valid suites: \(Suite.names.joined(separator: ", "))")
        }
        var warnings: [String] = []
        for id in strategies where !StrategyCatalog.allMeasurableIDs.contains(id) {
            throw ValidationError("unknown strategy '\(id)'; valid strategies: \(StrategyIDList.text)")
        }
        if let repetitions {
            try ArgumentRanges.check("--reps", repetitions, in: ArgumentRanges.repetitions)
            if repetitions < ArgumentRanges.fewRepetitions {
                warnings.append("bench: warning: --reps \(repetitions): with fewer than \(ArgumentRanges.fewRepetitions) repetitions the 95 % confidence intervals "
                    + "are degenerate (zero width) and the p-values meaningless; use them to try things out, not as results")
            }
        }
        for k in storages { try ArgumentRanges.check("--storages", k, in: ArgumentRanges.storagesFilter) }

        let (uniqueStrategies, w1) = ArgumentRanges.deduplicated(strategies, option: "--strategy")
        let (uniqueWorkloads, w2) = ArgumentRanges.deduplicated(workloadIDs.map(\.rawValue), option: "--workload")
        let (uniqueStorages, w3) = ArgumentRanges.deduplicated(storages, option: "--storages")
        warnings += w1 + w2 + w3

        var chosen = uniqueStrategies.isEmpty ? suite.strategies : uniqueStrategies
        // Ratios need the baseline measured in the same run.
        if !chosen.contains(StrategyCatalog.baselineID) { chosen.insert(StrategyCatalog.baselineID, at: 0) }
        let selection = RunSelection(
            suite: suite, strategies: chosen,
            workloads: uniqueWorkloads.isEmpty ? nil : Set(uniqueWorkloads.compactMap(WorkloadID.init(rawValue:))),
            storages: uniqueStorages.isEmpty ? nil : Set(uniqueStorages), repetitions: repetitions, seed: seed)

        let suiteWorkloads = WorkloadID.allCases.filter { w in suite.cells.contains { $0.workload == w } }
        let suiteStorages = Set(suite.cells.map(\.parameters.storages)).sorted()
        let valid = "suite '\(suite.name)' has workloads \(suiteWorkloads.map(\.rawValue).joined(separator: ", ")) "
            + "and storages \(suiteStorages.map(String.init).joined(separator: ", "))"
        guard !selection.cells.isEmpty else {
            throw ValidationError("the filters select no cell: \(valid)")
        }
        for w in uniqueWorkloads where !selection.cells.contains(where: { $0.workload.rawValue == w }) {
            warnings.append("bench: warning: --workload \(w) matches no cell of the selection (\(valid))")
        }
        for k in uniqueStorages where !selection.cells.contains(where: { $0.parameters.storages == k }) {
            warnings.append("bench: warning: --storages \(k) matches no cell of the selection (\(valid))")
        }
        do { try selection.validate() } catch { throw ValidationError("\(error)") }

        let covers = selection.cells == suite.cells && Set(chosen) == Set(suite.strategies)
            && (repetitions ?? suite.repetitions) == suite.repetitions
        let destination: Destination
        if let out {
            destination = .folder(try OutputFolder.check(out))
        } else if covers {
            destination = .folder(try OutputFolder.check("Results/\(suite.name)"))
        } else {
            destination = .custom
        }
        let charts: Charts = noPlots ? .none : (out == nil && covers ? .suitePlots : .insideResults)
        return RunPlan(selection: selection, destination: destination, charts: charts, coversSuite: covers, warnings: warnings)
    }

    /// The results folder, checked; for `.custom`, `Results/custom/<runID>`.
    func outputFolder(runID: String) throws -> OutputFolder {
        switch destination {
        case .folder(let folder): return folder
        case .custom: return try OutputFolder.check("Results/custom/\(runID)")
        }
    }

    /// The charts folder for results written to `folder`, nil when charts are off.
    func chartsPath(for folder: OutputFolder) -> String? {
        switch charts {
        case .none: return nil
        case .suitePlots: return ProjectRoot.resolve("plots/\(selection.suite.name)")
        case .insideResults: return (folder.path as NSString).appendingPathComponent(OutputFolder.chartsFolder)
        }
    }

    /// Sample rows the run writes (for the free-space estimate).
    var sampleRows: Int {
        let rounds = (selection.repetitions ?? selection.suite.repetitions) + selection.suite.warmups
        return selection.cells.count * selection.strategies.count * rounds
    }
}
