import Foundation
import Reporting
import Workloads
import SemanticOracle
import Suites

/// Whether a summary.csv holds a row for every cell × strategy of a suite,
/// so `bench report` never rewrites the paper's tables from a filtered run.
enum SuiteCoverage {
    struct Key: Hashable {
        let strategy: String
        let workload: String
        let storages: Int
        let concurrency: Int?
        let runRate: Double?
    }

    static func keys(of suite: Suite) -> Set<Key> {
        Set(suite.cells.flatMap { cell in
            suite.strategies.map { s in
                Key(strategy: s, workload: cell.workload.rawValue, storages: cell.parameters.storages,
                    concurrency: cell.workload == .requestServer ? cell.parameters.concurrency : nil,
                    runRate: cell.workload == .contextChurn ? cell.parameters.runRate : nil)
            }
        })
    }

    /// - Throws: `BenchError.message` naming how many rows are missing and the first few.
    /// - Complexity: O(rows + suite cells × strategies).
    static func require(summaryCSV: String, covers suite: Suite) throws {
        let table: CSVTable
        do { table = try CSVTable.read(path: summaryCSV) } catch { throw BenchError.message("bench report: \(error)") }
        do { try SummaryValidation.validate(table, source: summaryCSV) } catch { throw BenchError.message("bench report: \(error)") }
        let c = ["strategy", "workload", "storages", "concurrency", "run_rate"].map { table.column($0) }
        var present = Set<Key>()
        for row in table.rows {
            guard let s = c[0], let w = c[1], let k = c[2], let storages = Int(row[k]) else { continue }
            present.insert(Key(strategy: row[s], workload: row[w], storages: storages,
                               concurrency: c[3].flatMap { Int(row[$0]) }, runRate: c[4].flatMap { Double(row[$0]) }))
        }
        let missing = keys(of: suite).subtracting(present).sorted {
            ($0.workload, $0.storages, $0.strategy) < ($1.workload, $1.storages, $1.strategy)
        }
        guard missing.isEmpty else {
            let examples = missing.prefix(3).map { k in
                "\(k.workload) k=\(k.storages)\(k.concurrency.map { " concurrency=\($0)" } ?? "")\(k.runRate.map { " run_rate=\(CSVFormat.number($0))" } ?? "") \(k.strategy)"
            }.joined(separator: "; ")
            throw BenchError.message("bench report: \(summaryCSV) does not cover the \(suite.name) suite the paper reports: "
                + "\(missing.count) of \(keys(of: suite).count) cell × strategy rows are missing (e.g. \(examples)); "
                + "run `bench run --suite \(suite.name)` first; the paper was not changed")
        }
    }
}
