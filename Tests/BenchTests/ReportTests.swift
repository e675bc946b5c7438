import ArgumentParser
import Foundation
import XCTest
@testable import bench
@testable import Reporting

/// Issue 14: `report` refuses inputs that would damage the paper, `--check`
/// verifies prose numbers, and plot/report/frames-report share one CSV cell check.
final class ReportTests: XCTestCase {
    /// A scratch copy of the paper and the committed Results/, as the working directory.
    private func scratchProject() throws -> String {
        let dir = try scratch(self)
        for name in ["PAPER.md", "Results"] {
            try FileManager.default.copyItem(atPath: repositoryRoot + "/" + name, toPath: dir + "/" + name)
        }
        let previous = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(dir)
        addTeardownBlock { FileManager.default.changeCurrentDirectoryPath(previous) }
        return dir
    }

    private func rewrite(_ path: String, _ edit: (String) -> String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let new = edit(text)
        XCTAssertNotEqual(new, text, "the edit changed nothing in \(path)")
        try new.write(toFile: path, atomically: true, encoding: .utf8)
    }

    func testCommittedPaperPassesCheck() throws {
        _ = try scratchProject()
        try SuiteCoverage.require(summaryCSV: "Results/standard/summary.csv", covers: Bench.Report.paperSuite)
        let problems = try PaperReport.check(paperPath: "PAPER.md", summaryCSV: "Results/standard/summary.csv", extraSources: PaperSources.extra)
        XCTAssertEqual(problems, [], problems.joined(separator: "\n"))
    }

    func testCheckNamesAProseNumberNoRowBacks() throws {
        let dir = try scratchProject()
        // The issue's case: prose left behind by a re-run.
        var line = 0
        try rewrite(dir + "/PAPER.md") { text in
            var lines = text.components(separatedBy: "\n")
            let i = lines.firstIndex { $0.contains("µs per request with `frame-ref`") }!
            line = i + 1
            lines[i] = lines[i].replacingOccurrences(of: #"[0-9.]+ µs per request with `frame-ref`"#, with: "99.9 µs per request with `frame-ref`", options: .regularExpression)
            return lines.joined(separator: "\n")
        }
        let problems = try PaperReport.check(paperPath: "PAPER.md", summaryCSV: "Results/standard/summary.csv", extraSources: PaperSources.extra)
        XCTAssertEqual(problems.count, 1, problems.joined(separator: "\n"))
        let p = try XCTUnwrap(problems.first)
        XCTAssertTrue(p.hasPrefix("PAPER.md:\(line): 99.9 µs is not backed by Results/standard/summary.csv (workloads "), p)
        XCTAssertTrue(p.contains("storages 8"), p)
        XCTAssertTrue(p.contains("within its rounding (± 0.05); nearest: "), p)
        XCTAssertTrue(p.contains("Results/standard/summary.csv:"), "the nearest values name their CSV line: \(p)")
    }

    /// The check's problems after the first match of `pattern` in a scratch copy of PAPER.md is
    /// replaced by `citation`.
    private func checkProblems(citing citation: String, inPlaceOf pattern: String) throws -> [String] {
        let dir = try scratchProject()
        try rewrite(dir + "/PAPER.md") { text in
            guard let r = text.range(of: pattern, options: .regularExpression) else {
                XCTFail("PAPER.md has no \(pattern)")
                return text
            }
            return text.replacingCharacters(in: r, with: citation)
        }
        return try PaperReport.check(paperPath: "PAPER.md", summaryCSV: "Results/standard/summary.csv", extraSources: PaperSources.extra)
    }

    /// A share in prose is checked against the repeatability table, which prints shares in %: the
    /// committed paper's share passes (`testCommittedPaperPassesCheck`), a share the table lacks does not.
    func testAPercentageIsBackedByTheRepeatabilityTable() throws {
        let problems = try checkProblems(citing: "the median cell moved by 47.11 %", inPlaceOf: #"the median cell moved by [0-9.]+ %"#)
        XCTAssertEqual(problems.count, 1, problems.joined(separator: "\n"))
        XCTAssertTrue(problems.first?.contains(": 47.11 % is not backed by") == true, problems.joined(separator: "\n"))
    }

    /// §6.1 cites rows of the generated unit-cost table (Results/fidelity/unit-costs.csv, which has
    /// no workload/strategy rows to search): a ratio the table lacks is reported.
    func testAUnitCostRatioIsCheckedAgainstTheUnitCostTable() throws {
        let problems = try checkProblems(citing: "The unit-cost table (`Results/fidelity/unit-costs.csv`; 47.11× at worst) says",
                                         inPlaceOf: #"The unit-cost table \(`Results/fidelity/unit-costs.csv`\) says"#)
        XCTAssertEqual(problems.count, 1, problems.joined(separator: "\n"))
        XCTAssertTrue(problems.first?.contains(": 47.11 × is not backed by") == true, problems.joined(separator: "\n"))
    }

    /// "Real applications" cites the generated replay table (Results/replay/, whose CSVs are per
    /// request and not summaries): a per-request figure the table lacks is reported.
    func testAReplayFigureIsCheckedAgainstTheRealApplicationsTable() throws {
        // The paragraph's opening figure, whatever a re-run made it (a cell-specific
        // sentence is rewritten whenever the anchor resolves different cells).
        let problems = try checkProblems(citing: "The replay predicts up to 47111 ns",
                                         inPlaceOf: #"The replay predicts [0-9]+-[0-9]+ ns"#)
        XCTAssertEqual(problems.count, 1, problems.joined(separator: "\n"))
        XCTAssertTrue(problems.first?.contains(": 47111 ns is not backed by") == true, problems.joined(separator: "\n"))
    }

    func testCheckReportsStaleAnnotationsAndStaleRegions() throws {
        let dir = try scratchProject()
        try rewrite(dir + "/PAPER.md") { $0.replacingOccurrences(of: "<!-- not measured: 10,000 -->", with: "<!-- not measured: 10,000, 4711 -->") }
        var problems = try PaperReport.check(paperPath: "PAPER.md", summaryCSV: "Results/standard/summary.csv", extraSources: PaperSources.extra)
        XCTAssertEqual(problems.count, 1, problems.joined(separator: "\n"))
        XCTAssertTrue(problems[0].contains(": 4711 is listed as not measured but does not occur in its paragraph"), problems[0])

        try rewrite(dir + "/PAPER.md") { $0.replacingOccurrences(of: ", 4711 -->", with: " -->").replacingOccurrences(of: "| ns/op fastest [95 % CI] |", with: "| ns/op fastest |") }
        problems = try PaperReport.check(paperPath: "PAPER.md", summaryCSV: "Results/standard/summary.csv", extraSources: PaperSources.extra)
        XCTAssertEqual(problems.count, 1, problems.joined(separator: "\n"))
        XCTAssertTrue(problems[0].contains("the generated regions differ from what `bench report` writes from the CSVs"), problems[0])
    }

    func testHeaderOnlyOrFilteredSummaryIsRefusedAndThePaperKept() throws {
        let dir = try scratchProject()
        let paper = try String(contentsOfFile: dir + "/PAPER.md", encoding: .utf8)
        let summary = dir + "/Results/standard/summary.csv"
        let full = try String(contentsOfFile: summary, encoding: .utf8).components(separatedBy: "\n")
        let total = SuiteCoverage.keys(of: .standard).count

        try (full[0] + "\n").write(toFile: summary, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try SuiteCoverage.require(summaryCSV: summary, covers: .standard)) { error in
            XCTAssertTrue("\(error)".contains("does not cover the standard suite the paper reports: \(total) of \(total) cell × strategy rows are missing"), "\(error)")
        }
        XCTAssertThrowsError(try PaperReport.regenerate(paperPath: dir + "/PAPER.md", summaryCSV: summary)) { error in
            XCTAssertTrue("\(error)".contains("no rows (only a header); refusing"), "\(error)")
        }
        // A filtered run: get-store at k = 1 only.
        let filtered = [full[0]] + full.dropFirst().filter { $0.contains(",get-store,1,") }
        try (filtered.joined(separator: "\n") + "\n").write(toFile: summary, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try SuiteCoverage.require(summaryCSV: summary, covers: .standard)) { error in
            XCTAssertTrue("\(error)".contains("\(total - (filtered.count - 1)) of \(total) cell × strategy rows are missing"), "\(error)")
            XCTAssertTrue("\(error)".contains("the paper was not changed"), "\(error)")
        }
        XCTAssertEqual(try String(contentsOfFile: dir + "/PAPER.md", encoding: .utf8), paper)
    }

    func testPaperWithoutMarkersOrWithARegionTwiceIsRefused() throws {
        let dir = try scratchProject()
        let paper = dir + "/PAPER.md"
        try "# Just prose\n".write(toFile: paper, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try PaperReport.regenerate(paperPath: paper, summaryCSV: "Results/standard/summary.csv")) { error in
            XCTAssertEqual((error as? ReportingError)?.kind, .paperMarkers)
            XCTAssertTrue("\(error)".contains("no generated regions"), "\(error)")
        }
        XCTAssertEqual(try String(contentsOfFile: paper, encoding: .utf8), "# Just prose\n")
        let twice = "<!-- BEGIN GENERATED: environment -->\n<!-- END GENERATED: environment -->\ntext\n<!-- BEGIN GENERATED: environment -->\n<!-- END GENERATED: environment -->\n"
        try twice.write(toFile: paper, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try PaperReport.regenerate(paperPath: paper, summaryCSV: "Results/standard/summary.csv")) { error in
            XCTAssertTrue("\(error)".contains("PAPER.md:4: region \"environment\" appears a second time (first on line 1)"), "\(error)")
        }
        XCTAssertEqual(try String(contentsOfFile: paper, encoding: .utf8), twice)
    }

    /// A non-numeric median and a negative ns/op are rejected by plot, report and
    /// frames-report alike, naming file:line.
    func testPlotReportAndFramesReportRejectTheSameBadCells() throws {
        let dir = try scratchProject()
        for (bad, why) in [("abc", "is not a number"), ("-3.5", "is negative")] {
            for suite in ["standard", "frames"] {
                let path = dir + "/Results/\(suite)/summary.csv"
                try FileManager.default.removeItem(atPath: path)
                try FileManager.default.copyItem(atPath: repositoryRoot + "/Results/\(suite)/summary.csv", toPath: path)
                try rewrite(path) { text in
                    var lines = text.components(separatedBy: "\n")
                    var fields = lines[2].components(separatedBy: ",")
                    guard let column = lines[0].components(separatedBy: ",").firstIndex(of: ResultsSchema.timeColumn) else {
                        XCTFail("\(path) has no \(ResultsSchema.timeColumn) column")
                        return text
                    }
                    fields[column] = bad
                    lines[2] = fields.joined(separator: ",")
                    return lines.joined(separator: "\n")
                }
            }
            let expected = "summary.csv:3: column \(ResultsSchema.timeColumn): \"\(bad)\" \(why)"
            // plot
            var plot = try XCTUnwrap(parseOutcome(["plot", "--results", dir + "/Results/frames", "--plots", dir + "/plots"]).command)
            XCTAssertThrowsError(try plot.run()) { XCTAssertTrue("\($0)".contains(expected), "plot: \($0)") }
            XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/plots"))
            // frames-report
            var frames = try XCTUnwrap(parseOutcome(["frames-report", "--results", dir + "/Results/frames"]).command)
            XCTAssertThrowsError(try frames.run()) { XCTAssertTrue("\($0)".contains(expected), "frames-report: \($0)") }
            // report
            XCTAssertThrowsError(try PaperReport.regenerate(paperPath: dir + "/PAPER.md", summaryCSV: "Results/standard/summary.csv")) {
                XCTAssertTrue("\($0)".contains("Results/standard/" + expected), "report: \($0)")
            }
            XCTAssertThrowsError(try SummaryValidation.validate(path: "Results/standard/summary.csv")) {
                XCTAssertTrue("\($0)".contains(expected), "\($0)")
            }
        }
    }
}
