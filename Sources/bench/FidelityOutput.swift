import Foundation
import Measurement
import Reporting
import Workloads
import SemanticOracle
import Suites

/// Writes one `bench fidelity` run: the real runtimes' rows to
/// `Results/real/` and the model's rows of the same minutes plus the
/// comparison tables to `Results/fidelity/`; each directory staged and
/// swapped in with one rename, so an interrupted run leaves the old results.
struct FidelityOutput {
    /// What `Results/real/` holds; a folder holding anything else is not replaced.
    static let realFolder = OwnedFilesFolder(files: ["summary.csv", "samples.csv", "semantics.csv", "runtimes.csv", "run.json", "notes.txt"])
    /// What `Results/fidelity/` holds (charts/ when written elsewhere than the default).
    static let fidelityFolder = OwnedFilesFolder(files: ["model-summary.csv", "model-samples.csv", "run.json"] + FidelityTables.fileNames,
                                                 folders: ["charts": ["png", "svg"]])

    let runID: String
    let metadata: RunMetadata
    let suite: Suite
    let harness: RealRuntimeHarness
    let model: [CellResult]
    let real: [CellResult]
    let semantics: CSVTable?
    let notes: [String]
    let plan: RealSamplingPlan
    let seconds: Double

    func write(realDirectory: String, fidelityDirectory: String) throws {
        // Checked again: a file added during the run would be deleted with the old results.
        try Self.realFolder.check(realDirectory, option: "--real-out")
        try Self.fidelityFolder.check(fidelityDirectory)
        let realWriter = ResultsWriter(runID: runID, results: real, metadata: metadata, suite: suite)
        let modelWriter = ResultsWriter(runID: runID, results: model, metadata: metadata, suite: suite)

        let realStaging = try AtomicDirectory.makeStaging(for: realDirectory)
        func put(_ dir: String, _ name: String, _ text: String) throws {
            try AtomicFile.write(text, to: (dir as NSString).appendingPathComponent(name))
        }
        try put(realStaging, "summary.csv", realWriter.summary().encoded())
        try put(realStaging, "samples.csv", realWriter.samples().encoded())
        if let semantics { try put(realStaging, "semantics.csv", semantics.encoded()) }
        try put(realStaging, "runtimes.csv", runtimes().encoded())
        try put(realStaging, "run.json", metadata.jsonString())
        try put(realStaging, "notes.txt", notesText())

        let fidelityStaging = try AtomicDirectory.makeStaging(for: fidelityDirectory)
        let modelSummary = (fidelityStaging as NSString).appendingPathComponent("model-summary.csv")
        try put(fidelityStaging, "model-summary.csv", modelWriter.summary().encoded())
        try put(fidelityStaging, "model-samples.csv", modelWriter.samples().encoded())
        try put(fidelityStaging, "run.json", metadata.jsonString())
        let realSummary = (realStaging as NSString).appendingPathComponent("summary.csv")
        let tables = try FidelityTables.build(modelSummary: modelSummary, realSummary: realSummary)
        for (name, table) in tables.files { try put(fidelityStaging, name, table.encoded()) }

        try AtomicDirectory.replace(realDirectory, with: realStaging)
        try AtomicDirectory.replace(fidelityDirectory, with: fidelityStaging)
    }

    /// runtime, version, flags, design, model counterpart, status (ok or why skipped).
    func runtimes() -> CSVTable {
        var table = CSVTable(header: ["runtime", "version", "flags", "design", "model_counterpart", "status"])
        for r in harness.located {
            table.append([r.runtime.rawValue, r.version, r.leadingArguments.joined(separator: " "), r.runtime.design.rawValue,
                          r.runtime.modelCounterpart ?? "", "ok"])
        }
        for s in harness.skipped {
            table.append([s.runtime.rawValue, "", "", s.runtime.design.rawValue, s.runtime.modelCounterpart ?? "", "skipped: \(s.reason)"])
        }
        return table
    }

    func notesText() -> String {
        var lines = [
            "bench fidelity run \(runID): \(String(format: "%.0f", seconds)) s",
            "clock (model): process CPU time (CLOCK_PROCESS_CPUTIME_ID per batch), the same quantity as the engines'",
            "clock (real runtimes): process CPU time (process.cpuUsage() user + system; tasklocal-bench: CLOCK_PROCESS_CPUTIME_ID)",
            "sampling (real runtimes): \(plan.warmups) warm-up + \(plan.repetitions) measured samples of >= \(plan.targetMillis) ms CPU each; k = 0 (no AsyncLocalStorage) and k in one process",
            "statistics: Sources/Measurement (Statistics.summarize, Statistics.ratio of the \(Statistics.headline.label)), the model's own code",
        ]
        lines += notes
        return lines.joined(separator: "\n") + "\n"
    }
}
