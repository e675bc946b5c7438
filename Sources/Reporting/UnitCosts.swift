import Foundation
import ContextStrategies
import Measurement

/// The unit-cost table (issue 13): the cost of each elementary operation the
/// designs are made of, in the model and on each engine whose design the
/// model strategy stands for, from the same run's microbenchmark cells.
///
/// Every figure is a difference of headline times (``Statistics/headline``) of one run (a strategy against
/// `none` in the model; ALS on at k against ALS off in the same process on an
/// engine), divided by how many of the operation one op performs — counts
/// taken from the model's deterministic counters, which hold for the engine
/// too because both run the same program. Per-entry costs are least-squares
/// slopes over k (and the segment slopes between neighbouring k); fixed costs
/// are the fits' intercepts.
struct UnitCostTable {
    struct Row: Equatable {
        let operation: String
        /// "0", "1", "8", "64", or "fit" (least squares over k = 1, 8, 64).
        let k: String
        let unit: String
        let modelStrategy: String
        let engine: String
        let model: Double?
        let engineValue: Double?
        let derivation: String

        /// model / engine, when both are positive.
        var factor: Double? {
            guard let m = model, let e = engineValue, m > 0, e > 0 else { return nil }
            return m / e
        }
        var within: Bool? { factor.map { $0 <= 1.5 && $0 >= 1 / 1.5 } }
    }

    static let header = ["operation", "k", "unit", "model_strategy", "engine", "model_ns", "engine_ns",
                         "model_over_engine", "within_1_5x", "derivation"]

    let rows: [Row]

    var csv: CSVTable {
        var table = CSVTable(header: Self.header)
        for r in rows {
            table.append([r.operation, r.k, r.unit, r.modelStrategy, r.engine, CSVFormat.number(r.model), CSVFormat.number(r.engineValue),
                          CSVFormat.number(r.factor, digits: 3), r.within.map { $0 ? "yes" : "no" } ?? "", r.derivation])
        }
        return table
    }

    init(_ data: FidelityData) {
        var rows: [Row] = []
        let engines = data.runtimes
        let ks = FidelityData.ks
        func key(_ w: String, _ k: Int) -> FidelityData.Key { FidelityData.key(w, k) }

        // Floors: the workload with no context at all (model `none`; engine k = 0).
        for (operation, workload, unit) in [("floor-reaction", "promise-chain", "ns/reaction"),
                                            ("floor-await", "await-loop", "ns/await"),
                                            ("floor-timer", "timer-burst", "ns/timer")] {
            let m = data.modelNanos(FidelityData.baseline, key(workload, 1))
            for engine in StrategyPalette.ordered(engines) {
                guard let e = data.realNanos(engine, key(workload, 0)) else { continue }
                rows.append(Row(operation: operation, k: "0", unit: unit, modelStrategy: FidelityData.baseline, engine: engine,
                                model: m, engineValue: e, derivation: "\(workload): model none (k = 1) ns/op; engine ALS off (k = 0) ns/op"))
            }
        }

        for (strategy, engine) in FidelityData.shownPairs where engines.contains(engine) {
            func fitRows(_ operation: String, fixedOperation: String?, workload: String, counter: String, unit: String, fixedUnit: String,
                         perUnitCounter: String?) {
                // x: entries copied per op (model counter); y: added ns per op.
                var mx: [Double] = [], my: [Double] = [], ey: [Double] = []
                var points: [(k: Int, x: Double, m: Double?, e: Double?)] = []
                for k in ks {
                    guard let x = data.modelCounter(counter, strategy, key(workload, k)) else { continue }
                    let m = data.modelAdded(strategy, key(workload, k)), e = data.realAdded(engine, key(workload, k))
                    points.append((k, x, m, e))
                    if let m, let e { mx.append(x); my.append(m); ey.append(e) }
                }
                for (a, b) in zip(points, points.dropFirst()) where b.x > a.x {
                    func slope(_ y0: Double?, _ y1: Double?) -> Double? {
                        guard let y0, let y1 else { return nil }
                        return (y1 - y0) / (b.x - a.x)
                    }
                    let m = slope(a.m, b.m), e = slope(a.e, b.e)
                    rows.append(Row(operation: operation, k: String(b.k), unit: unit, modelStrategy: strategy, engine: engine,
                                    model: m, engineValue: e,
                                    derivation: "\(workload): (added ns/op at k = \(b.k) − at k = \(a.k)) / (\(counter) difference)"))
                }
                guard mx.count >= 2, Set(mx).count >= 2,
                      let mf = LinearFit(zip(mx, my).map { (x: $0, y: $1) }), let ef = LinearFit(zip(mx, ey).map { (x: $0, y: $1) }) else { return }
                rows.append(Row(operation: operation, k: "fit", unit: unit, modelStrategy: strategy, engine: engine,
                                model: mf.slope, engineValue: ef.slope,
                                derivation: "\(workload): least-squares slope of added ns/op against \(counter) over k = \(ks.map(String.init).joined(separator: ", "))"))
                if let fixedOperation {
                    // Intercept per unit: the added cost at zero entries, per resource (hook calls) or per op.
                    let per = perUnitCounter.flatMap { data.modelCounter($0, strategy, key(workload, ks[0])) } ?? 1
                    guard per > 0 else { return }
                    rows.append(Row(operation: fixedOperation, k: "fit", unit: fixedUnit, modelStrategy: strategy, engine: engine,
                                    model: mf.intercept / per, engineValue: ef.intercept / per,
                                    derivation: "\(workload): intercept of that fit" + (perUnitCounter.map { " / \($0)" } ?? "")))
                }
            }
            func perK(_ operation: String, workload: String, unit: String, divisor: String? = nil) {
                for k in ks {
                    let d = divisor.flatMap { data.modelCounter($0, strategy, key(workload, k)) } ?? 1
                    guard d > 0 else { continue }
                    let m = data.modelAdded(strategy, key(workload, k)), e = data.realAdded(engine, key(workload, k))
                    if m == nil && e == nil { continue }
                    rows.append(Row(operation: operation, k: String(k), unit: unit, modelStrategy: strategy, engine: engine,
                                    model: m.map { $0 / d }, engineValue: e.map { $0 / d },
                                    derivation: "\(workload): added ns/op (model: − none; engine: − ALS off)" + (divisor.map { " / \($0)" } ?? "")))
                }
            }
            // Which elementary operations a design has follows from the
            // mechanism its profile declares, not from its id.
            switch StrategyRegistry.profile(for: strategy)?.semantics?.mechanism {
            case .asyncHooks:
                fitRows("hook-copy-per-entry", fixedOperation: "hook-fixed-per-resource", workload: "await-loop",
                        counter: "entries_copied_per_op", unit: "ns/entry", fixedUnit: "ns/resource", perUnitCounter: "hook_calls_per_op")
                perK("hook-added-per-reaction", workload: "promise-chain", unit: "ns/reaction")
                perK("run-hooks", workload: "run-enter", unit: "ns/run")
            case .continuationSlot:
                fitRows("frame-copy-per-entry", fixedOperation: "run-fixed", workload: "run-enter",
                        counter: "entries_copied_per_op", unit: "ns/entry", fixedUnit: "ns/run", perUnitCounter: nil)
                perK("slot-save-restore-per-job", workload: "await-loop", unit: "ns/await")
                perK("slot-per-timer", workload: "timer-burst", unit: "ns/timer")
            case .frameRef:
                perK("wrapper-per-callback", workload: "timer-burst", unit: "ns/timer")
                perK("frame-ref-per-reaction", workload: "promise-chain", unit: "ns/reaction")
            case .promiseHooks, nil:
                // No engine ships the context-manager design, and an id no
                // strategy registers declares no mechanism: only get-store.
                break
            }
            perK("get-store", workload: "get-store", unit: "ns/getStore")
        }
        self.rows = rows
    }

    /// The Markdown table of the Node 24 rows (the judged engines), then a
    /// count over every row.
    func markdown(source: String) -> String {
        let judged = Set(FidelityData.judgedPairs.map(\.engine))
        let shown = rows.filter { judged.contains($0.engine) || ($0.operation.hasPrefix("floor") && $0.engine.hasPrefix("node24-frame")) }
        guard !shown.isEmpty else { return "_No unit costs: `\(source)` has no Node 24 rows._" }
        var lines = ["| operation | k | unit | model strategy | engine | model | engine | model / engine |",
                     "|---|---|---|---|---|---:|---:|---:|"]
        for r in shown {
            let f = r.factor.map { String(format: "%.2f", $0) + (r.within == true ? "" : " ✗") } ?? "—"
            lines.append("| \(r.operation) | \(r.k) | \(r.unit) | \(r.modelStrategy) | \(r.engine) | \(fmt(r.model)) | \(fmt(r.engineValue)) | \(f) |")
        }
        let comparable = rows.filter { $0.factor != nil }
        let inside = comparable.filter { $0.within == true }.count
        return lines.joined(separator: "\n")
            + "\n\n✗: outside 1.5×. Over every engine (Node 20, Deno and Bun included): \(inside) of \(comparable.count) comparable rows within 1.5×"
            + " (a row is not comparable when either side's difference is not positive: the operation is lost in the noise there)."
            + "\n\n_Source: `\(source)` (all engines); derivation of each row in its `derivation` column._"
    }

    private func fmt(_ x: Double?) -> String {
        let s = CSVFormat.number(x, digits: 3)
        return s.isEmpty ? "—" : s
    }
}
