import Foundation

/// The host's floor against an engine's (issue 12): the model's `none` and an
/// engine with no AsyncLocalStorage at all, on the same shapes, measured in
/// alternating rounds of one run (`bench floor`).
///
/// Every ratio the harness reports is (strategy cost + floor) / floor, so a
/// floor slower than the engine's shrinks every ratio; this is the yardstick
/// of that. Each round gives one headline time per (shape, side); a shape's
/// ratio is the median over rounds of the per-round ratios (each round's two
/// figures come from the same minutes of the machine), with their range.
public struct FloorComparison: Equatable {
    /// One headline time of one side in one round.
    public struct Measurement: Equatable {
        public var round: Int
        public var workload: String
        /// "none" (the model) or an engine's id (e.g. "node24-frame").
        public var source: String
        public var nanosPerOp: Double
        public var medianNanosPerOp: Double
        public var repetitions: Int
        public init(round: Int, workload: String, source: String, nanosPerOp: Double, medianNanosPerOp: Double, repetitions: Int) {
            self.round = round
            self.workload = workload
            self.source = source
            self.nanosPerOp = nanosPerOp
            self.medianNanosPerOp = medianNanosPerOp
            self.repetitions = repetitions
        }
    }

    /// One (shape, engine) line of the comparison.
    public struct Row: Equatable {
        public var workload: String
        public var opUnit: String
        public var engine: String
        /// Rounds in which both sides were measured.
        public var rounds: Int
        /// Medians over those rounds of each side's headline time.
        public var modelNanos: Double
        public var engineNanos: Double
        /// Median, minimum and maximum over those rounds of model / engine.
        public var ratio: Double
        public var ratioMin: Double
        public var ratioMax: Double
        /// The model's exact marginal instructions per op, when counted.
        public var modelInstructions: Double?
    }

    public static let modelSource = "none"
    public static let roundsHeader = ["round", "workload", "source", "ns_per_op", "ns_per_op_median", "reps"]
    public static let floorHeader = ["workload", "op_unit", "engine", "rounds", "model_ns_per_op", "engine_ns_per_op",
                                     "model_over_engine", "model_over_engine_min", "model_over_engine_max", "model_instructions_per_op"]

    public let measurements: [Measurement]
    public let rows: [Row]

    /// - Parameters:
    ///   - shapes: (workload, what one op is), in the order to report them.
    ///   - engines: engine ids, in the order to report them.
    ///   - instructions: the model's instructions per op by workload.
    /// - Complexity: O(measurements × (shapes + engines)).
    public init(measurements: [Measurement], shapes: [(workload: String, opUnit: String)], engines: [String],
                instructions: [String: Double] = [:]) {
        self.measurements = measurements
        var rows: [Row] = []
        for shape in shapes {
            let model = Dictionary(measurements.filter { $0.workload == shape.workload && $0.source == Self.modelSource }
                .map { ($0.round, $0.nanosPerOp) }, uniquingKeysWith: { a, _ in a })
            for engine in engines {
                let theirs = measurements.filter { $0.workload == shape.workload && $0.source == engine }
                let paired = theirs.compactMap { e in model[e.round].map { (model: $0, engine: e.nanosPerOp) } }
                    .filter { $0.model > 0 && $0.engine > 0 }
                guard !paired.isEmpty else { continue }
                let ratios = paired.map { $0.model / $0.engine }
                rows.append(Row(workload: shape.workload, opUnit: shape.opUnit, engine: engine, rounds: paired.count,
                                modelNanos: Self.median(paired.map(\.model)), engineNanos: Self.median(paired.map(\.engine)),
                                ratio: Self.median(ratios), ratioMin: ratios.min()!, ratioMax: ratios.max()!,
                                modelInstructions: instructions[shape.workload]))
            }
        }
        self.rows = rows
    }

    static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted(), n = s.count
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
    }

    /// Every round's figures (one row per round, shape and side).
    public var roundsTable: CSVTable {
        var t = CSVTable(header: Self.roundsHeader)
        for m in measurements {
            t.append([String(m.round), m.workload, m.source, CSVFormat.number(m.nanosPerOp), CSVFormat.number(m.medianNanosPerOp), String(m.repetitions)])
        }
        return t
    }

    /// One row per (shape, engine).
    public var floorTable: CSVTable {
        var t = CSVTable(header: Self.floorHeader)
        for r in rows {
            t.append([r.workload, r.opUnit, r.engine, String(r.rounds), CSVFormat.number(r.modelNanos), CSVFormat.number(r.engineNanos),
                      CSVFormat.number(r.ratio, digits: 3), CSVFormat.number(r.ratioMin, digits: 3), CSVFormat.number(r.ratioMax, digits: 3),
                      CSVFormat.number(r.modelInstructions)])
        }
        return t
    }

    /// The table `bench floor` prints.
    public func render() -> String {
        func cell(_ text: String, _ width: Int, right: Bool = false) -> String {
            let pad = String(repeating: " ", count: max(0, width - text.count))
            return right ? pad + text : text + pad
        }
        let header = [cell("shape", 15), cell("op", 16), cell("engine", 13), cell("model ns/op", 12, right: true),
                      cell("engine ns/op", 13, right: true), cell("model/engine", 13, right: true), cell("rounds: range", 22),
                      cell("model instr/op", 14, right: true)]
        var lines = [header.joined(separator: " ")]
        for r in rows {
            let instructions = r.modelInstructions.map { String(format: "%.0f", $0) } ?? "not counted"
            lines.append([cell(r.workload, 15), cell(r.opUnit, 16), cell(r.engine, 13),
                          cell(String(format: "%.1f", r.modelNanos), 12, right: true), cell(String(format: "%.1f", r.engineNanos), 13, right: true),
                          cell(String(format: "%.2f×", r.ratio), 13, right: true),
                          cell(String(format: "%d: %.2f-%.2f", r.rounds, r.ratioMin, r.ratioMax), 22),
                          cell(instructions, 14, right: true)].joined(separator: " "))
        }
        return lines.joined(separator: "\n")
    }
}
