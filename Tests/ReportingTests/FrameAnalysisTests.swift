import Foundation
import XCTest
@testable import Reporting

/// The worst-case analysis on a small fixture with a known answer.
final class FrameAnalysisTests: XCTestCase {
    static let header = "run_id,strategy,workload,storages,ops,concurrency,run_rate,\(ResultsSchema.timeColumn),allocs_per_op,status"
    /// Cells (designs a, b, c; `none` is the floor and must be ignored):
    ///   w1 k=1:          time a 10 b 20 c 11   allocs a 1 b 2 c 0   (best allocs 0)
    ///   w1 k=8:          time a 40 b 20 c 22   allocs a 4 b 2 c 0   (best allocs 0)
    ///   churn k=8 rr .5: time a 10 b 10 c 12   allocs 0 0 0         (0 vs 0)
    ///   w4 k=64:         time 30 30 30         allocs a 3 b 6 c 1.5
    ///   w2 k=1:          c not ok → skipped
    ///   w3 k=1:          b missing → skipped
    static let csv = """
    \(header)
    r,none,w1,1,100,,,1,0,ok
    r,a,w1,1,100,,,10,1,ok
    r,b,w1,1,100,,,20,2,ok
    r,c,w1,1,100,,,11,0,ok
    r,none,w1,8,100,,,1,0,ok
    r,a,w1,8,100,,,40,4,ok
    r,b,w1,8,100,,,20,2,ok
    r,c,w1,8,100,,,22,0,ok
    r,a,context-churn,8,100,,0.5,10,0,ok
    r,b,context-churn,8,100,,0.5,10,0,ok
    r,c,context-churn,8,100,,0.5,12,0,ok
    r,a,w4,64,100,,,30,3,ok
    r,b,w4,64,100,,,30,6,ok
    r,c,w4,64,100,,,30,1.5,ok
    r,a,w2,1,100,,,1,0,ok
    r,b,w2,1,100,,,1,0,ok
    r,c,w2,1,100,,,,,checksum-mismatch
    r,a,w3,1,100,,,1,0,ok
    r,c,w3,1,100,,,1,0,ok

    """

    func analysis(threshold: Double = 1.25) throws -> FrameAnalysis {
        try FrameAnalysis.analyze(CSVTable.parse(Self.csv, source: "fixture.csv"), source: "fixture.csv", threshold: threshold)
    }

    func testKnownAnswer() throws {
        let a = try analysis()
        XCTAssertEqual(a.cellsCompared, 4)
        XCTAssertEqual(a.cellsSkipped, 2)
        XCTAssertEqual(a.rows.map(\.design), ["c", "a", "b"], "best worst case first; ties in file order")
        let rows = Dictionary(uniqueKeysWithValues: a.rows.map { ($0.design, $0) })

        XCTAssertEqual(rows["a"]!.worstTimeRatio, 2, accuracy: 1e-12)
        XCTAssertEqual(rows["a"]!.worstTimeCell.description, "w1 k=8")
        XCTAssertEqual(rows["b"]!.worstTimeRatio, 2, accuracy: 1e-12)
        XCTAssertEqual(rows["b"]!.worstTimeCell.description, "w1 k=1")
        XCTAssertEqual(rows["c"]!.worstTimeRatio, 1.2, accuracy: 1e-12)
        XCTAssertEqual(rows["c"]!.worstTimeCell.description, "context-churn k=8 run_rate=0.5")

        // Allocation ratios only where the best allocates; 0 vs 0 counts as 1.
        XCTAssertEqual(rows["a"]!.worstAllocRatio!, 2, accuracy: 1e-12)
        XCTAssertEqual(rows["a"]!.worstAllocCell?.description, "w4 k=64")
        XCTAssertEqual(rows["b"]!.worstAllocRatio!, 4, accuracy: 1e-12)
        XCTAssertEqual(rows["c"]!.worstAllocRatio!, 1, accuracy: 1e-12)
        XCTAssertEqual(rows["c"]!.worstAllocCell?.description, "w1 k=1")
        // x vs 0: the absolute gap, separately.
        XCTAssertEqual(rows["a"]!.worstAllocGapVsZero!, 4, accuracy: 1e-12)
        XCTAssertEqual(rows["a"]!.worstAllocGapCell?.description, "w1 k=8")
        XCTAssertEqual(rows["b"]!.worstAllocGapVsZero!, 2, accuracy: 1e-12)
        XCTAssertEqual(rows["b"]!.worstAllocGapCell?.description, "w1 k=1", "first cell of the maximum")
        XCTAssertNil(rows["c"]!.worstAllocGapVsZero)

        XCTAssertTrue(a.anyWithinThreshold)
        XCTAssertEqual(a.designsWithinThreshold, ["c"])
        XCTAssertTrue(a.verdict().contains("Within 1.25× of the best design in every cell (time): c"), a.verdict())
    }

    func testNoDesignWithinATighterThreshold() throws {
        let a = try analysis(threshold: 1.1)
        XCTAssertFalse(a.anyWithinThreshold)
        XCTAssertEqual(a.closest?.design, "c")
        XCTAssertTrue(a.verdict().contains("closest: c, worst 1.20× at context-churn k=8 run_rate=0.5"), a.verdict())
    }

    func testCSVAndMarkdown() throws {
        let a = try analysis()
        let t = a.csv()
        XCTAssertEqual(t.header, ["design", "worst_time_ratio", "worst_time_cell", "worst_alloc_ratio", "worst_alloc_cell",
                                  "worst_alloc_gap_vs_zero", "worst_alloc_gap_cell", "within_threshold", "cells_compared"])
        XCTAssertEqual(t.rows.map { $0[0] }, ["c", "a", "b"])
        XCTAssertEqual(t.rows[0][7], "yes")
        XCTAssertEqual(t.rows[1][7], "no")
        XCTAssertEqual(t.rows[0][5], "", "c never allocates where the best allocates nothing")
        let md = a.markdown()
        XCTAssertTrue(md.contains("| c | 1.20 | context-churn k=8 run_rate=0.5 | 1.00 | w1 k=1 | — | — |"), md)
        XCTAssertTrue(md.contains("| a | 2.00 | w1 k=8 | 2.00 | w4 k=64 | 4.00 | w1 k=8 |"), md)
    }

    func testExplicitDesignsAndMissingColumns() throws {
        let a = try FrameAnalysis.analyze(CSVTable.parse(Self.csv, source: "f"), source: "f", designs: ["a", "b"])
        XCTAssertEqual(a.cellsCompared, 5, "w2 counts now: c is not a design")
        XCTAssertEqual(a.rows.map(\.design), ["a", "b"])
        let bad = try CSVTable.parse("strategy,workload\nx,y\n", source: "bad.csv")
        XCTAssertThrowsError(try FrameAnalysis.analyze(bad, source: "bad.csv")) { error in
            XCTAssertTrue("\(error)".contains("bad.csv"), "\(error)")
        }
    }

    /// Near-zero allocation figures can be counted as zero.
    func testAllocZeroBelow() throws {
        let csv = """
        \(Self.header)
        r,a,w,1,100,,,10,0.0002,ok
        r,b,w,1,100,,,10,2,ok
        r,a,v,1,100,,,10,1,ok
        r,b,v,1,100,,,10,3,ok

        """
        let table = try CSVTable.parse(csv, source: "z.csv")
        let exact = try FrameAnalysis.analyze(table, source: "z.csv", allocZeroBelow: 0)
        XCTAssertEqual(exact.rows.first { $0.design == "b" }!.worstAllocRatio!, 10_000, accuracy: 1e-6)
        let floored = try FrameAnalysis.analyze(table, source: "z.csv")  // the default: 0.01
        let b = floored.rows.first { $0.design == "b" }!
        XCTAssertEqual(b.worstAllocRatio!, 3, accuracy: 1e-12)
        XCTAssertEqual(b.worstAllocGapVsZero!, 2, accuracy: 1e-12)
        XCTAssertEqual(b.worstAllocGapCell?.description, "w k=1")
        XCTAssertTrue(floored.verdict().contains("allocs/op below 0.01 counted as 0"), floored.verdict())
    }

    /// The PAPER region reads Results/frames/summary.csv next to the main results, when present.
    func testPaperRegion() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("frames-paper-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let results = try Fixture.copyResults(to: dir)
        let paper = dir + "/PAPER.md"
        try AtomicFile.write("# P\n<!-- BEGIN GENERATED: frames -->\n<!-- END GENERATED: frames -->\nend", to: paper)
        _ = try PaperReport.regenerate(paperPath: paper, summaryCSV: results + "/summary.csv",
                                       extraSources: ["frames": dir + "/missing/summary.csv", "real": "/nonexistent"])
        XCTAssertTrue(try String(contentsOfFile: paper, encoding: .utf8).contains("_No frame-representation results:"))
        try AtomicFile.write(Self.csv, to: dir + "/frames.csv")
        _ = try PaperReport.regenerate(paperPath: paper, summaryCSV: results + "/summary.csv",
                                       extraSources: ["frames": dir + "/frames.csv", "real": "/nonexistent"])
        let text = try String(contentsOfFile: paper, encoding: .utf8)
        XCTAssertTrue(text.contains("| c | 1.20 | context-churn k=8 run_rate=0.5 |"), text)
        XCTAssertTrue(text.hasSuffix("end"))
    }
}
