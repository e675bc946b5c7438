import ArgumentParser
import Foundation
import Measurement
import Reporting

extension Bench {
    /// Issue 11: do two runs of a suite agree?
    struct CompareRuns: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "compare-runs",
            abstract: "Distribution of per-cell relative differences between two result folders; exits 1 above the thresholds.",
            discussion: """
            Compares each cell's headline figure (ratio_vs_none; added_ns_per_op for get-store and run-enter; \
            \(ResultsSchema.timeColumn) for none) in <a>/summary.csv and <b>/summary.csv. Passes when at least --share of the \
            cells differ by at most --within and every cell by at most --max. --column compares another column \
            (e.g. instructions_per_op, which should not differ at all).
            """)
        @Argument(help: "First results folder.") var a: String
        @Argument(help: "Second results folder.") var b: String
        @Option(help: "Relative difference most cells must stay within.") var within: Double = 0.03
        @Option(help: "Share of cells that must stay within --within.") var share: Double = 0.9
        @Option(help: "Relative difference no cell may exceed.") var max: Double = 0.10
        @Option(help: "Compare this summary.csv column instead of each cell's headline figure.") var column: String?

        func validate() throws {
            guard within >= 0, max >= within else { throw ValidationError("need 0 ≤ --within ≤ --max, got \(within), \(max)") }
            guard share > 0, share <= 1 else { throw ValidationError("--share must be in (0, 1], got \(share)") }
            if let column, !ResultsSchema.summaryColumns.contains(column) {
                throw ValidationError("unknown column '\(column)'; summary.csv columns: \(ResultsSchema.summaryColumns.joined(separator: ", "))")
            }
        }

        func run() throws {
            let comparison: RunComparison
            do { comparison = try RunComparison.compare(ProjectRoot.resolve(a), ProjectRoot.resolve(b), column: column) } catch {
                throw BenchError.message("bench compare-runs: \(error)")
            }
            print(comparison.render(within: within, maximum: max))
            guard comparison.passes(within: within, share: share, maximum: max) else {
                printError(String(format: "bench compare-runs: the runs disagree: fewer than %.0f %% of cells within %.1f %%, or a cell beyond %.1f %%",
                                  share * 100, within * 100, max * 100))
                throw ExitCode(1)
            }
            print("bench compare-runs: the runs agree")
        }
    }
}
