import Foundation
import XCTest
@testable import Reporting

/// One panel's state as gnuplot saved it (`save set`, see `statedir` in scripts/plots/common.gp).
struct PanelState {
    let chart: String
    let panel: Int
    let lines: [String]

    /// Plot area in pixels: x from the left, y from the bottom.
    var area: (xmin: Double, xmax: Double, ymin: Double, ymax: Double) {
        let v = numbers(after: "# area ")
        return (v[0], v[1], v[2], v[3])
    }
    /// Range of the y values gnuplot plotted (min > max when the panel plotted no data).
    var dataY: (lo: Double, hi: Double) {
        let v = numbers(after: "# data y ")
        return (v[0], v[1])
    }
    var canvas: (width: Double, height: Double, font: Double, threshold: Double, floor: Double) {
        let words = comment("# canvas ").split(separator: " ")
        func n(_ i: Int) -> Double { Double(words[i])! }
        return (n(0), n(1), n(3), n(5), n(7))
    }
    var isLegendPanel: Bool { lines.contains("# legend panel") }
    var logY: Bool { lines.contains { $0.hasPrefix("set logscale") && $0.split(separator: " ").dropFirst(2).first.map { $0.contains("y") } == true } }
    var minorYTics: Double? {
        lines.first { $0.hasPrefix("set mytics ") }.flatMap { Double($0.dropFirst("set mytics ".count)) }
    }
    /// The main `set key` line, or nil when the key is off.
    var key: String? {
        if lines.contains("unset key") { return nil }
        return lines.first { $0.hasPrefix("set key ") && ($0.contains(" inside ") || $0.contains(" outside ") || $0.contains(" at ")) }
    }
    /// Every text gnuplot draws as a title or label: (text lines, font size, centre x in pixels or nil).
    var texts: [(lines: [String], font: Double, centreX: Double?)] {
        var result: [(lines: [String], font: Double, centreX: Double?)] = []
        for (i, line) in lines.enumerated() {
            if line.hasPrefix("set title \""), let text = quoted(line) {
                let font = lines.dropFirst(i + 1).first.flatMap { fontSize($0) } ?? canvas.font
                result.append((text, font, (area.xmin + area.xmax) / 2))
            } else if line.hasPrefix("set label "), let text = quoted(line) {
                var centre: Double?
                if line.contains(" center "), let at = line.range(of: " at screen ") {
                    centre = Double(line[at.upperBound...].split(separator: ",")[0]).map { $0 * canvas.width }
                }
                result.append((text, fontSize(line) ?? canvas.font, centre))
            }
        }
        return result
    }

    private func comment(_ prefix: String) -> String {
        String(lines.first { $0.hasPrefix(prefix) }!.dropFirst(prefix.count))
    }
    private func numbers(after prefix: String) -> [Double] {
        comment(prefix).split(separator: " ").compactMap { Double($0) }
    }
    private func quoted(_ line: String) -> [String]? {
        guard let open = line.firstIndex(of: "\"") else { return nil }
        var text = "", escaped = false
        for c in line[line.index(after: open)...] {
            if escaped { text.append(c == "n" ? "\n" : c); escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { break } else { text.append(c) }
        }
        return text.components(separatedBy: "\n")
    }
    private func fontSize(_ line: String) -> Double? {
        guard let r = line.range(of: "font \",") else { return nil }
        return Double(line[r.upperBound...].prefix { $0.isNumber || $0 == "." })
    }

    /// Every panel state under `dir`, by chart name.
    static func load(_ dir: String) throws -> [String: [PanelState]] {
        var charts: [String: [PanelState]] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: dir) where file.hasSuffix(".gp") {
            let stem = file.dropLast(3)
            guard let dash = stem.lastIndex(of: "-"), let n = Int(stem[stem.index(after: dash)...]) else { continue }
            let chart = String(stem[..<dash])
            let lines = try read(dir + "/" + file).components(separatedBy: "\n")
            charts[chart, default: []].append(PanelState(chart: chart, panel: n, lines: lines))
        }
        return charts.mapValues { $0.sorted { $0.panel < $1.panel } }
    }
}

/// Deterministic checks on what gnuplot was told to draw, panel by panel (issue 15): log axes where
/// the data spans more than the threshold, minor tics on them, one distinct style per series, titles
/// that fit the canvas, legends outside every data area.
final class ChartReadabilityTests: XCTestCase {
    /// Width of DejaVu Sans text at `font` pt on the pngcairo canvas: measured 0.70 px per pt per
    /// character on mixed text; 0.72 leaves a margin.
    static func textWidth(_ text: String, font: Double) -> Double { Double(text.count) * 0.72 * font }

    /// The fixture's charts are rendered once per test process; the states are parsed in memory.
    nonisolated(unsafe) private static var cached: [String: [PanelState]]?

    private func renderStates() throws -> [String: [PanelState]] {
        guard Gnuplot.locate() != nil else { throw XCTSkip("gnuplot not installed; \(Gnuplot.installHint)") }
        if let cached = Self.cached { return cached }
        let dir = try Fixture.scratch(self)
        let results = try Fixture.copyResults(to: dir)
        let state = dir + "/state"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        let charts = try ChartRenderer(resultsDirectory: results, plotsDirectory: dir + "/plots",
                                       scriptsDirectory: Fixture.scripts, stateDirectory: state).renderAll()
        XCTAssertTrue(charts.allSatisfy { $0.skipReason == nil }, "\(charts.filter { $0.skipReason != nil })")
        let states = try PanelState.load(state)
        XCTAssertEqual(Set(states.keys), Set(ChartRenderer.chartNames), "every chart recorded its panels")
        Self.cached = states
        return states
    }

    func testLogScaleWhereTheDataSpansMoreThanTheThreshold() throws {
        var logPanels = 0
        for (chart, panels) in try renderStates() {
            for p in panels where !p.isLegendPanel {
                let (lo, hi) = p.dataY
                guard lo <= hi else { continue }
                let floor = p.canvas.floor
                let span = max(hi, floor) / max(lo, floor > 0 ? floor : lo)
                if lo > 0, span > p.canvas.threshold {
                    XCTAssertTrue(p.logY, "\(chart) panel \(p.panel): data \(lo)…\(hi) spans \(span)× on a linear axis")
                }
                if p.logY {
                    logPanels += 1
                    XCTAssertEqual(p.minorYTics, 10, "\(chart) panel \(p.panel): log axis without minor tics")
                }
                if floor > 0, !p.logY {
                    XCTAssertTrue(p.lines.contains { $0.hasPrefix("set yrange [ 0") || $0.hasPrefix("set yrange [ -") },
                                  "\(chart) panel \(p.panel): allocation axis does not start at 0")
                }
            }
        }
        XCTAssertGreaterThan(logPanels, 3, "the fixture has data spanning more than 30× (time-per-op, micro-ops, fidelity)")
    }

    func testEverySeriesHasADistinctStyleTriple() throws {
        for (chart, panels) in try renderStates() {
            let styles = panels[0].lines.filter { $0.hasPrefix("set style line ") }.map { line -> String in
                // "set style line 3  linecolor rgb "#332288"  linewidth 2.000 dashtype 1 pointtype 9 …"
                let words = line.split(separator: " ").map(String.init)
                func after(_ w: String) -> String { words.firstIndex(of: w).map { words[$0 + 1] } ?? "?" }
                return [after("rgb"), after("pointtype"), after("dashtype")].joined(separator: " ")
            }
            XCTAssertGreaterThan(styles.count, 0, chart)
            XCTAssertEqual(Set(styles).count, styles.count, "\(chart): series share a style: \(styles)")
        }
    }

    func testTitlesFitTheCanvas() throws {
        for (chart, panels) in try renderStates() {
            for p in panels {
                for text in p.texts {
                    for line in text.lines {
                        let width = Self.textWidth(line, font: text.font)
                        XCTAssertLessThanOrEqual(width, p.canvas.width - 20, "\(chart): \"\(line)\" is wider than the canvas")
                        if let c = text.centreX {
                            XCTAssertLessThanOrEqual(width / 2, min(c, p.canvas.width - c),
                                                     "\(chart) panel \(p.panel): \"\(line)\" runs off the canvas")
                        }
                    }
                }
            }
        }
    }

    func testNoLegendInsideADataArea() throws {
        for (chart, panels) in try renderStates() {
            let data = panels.filter { !$0.isLegendPanel }
            let rightmost = data.map(\.area.xmax).max() ?? 0
            for p in panels {
                guard let key = p.key else { continue }
                if p.isLegendPanel {  // the legend's own panel, right of the data panels, plots no data
                    XCTAssertTrue(p.dataY.lo > p.dataY.hi, "\(chart): the legend panel plotted data")
                    XCTAssertGreaterThanOrEqual(p.area.xmin, rightmost, "\(chart): the legend panel overlaps a data panel")
                    continue
                }
                XCTAssertFalse(p.dataY.lo > p.dataY.hi, "\(chart) panel \(p.panel): not a legend panel but plotted nothing")
                if key.contains(" outside ") { continue }
                if let at = key.range(of: "at screen ") {
                    let x = Double(key[at.upperBound...].split(separator: ",")[0].trimmingCharacters(in: .whitespaces))!
                    XCTAssertGreaterThanOrEqual(x * p.canvas.width, rightmost, "\(chart) panel \(p.panel): legend at screen x = \(x) overlaps a data area")
                    continue
                }
                XCTFail("\(chart) panel \(p.panel): legend inside the data area: \(key)")
            }
        }
    }
}
