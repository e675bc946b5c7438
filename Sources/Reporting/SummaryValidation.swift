import Foundation

/// The one check of `summary.csv` cells that `bench plot`, `bench report` and
/// `bench frames-report` all run before reading figures, so the three accept
/// and reject exactly the same files. Errors name `file:line` and the column.
public enum SummaryValidation {
    /// Numeric columns whose value may be negative: live-byte deltas, and the
    /// added cost over `none` (a design can measure cheaper than the floor, and
    /// its confidence interval can cross zero).
    static let signedColumns: Set<String> = ["retained_bytes", "retained_bytes_per_request", "retained_after_drain_bytes",
                                             "added_ns_per_op", "added_ns_ci_low", "added_ns_ci_high"]
    /// Columns holding a fraction in 0…1.
    static let unitIntervalColumns: Set<String> = ["p_value", "run_rate"]
    /// Columns holding a whole number.
    static let integerColumns: Set<String> = ["storages", "ops", "concurrency", "reps", "frames_created", "side_table_high_water",
                                              "latency_p50_ns", "latency_p90_ns", "latency_p99_ns", "latency_p999_ns", "latency_max_ns"]

    /// Checks every cell of a parsed summary: the required key columns exist;
    /// every numeric column of the schema holds a finite number (or is empty),
    /// non-negative unless it is a live-byte delta, whole where it counts
    /// something, in 0…1 for p-values and run rates; an
    /// integer; an `ok` row has a time (the headline time column).
    ///
    /// - Throws: `ReportingError(.malformedInput)` with `source:line: column …`.
    /// - Complexity: O(rows × columns).
    public static func validate(_ table: CSVTable, source: String) throws {
        try reportingErrors { try table.requireColumns(["strategy", "workload", "storages", "status"], source: source) }
        let schema = Set(ResultsSchema.summaryColumns)
        let numeric = table.header.enumerated().filter { schema.contains($0.element) && !ResultsSchema.textColumns.contains($0.element) }
        let status = table.column("status"), median = table.column(ResultsSchema.timeColumn)
        for (index, row) in table.rows.enumerated() {
            let line = table.line(ofRow: index)
            func fail(_ column: String, _ field: String, _ why: String) -> ReportingError {
                ReportingError(.malformedInput, "\(source):\(line): column \(column): \"\(field)\" \(why)")
            }
            for (j, name) in numeric {
                let field = row[j].trimmingCharacters(in: .whitespaces)
                if field.isEmpty { continue }
                guard let x = Double(field), x.isFinite else { throw fail(name, row[j], "is not a number") }
                if !signedColumns.contains(name), x < 0 { throw fail(name, row[j], "is negative") }
                if unitIntervalColumns.contains(name), x > 1 { throw fail(name, row[j], "is not in 0…1") }
                if integerColumns.contains(name), x != x.rounded() { throw fail(name, row[j], "is not a whole number") }
            }
            if let status, let median, row[status] == "ok", row[median].isEmpty {
                throw fail(ResultsSchema.timeColumn, "", "is empty in a row with status ok")
            }
        }
    }

    /// Reads and validates the summary at `path`.
    public static func validate(path: String) throws {
        let table = try reportingErrors { try CSVTable.read(path: path) }
        try validate(table, source: path)
    }
}
