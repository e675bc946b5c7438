import Foundation

/// Does the model order the designs as real runtimes order their counterparts?
///
/// For each (workload, k) measured both in the model and on real runtimes,
/// the model strategies' overhead ratios (`ratio_vs_none`) are compared pair
/// by pair with their counterparts' ratios: a pair is concordant when both
/// rank it the same way. A cell agrees when every pair is concordant; Kendall's
/// τ-a over all pairs of all cells is (concordant − discordant) / pairs.
public enum Fidelity {
    /// Model strategy → its primary real counterpart. Node 24 runs both of
    /// Node's designs in one engine, so the hooks-vs-frames pair is compared
    /// within the same engine; Bun stands in for `frame-ref` (per-reaction
    /// array frames, closest of the runtimes here to workerd's design).
    public static let counterparts: [(model: String, real: String)] = [
        ("hook-map-copy", "node24-hooks"),
        ("continuation-slot", "node24-frame"),
        ("frame-ref", "bun"),
    ]

    public struct Cell: Equatable {
        public let workload: String
        public let storages: Int
        /// Model and real ratio per counterpart pair, in `counterparts` order (nil: not measured).
        public let model: [Double?]
        public let real: [Double?]
        public let concordant: Int
        public let discordant: Int
        /// Per pair (i, j) of `counterparts`: +1 concordant, -1 discordant, 0 not comparable.
        public let pairs: [Int]
        public var agrees: Bool { discordant == 0 && concordant > 0 }
    }

    public struct Report: Equatable {
        public let cells: [Cell]
        public var concordant: Int { cells.map(\.concordant).reduce(0, +) }
        public var discordant: Int { cells.map(\.discordant).reduce(0, +) }
        /// Kendall's τ-a over all compared pairs; nil when there are none.
        public var tau: Double? {
            let n = concordant + discordant
            return n == 0 ? nil : Double(concordant - discordant) / Double(n)
        }
        public var agreeingCells: Int { cells.filter(\.agrees).count }
        /// For each pair of designs: (model i, model j, concordant cells, discordant cells).
        public var byPair: [(String, String, Int, Int)] {
            Fidelity.pairIndices.enumerated().map { index, pair in
                (counterparts[pair.0].model, counterparts[pair.1].model,
                 cells.filter { $0.pairs[index] > 0 }.count, cells.filter { $0.pairs[index] < 0 }.count)
            }
        }
    }

    static let pairIndices: [(Int, Int)] = {
        var pairs: [(Int, Int)] = []
        for i in 0..<counterparts.count { for j in (i + 1)..<counterparts.count { pairs.append((i, j)) } }
        return pairs
    }()

    /// Compares `model` and `real` summaries. `reference` picks the comparable
    /// row of a workload with extra parameters (request-server's concurrency,
    /// context-churn's run rate).
    static func compare(model: SummaryData, real: SummaryData,
                        concurrency: Int = 100, runRate: Double = 0.1) -> Report {
        func ratio(_ data: SummaryData, _ strategy: String, _ workload: String, _ k: Int) -> Double? {
            data.ok.first {
                $0.strategy == strategy && $0.workload == workload && $0.storages == k
                    && (workload != "request-server" || $0.concurrency == concurrency)
                    && (workload != "context-churn" || ($0.runRate.map { abs($0 - runRate) < 1e-9 } ?? false))
            }?.value("ratio_vs_none")
        }
        var keys: [(String, Int)] = []
        var seen = Set<String>()
        for row in real.ok where (row.storages ?? 0) > 0 {
            let key = "\(row.workload)|\(row.storages!)"
            if seen.insert(key).inserted { keys.append((row.workload, row.storages!)) }
        }
        var cells: [Cell] = []
        for (workload, k) in keys {
            let m = counterparts.map { ratio(model, $0.model, workload, k) }
            let r = counterparts.map { ratio(real, $0.real, workload, k) }
            let pairs = pairIndices.map { i, j -> Int in
                guard let mi = m[i], let mj = m[j], let ri = r[i], let rj = r[j], mi != mj, ri != rj else { return 0 }
                return (mi < mj) == (ri < rj) ? 1 : -1
            }
            let concordant = pairs.filter { $0 > 0 }.count, discordant = pairs.filter { $0 < 0 }.count
            if concordant + discordant > 0 {
                cells.append(Cell(workload: workload, storages: k, model: m, real: r,
                                  concordant: concordant, discordant: discordant, pairs: pairs))
            }
        }
        return Report(cells: cells)
    }
}

/// The semantic divergence matrix: scenario × strategy (model and real), from
/// `semantics.csv` files with columns scenario, source, strategy, observed.
struct SemanticsTable {
    let scenarios: [(id: String, source: String)]
    let strategies: [String]
    let observed: [String: String]  // "scenario|strategy" → observed

    init(paths: [String]) throws {
        var scenarios: [(String, String)] = []
        var strategies: [String] = []
        var observed: [String: String] = [:]
        for path in paths where FileManager.default.fileExists(atPath: path) {
            let table = try reportingErrors { try CSVTable.read(path: path) }
            try reportingErrors { try table.requireColumns(["scenario", "source", "strategy", "observed"], source: path) }
            let (sc, so, st, ob) = (table.column("scenario")!, table.column("source")!, table.column("strategy")!, table.column("observed")!)
            for row in table.rows {
                if !scenarios.contains(where: { $0.0 == row[sc] }) { scenarios.append((row[sc], row[so])) }
                if !strategies.contains(row[st]) { strategies.append(row[st]) }
                observed[row[sc] + "|" + row[st]] = row[ob]
            }
        }
        self.scenarios = scenarios
        self.strategies = strategies
        self.observed = observed
    }
}
