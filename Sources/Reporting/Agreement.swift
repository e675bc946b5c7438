import Foundation

/// Issue 13's agreement criteria between the model and Node 24, each measured
/// over every (workload, k ∈ {1, 8, 64}) cell (request-server at concurrency
/// 100, context-churn at run_rate 0.1) and reported pass or fail; a cell the
/// engine did not measure (no port) is counted as not measured, never dropped
/// silently.
struct AgreementReport {
    struct CellPair {
        let workload: String
        let k: Int
        let model: String
        let engine: String
        let modelAdded: Double?
        let engineAdded: Double?
        let modelRatio: Double?
        let engineRatio: Double?
        var addedFactor: Double? { agreementFactor(modelAdded, engineAdded) }
        var ratioFactor: Double? { agreementFactor(modelRatio, engineRatio) }
        var measured: Bool { modelAdded != nil && engineAdded != nil }
    }

    struct Ordering {
        let workload: String
        let k: Int
        /// hook-map-copy ns/op − continuation-slot ns/op (model) and node24-hooks − node24-frame (engine).
        let modelDifference: Double?
        let engineDifference: Double?
        var measured: Bool { modelDifference != nil && engineDifference != nil }
        var agrees: Bool { measured && (modelDifference! < 0) == (engineDifference! < 0) }
    }

    struct Crossover {
        let k: Int
        /// The lowest run_rate at which the frame design stops being slower
        /// than the hooks design, by linear interpolation of the ns/op
        /// difference between measured rates; nil: no crossing in [0, 1].
        let model: Double?
        let engine: Double?
        let measured: Bool
        /// Per run rate: model hooks, model slot, engine hooks, engine frame ns/op.
        let points: [(rate: Double, mh: Double?, ms: Double?, eh: Double?, ef: Double?)]
        var passes: Bool {
            guard measured else { return false }
            switch (model, engine) {
            case (nil, nil): return true
            case let (m?, e?): return abs(m - e) <= 0.15
            default: return false
            }
        }
    }

    struct Criterion {
        let id: String
        let description: String
        let threshold: Double
        let passing: Int
        let measured: Int
        let notMeasured: Int
        var fraction: Double? { measured == 0 ? nil : Double(passing) / Double(measured) }
        var passes: Bool { (fraction ?? 0) >= threshold }
    }

    let pairs: [CellPair]
    let orderings: [Ordering]
    let crossovers: [Crossover]

    init(_ data: FidelityData) {
        var pairs: [CellPair] = []
        var orderings: [Ordering] = []
        for workload in data.workloads {
            for k in FidelityData.ks {
                let key = FidelityData.key(workload, k)
                guard data.modelRow(FidelityData.baseline, key) != nil else { continue }
                for (model, engine) in FidelityData.judgedPairs {
                    pairs.append(CellPair(workload: workload, k: k, model: model, engine: engine,
                                          modelAdded: data.modelAdded(model, key), engineAdded: data.realAdded(engine, key),
                                          modelRatio: data.modelRow(model, key)?.value("ratio_vs_none"),
                                          engineRatio: data.realRow(engine, key)?.value("ratio_vs_none")))
                }
                let (h, s) = (FidelityData.judgedPairs[0], FidelityData.judgedPairs[1])
                func difference(_ a: Double?, _ b: Double?) -> Double? { a.flatMap { a in b.map { a - $0 } } }
                orderings.append(Ordering(workload: workload, k: k,
                                          modelDifference: difference(data.modelNanos(h.model, key), data.modelNanos(s.model, key)),
                                          engineDifference: difference(data.realNanos(h.engine, key), data.realNanos(s.engine, key))))
            }
        }
        self.pairs = pairs
        self.orderings = orderings
        crossovers = FidelityData.ks.map { k in Self.crossover(data, k: k) }
    }

    static func crossover(_ data: FidelityData, k: Int) -> Crossover {
        let (h, s) = (FidelityData.judgedPairs[0], FidelityData.judgedPairs[1])
        let points = data.runRates.map { rate -> (rate: Double, mh: Double?, ms: Double?, eh: Double?, ef: Double?) in
            let key = FidelityData.key("context-churn", k, runRate: rate)
            return (rate, data.modelNanos(h.model, key), data.modelNanos(s.model, key), data.realNanos(h.engine, key), data.realNanos(s.engine, key))
        }
        func crossing(_ d: [(Double, Double)]) -> Double? {
            // d: (rate, slot − hooks); the frame design loses once the difference turns positive.
            guard let first = d.first else { return nil }
            if first.1 >= 0 { return first.0 }
            for (a, b) in zip(d, d.dropFirst()) where a.1 < 0 && b.1 >= 0 {
                return a.0 + (b.0 - a.0) * (-a.1) / (b.1 - a.1)
            }
            return nil
        }
        let m = points.compactMap { p in p.mh.flatMap { h in p.ms.map { (p.rate, $0 - h) } } }
        let e = points.compactMap { p in p.eh.flatMap { h in p.ef.map { (p.rate, $0 - h) } } }
        let measured = m.count >= 2 && e.count >= 2
        return Crossover(k: k, model: crossing(m), engine: crossing(e), measured: measured, points: points)
    }

    var criteria: [Criterion] {
        let added = pairs.filter(\.measured)
        let ratio = pairs.filter { $0.modelRatio != nil && $0.engineRatio != nil }
        let ordered = orderings.filter(\.measured)
        return [
            Criterion(id: "added-within-1.5x", description: "added ns per op (over each side's own floor) within 1.5×, per (cell, design pair)",
                      threshold: 0.8, passing: added.filter { ($0.addedFactor ?? .infinity) <= 1.5 }.count,
                      measured: added.count, notMeasured: pairs.count - added.count),
            Criterion(id: "ratio-within-1.5x", description: "ratio_vs_none within 1.5×, per (cell, design pair)",
                      threshold: 0.7, passing: ratio.filter { ($0.ratioFactor ?? .infinity) <= 1.5 }.count,
                      measured: ratio.count, notMeasured: pairs.count - ratio.count),
            Criterion(id: "designs-ordered", description: "\(FidelityData.judgedPairs[0].model) vs \(FidelityData.judgedPairs[1].model) ordered as \(FidelityData.judgedPairs[0].engine) vs \(FidelityData.judgedPairs[1].engine), per cell",
                      threshold: 0.9, passing: ordered.filter(\.agrees).count, measured: ordered.count,
                      notMeasured: orderings.count - ordered.count),
            Criterion(id: "crossover-within-0.15", description: "context-churn crossover run_rate within ±0.15 of Node 24's (or both none in [0, 1]), per k",
                      threshold: 1.0, passing: crossovers.filter(\.passes).count, measured: crossovers.filter(\.measured).count,
                      notMeasured: crossovers.filter { !$0.measured }.count),
        ]
    }

    static func rate(_ x: Double?) -> String { x.map { CSVFormat.number($0, digits: 3) } ?? "none" }

    var csv: CSVTable {
        var table = CSVTable(header: ["criterion", "description", "threshold", "passing", "measured", "not_measured", "fraction", "pass"])
        for c in criteria {
            table.append([c.id, c.description, CSVFormat.number(c.threshold, digits: 3), String(c.passing), String(c.measured),
                          String(c.notMeasured), CSVFormat.number(c.fraction, digits: 3), c.passes ? "pass" : "fail"])
        }
        return table
    }

    var cellsCSV: CSVTable {
        var table = CSVTable(header: ["workload", "storages", "model_strategy", "engine", "model_added_ns", "engine_added_ns", "added_factor",
                                      "model_ratio", "engine_ratio", "ratio_factor"])
        for p in pairs {
            table.append([p.workload, String(p.k), p.model, p.engine, CSVFormat.number(p.modelAdded), CSVFormat.number(p.engineAdded),
                          CSVFormat.number(p.addedFactor, digits: 3), CSVFormat.number(p.modelRatio), CSVFormat.number(p.engineRatio),
                          CSVFormat.number(p.ratioFactor, digits: 3)])
        }
        return table
    }

    var crossoverCSV: CSVTable {
        var table = CSVTable(header: ["storages", "run_rate", "model_hook_map_copy_ns", "model_continuation_slot_ns",
                                      "node24_hooks_ns", "node24_frame_ns", "model_crossover", "node24_crossover", "pass"])
        for c in crossovers {
            for p in c.points {
                table.append([String(c.k), CSVFormat.number(p.rate, digits: 6), CSVFormat.number(p.mh), CSVFormat.number(p.ms),
                              CSVFormat.number(p.eh), CSVFormat.number(p.ef), Self.rate(c.model), Self.rate(c.engine),
                              c.measured ? (c.passes ? "pass" : "fail") : "not measured"])
            }
        }
        return table
    }

    /// One line per criterion (for the terminal).
    var text: String {
        criteria.map { c in
            let f = c.fraction.map { String(format: "%.0f %%", $0 * 100) } ?? "n/a"
            return "\(c.passes ? "PASS" : "FAIL") \(c.id): \(c.passing) of \(c.measured) (\(f); needs ≥ \(Int(c.threshold * 100)) %)"
                + (c.notMeasured > 0 ? "; \(c.notMeasured) not measured on the engine" : "")
        }.joined(separator: "\n")
            + "\ncrossover run_rate (model / Node 24): "
            + crossovers.map { "k=\($0.k) \(Self.rate($0.model)) / \(Self.rate($0.engine))" }.joined(separator: ", ")
    }

    func markdown(source: String) -> String {
        var lines = ["| criterion | needs | measured | result |", "|---|---:|---:|---|"]
        for c in criteria {
            let f = c.fraction.map { String(format: "%.0f %%", $0 * 100) } ?? "n/a"
            let missing = c.notMeasured > 0 ? " (\(c.notMeasured) not measured on the engine)" : ""
            lines.append("| \(c.description) | ≥ \(Int(c.threshold * 100)) % | \(c.passing) of \(c.measured) = \(f)\(missing) | **\(c.passes ? "pass" : "fail")** |")
        }
        lines.append("")
        lines.append(crossoverMarkdown())
        lines.append("")
        lines.append("_Source: `\(source)` (agreement.csv, agreement-cells.csv, crossover.csv), from the model rows and the real rows of one `bench fidelity` run._")
        return lines.joined(separator: "\n")
    }

    func crossoverMarkdown() -> String {
        "Crossover of context-churn (the lowest run_rate at which continuation-slot / node24-frame is no faster than hook-map-copy / node24-hooks), model / Node 24: "
            + crossovers.map { c in "k = \(c.k): \(Self.rate(c.model)) / \(Self.rate(c.engine))" + (c.measured ? (c.passes ? "" : " ✗") : " (not measured)") }
                .joined(separator: "; ") + "."
    }
}
