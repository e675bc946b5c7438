import Foundation

/// The committed budgets file (`budgets.json`, issue 11): one exact figure
/// per budgeted cell, and the relative tolerance CI allows above it.
///
/// Instruction and allocation counts repeat exactly run to run, so the
/// tolerance only has to absorb deliberate-but-small drift (a toolchain
/// update); 3 % is tight enough that a 5 % regression fails.
public struct BudgetFile: Codable, Equatable, Sendable {
    public struct Budget: Codable, Equatable, Sendable {
        /// "promise-chain k=8 frame-ref extra_instructions_per_op".
        public var id: String
        public var value: Double
        public init(id: String, value: Double) {
            self.id = id
            self.value = value
        }
    }

    public static let defaultPath = "budgets.json"
    public static let defaultTolerance = 0.03

    public var comment: String
    /// A measured figure may exceed its budget by this fraction of the budget.
    public var tolerance: Double
    /// The operation counts of the two runs behind each marginal figure.
    public var lowOps: Int
    public var highOps: Int
    public var budgets: [Budget]

    public init(tolerance: Double = BudgetFile.defaultTolerance, lowOps: Int, highOps: Int, budgets: [Budget]) {
        comment = "Exact marginal per-operation budgets checked by `bench budgets` in CI (.ci/run). "
            + "When a change is meant to move one, run `bench budgets --update` and commit this file with the change."
        self.tolerance = tolerance
        self.lowOps = lowOps
        self.highOps = highOps
        self.budgets = budgets
    }

    /// - Throws: ``ReportingError`` (`.missingFile`, `.malformedInput`) naming the file.
    public static func load(_ path: String) throws -> BudgetFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReportingError(.missingFile, "\(path): no such file; create it with `bench budgets --update`")
        }
        let file: BudgetFile
        do { file = try JSONDecoder().decode(BudgetFile.self, from: data) } catch {
            throw ReportingError(.malformedInput, "\(path): not a budgets file (\(error))")
        }
        guard file.tolerance >= 0, file.tolerance.isFinite else {
            throw ReportingError(.malformedInput, "\(path): tolerance must be a non-negative number, got \(file.tolerance)")
        }
        return file
    }

    /// Pretty JSON, budgets in the file's order (stable diffs).
    public func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Only strings and finite numbers: encoding cannot fail.
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self) + "\n"
    }

    /// How one measured figure stands against its budget.
    public enum Verdict: Equatable, Sendable {
        case within
        /// Above `value + |value| × tolerance`: CI fails.
        case exceeded(limit: Double)
        /// Below `value - |value| × tolerance`: passes; the budget could be tightened.
        case improved
        /// The list names a figure this file has no budget for (CI fails).
        case noBudget
        /// The file budgets a figure that was not measured (CI fails).
        case notMeasured
    }

    public struct Line: Equatable, Sendable {
        public var id: String
        public var budget: Double?
        public var measured: Double?
        public var verdict: Verdict
        public var failed: Bool {
            switch verdict {
            case .within, .improved: return false
            case .exceeded, .noBudget, .notMeasured: return true
            }
        }

        /// "FAIL promise-chain k=8 frame-ref extra_instructions_per_op: measured 210.5, budget 200 (limit 206, +5.3 %)".
        public var message: String {
            func f(_ x: Double?) -> String { x.map { CSVFormat.number($0, digits: 6) } ?? "-" }
            let change = (budget.flatMap { b in measured.map { m in b == 0 ? nil : (m - b) / abs(b) * 100 } } ?? nil)
                .map { String(format: "%+.2f %%", $0) } ?? ""
            switch verdict {
            case .within: return "ok   \(id): measured \(f(measured)), budget \(f(budget)) \(change)"
            case .improved: return "ok   \(id): measured \(f(measured)), budget \(f(budget)) \(change) (below budget: tighten with `bench budgets --update`)"
            case .exceeded(let limit): return "FAIL \(id): measured \(f(measured)) exceeds budget \(f(budget)) (limit \(f(limit)), \(change))"
            case .noBudget: return "FAIL \(id): measured \(f(measured)) but the budgets file has no budget for it (run `bench budgets --update`)"
            case .notMeasured: return "FAIL \(id): budget \(f(budget)) but the figure was not measured (stale budget? run `bench budgets --update`)"
            }
        }
    }

    /// Checks `measured` (figure id → value) against the budgets, in the
    /// order of `expected` (then any budget not in it).
    ///
    /// - Complexity: O(budgets + measured).
    public func check(_ measured: [String: Double], expected: [String]) -> [Line] {
        let byID = Dictionary(budgets.map { ($0.id, $0.value) }, uniquingKeysWith: { a, _ in a })
        var lines: [Line] = []
        for id in expected {
            guard let m = measured[id] else {
                lines.append(Line(id: id, budget: byID[id], measured: nil, verdict: .notMeasured))
                continue
            }
            guard let b = byID[id] else {
                lines.append(Line(id: id, budget: nil, measured: m, verdict: .noBudget))
                continue
            }
            let slack = abs(b) * tolerance + 1e-9
            let verdict: Verdict = m > b + slack ? .exceeded(limit: b + slack) : (m < b - slack ? .improved : .within)
            lines.append(Line(id: id, budget: b, measured: m, verdict: verdict))
        }
        for budget in budgets where !expected.contains(budget.id) {
            lines.append(Line(id: budget.id, budget: budget.value, measured: nil, verdict: .notMeasured))
        }
        return lines
    }
}
