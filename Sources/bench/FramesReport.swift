import ArgumentParser
import Foundation
import Reporting

extension Bench {
    /// Issue 8: each design's worst-case ratio to the best design of each cell.
    struct FramesReport: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "frames-report",
            abstract: "Worst-case ratio of each design to the best design of each cell (time and allocations), from <results>/summary.csv.",
            discussion: """
            Reads summary.csv (default: Results/frames, written by `bench run --suite frames`), compares every \
            design except `none` in every cell (workload × k × concurrency × run_rate) where all of them have \
            status ok, prints the worst-case table and whether any design stays within the threshold of the best \
            everywhere, and writes <results>/worst-case.csv (atomically).
            """)

        @Option(help: "Results directory holding summary.csv.")
        var results: String = "Results/frames"
        @Option(help: "Ratio a design must stay within in every cell.")
        var threshold: Double = 1.25
        @Option(help: "Count allocs/op below this as 0: one-off setup allocations amortized over a run are not a per-operation cost (0 = only an exact 0).")
        var allocZeroBelow: Double = FrameAnalysis.defaultAllocZeroBelow

        func validate() throws {
            guard threshold >= 1 else { throw ValidationError("--threshold must be at least 1, got \(threshold)") }
            guard allocZeroBelow >= 0 else { throw ValidationError("--alloc-zero-below must be non-negative, got \(allocZeroBelow)") }
        }

        func run() throws {
            let dir = ProjectRoot.resolve(results)
            let summary = (dir as NSString).appendingPathComponent("summary.csv")
            guard FileManager.default.fileExists(atPath: summary) else {
                throw BenchError.message("bench: \(summary): no such file; run `bench run --suite frames` first (or pass --results DIR)")
            }
            let analysis: FrameAnalysis
            do { analysis = try FrameAnalysis.analyze(path: summary, threshold: threshold, allocZeroBelow: allocZeroBelow) } catch {
                throw BenchError.message("bench: \(error)")
            }
            print(analysis.markdown())
            print("Written \(try FramesReport.writeWorstCase(analysis, into: dir))")
        }

        /// Writes `analysis` as `<dir>/worst-case.csv` (atomically); returns the path.
        /// `bench run --suite frames` calls it too, so that re-running the suite,
        /// which replaces its folder, never leaves the folder without the table.
        @discardableResult
        static func writeWorstCase(_ analysis: FrameAnalysis, into dir: String) throws -> String {
            let out = (dir as NSString).appendingPathComponent("worst-case.csv")
            try AtomicFile.write(analysis.csv().encoded(), to: out)
            return out
        }
    }
}
