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
        @Option(help: """
            Also write the comparison to this folder: cells.csv (every cell: both values and their relative \
            difference) and distribution.csv (median, p90, max and the shares within --within and --max, over \
            all cells and per headline column: of the summaries' figures, and of the figures recomputed from \
            both runs' samples.csv with each statistic — minimum, fastest-quarter mean, median — so a run pair \
            says which statistic repeats; PAPER.md's repeatability table reads Results/repeat/). A new folder, \
            or one holding only an earlier comparison's two files; replaced as a whole.
            """)
        var out: String?

        func validate() throws {
            guard within >= 0, max >= within else { throw ValidationError("need 0 ≤ --within ≤ --max, got \(within), \(max)") }
            guard share > 0, share <= 1 else { throw ValidationError("--share must be in (0, 1], got \(share)") }
            if let column, !ResultsSchema.summaryColumns.contains(column) {
                throw ValidationError("unknown column '\(column)'; summary.csv columns: \(ResultsSchema.summaryColumns.joined(separator: ", "))")
            }
        }

        func run() throws {
            let (folderA, folderB) = (ProjectRoot.resolve(a), ProjectRoot.resolve(b))
            let comparison: RunComparison
            do { comparison = try RunComparison.compare(folderA, folderB, column: column) } catch {
                throw BenchError.message("bench compare-runs: \(error)")
            }
            print(comparison.render(within: within, maximum: max))
            // The same cells recomputed from the samples with each statistic (headline figures only).
            var comparisons = [(source: "summary.csv", statistic: Statistics.headline, comparison: comparison)]
            let haveSamples = [folderA, folderB].allSatisfy { FileManager.default.fileExists(atPath: $0 + "/samples.csv") }
            if column == nil && haveSamples {
                for statistic in SampleStatistic.allCases {
                    do {
                        let fromSamples = try RunComparison.compareSamples(folderA, folderB, statistic: statistic)
                        comparisons.append(("samples.csv", statistic, fromSamples))
                        print("from samples.csv, with the \(statistic.label): " + String(format: "median %.2f %%, within %.2f %%: %.2f %% of cells, max %.2f %%",
                                     fromSamples.quantile(0.5) * 100, within * 100, fromSamples.share(within: within) * 100,
                                     fromSamples.quantile(1) * 100))
                    } catch {
                        throw BenchError.message("bench compare-runs: \(error)")
                    }
                }
            } else if column == nil {
                printError("bench compare-runs: samples.csv is missing in one of the folders; only the summaries' figures are compared")
            }
            if let out {
                try OwnedFilesFolder.comparison.write(["cells.csv": comparison.cellsTable().encoded(),
                                                       "distribution.csv": RunComparison.distributionTable(comparisons, within: within, maximum: max).encoded()],
                                                      out: out, command: "compare-runs")
            }
            guard comparison.passes(within: within, share: share, maximum: max) else {
                printError(String(format: "bench compare-runs: the runs disagree: fewer than %.0f %% of cells within %.1f %%, or a cell beyond %.1f %%",
                                  share * 100, within * 100, max * 100))
                throw ExitCode(1)
            }
            print("bench compare-runs: the runs agree")
        }
    }
}
