import Foundation
import Measurement
import Workloads

/// Names fixed by the CSV output contract (issue 5); other tools and PAPER.md read them.
public enum ResultsSchema {
    /// `summary.csv` columns, in order.
    public static let summaryColumns = [
        "run_id", "strategy", "workload", "storages", "ops", "concurrency", "run_rate", "reps",
        timeColumn, "ns_per_op_ci_low", "ns_per_op_ci_high"] + otherTimeColumns + ["cv", "instructions_per_op",
        "ratio_vs_none", "ratio_ci_low", "ratio_ci_high", "p_value", "significance",
        "added_ns_per_op", "added_ns_ci_low", "added_ns_ci_high",
        "allocs_per_op", "bytes_per_op", "retained_bytes", "retained_bytes_per_request",
        "retained_after_drain_bytes", "hook_calls_per_op", "entries_copied_per_op", "frames_created", "wrappers_per_op",
        "side_table_high_water",
        "latency_p50_ns", "latency_p90_ns", "latency_p99_ns", "latency_p999_ns", "latency_max_ns",
        "checksum", "noise_warning", "status",
        // The raw figures behind allocs_per_op's objects (jemalloc's requests, the host heap's
        // records), last so that readers indexing the older columns by position keep working.
        "process_allocs_per_op", "heap_objects_per_op",
    ]
    /// `samples.csv` columns, in order.
    public static let samplesColumns = [
        "run_id", "strategy", "workload", "storages", "ops", "concurrency", "run_rate",
        "repetition", "warmup", "iterations", "total_ns", "ns_per_op",
    ]
    /// `latency-<workload>.csv` columns, in order.
    public static let latencyColumns = [
        "run_id", "strategy", "workload", "storages", "concurrency", "percentile", "latency_ns",
    ]
    /// Workloads whose op is one sub-microsecond call (`getStore`, `run`): a
    /// ratio to `none`'s near-empty loop body means nothing, so their headline
    /// figure is the added ns per op over `none` (`added_ns_per_op`).
    public static let addedCostWorkloads = WorkloadID.allCases.filter(\.isMicroOperation).map(\.rawValue)

    /// The column holding a cell's time per op as `statistic` of its
    /// repetitions; one place names them all (CSV, tables, charts, scripts).
    public static func timeColumn(of statistic: SampleStatistic) -> String {
        switch statistic {
        case .minimum: return "ns_per_op_min"
        case .fastestQuarterMean: return "ns_per_op_fastest_quarter"
        case .median: return "ns_per_op_median"
        }
    }
    /// The headline time column: the headline statistic of the repetitions
    /// (``Statistics/headline``, the fastest repetition); `ns_per_op_ci_low`/`_high`
    /// bound it, and the other statistics (``otherTimeColumns``) are beside it.
    public static let timeColumn = timeColumn(of: Statistics.headline)
    /// The statistics other than the headline, in ``SampleStatistic`` order.
    public static let otherStatistics = SampleStatistic.allCases.filter { $0 != Statistics.headline }
    /// Their columns, after the headline's interval in `summary.csv`.
    public static let otherTimeColumns = otherStatistics.map(timeColumn(of:))
    /// Every time-per-op column, the headline's first.
    public static let timeColumns = [timeColumn] + otherTimeColumns
    /// `noise_warning` of a row whose headline may not repeat (``SampleSummary/isNoisy``):
    /// `lone-min>5%` when the fastest repetition is more than 5 % below the
    /// second fastest, `ci>5%` (other headline statistics) when the
    /// headline's interval is wider than 5 % of it.
    public static let noiseWarningText: String = {
        let percent = "\(Int((Statistics.noiseThresholdWidth * 100).rounded()))%"
        switch Statistics.headline {
        case .minimum: return "lone-min>" + percent
        case .fastestQuarterMean, .median: return "ci>" + percent
        }
    }()

    /// The column holding a row's headline figure: ``timeColumn`` for
    /// `none`, `added_ns_per_op` for the micro-operation workloads, else
    /// `ratio_vs_none`.
    public static func headlineColumn(workload: String, strategy: String) -> String {
        if strategy == StrategyCatalog.baselineID { return timeColumn }
        return addedCostWorkloads.contains(workload) ? "added_ns_per_op" : "ratio_vs_none"
    }
    /// Workload ids, in display order (`WorkloadID`'s).
    public static let workloads = WorkloadID.allCases.map(\.rawValue)
    /// Summary columns that hold text, not numbers.
    static let textColumns: Set<String> = ["run_id", "strategy", "workload", "significance", "checksum", "noise_warning", "status"]
}

/// One row of `summary.csv`, with its figures parsed.
struct SummaryRow {
    let line: Int
    let runID: String
    let strategy: String
    let workload: String
    let status: String
    let storages: Int?
    let concurrency: Int?
    let runRate: Double?
    let text: [String: String]
    let numbers: [String: Double]

    var isOK: Bool { status == "ok" }
    func value(_ column: String) -> Double? { numbers[column] }
}

/// A parsed `summary.csv` (or a file of the same shape, like `Results/real/summary.csv`).
struct SummaryData {
    let path: String
    let header: [String]
    let rows: [SummaryRow]

    static let requiredColumns = ["run_id", "strategy", "workload", "storages", "status"]

    init(path: String) throws {
        try self.init(table: reportingErrors { try CSVTable.read(path: path) }, path: path)
    }

    init(table: CSVTable, path: String) throws {
        try reportingErrors { try table.requireColumns(Self.requiredColumns, source: path) }
        self.path = path
        header = table.header
        var rows: [SummaryRow] = []
        rows.reserveCapacity(table.rows.count)
        for (index, fields) in table.rows.enumerated() {
            let line = table.line(ofRow: index)
            var text: [String: String] = [:]
            var numbers: [String: Double] = [:]
            for (name, field) in zip(table.header, fields) {
                text[name] = field
                guard !field.isEmpty, !ResultsSchema.textColumns.contains(name) else { continue }
                if let x = Double(field.trimmingCharacters(in: .whitespaces)), x.isFinite {
                    numbers[name] = x
                } else if ResultsSchema.summaryColumns.contains(name) {
                    throw ReportingError(.malformedInput, "\(path):\(line): column \(name): \"\(field)\" is not a number")
                }
            }
            func integer(_ name: String) throws -> Int? {
                guard let x = numbers[name] else { return nil }
                guard x == x.rounded(), abs(x) < 1e15 else {
                    throw ReportingError(.malformedInput, "\(path):\(line): column \(name): \"\(text[name] ?? "")\" is not an integer")
                }
                return Int(x)
            }
            let status = text["status"] ?? ""
            rows.append(SummaryRow(
                line: line,
                runID: text["run_id"] ?? "",
                strategy: text["strategy"] ?? "",
                workload: text["workload"] ?? "",
                status: status,
                storages: try integer("storages"),
                concurrency: try integer("concurrency"),
                runRate: numbers["run_rate"],
                text: text,
                numbers: numbers))
            if status == "ok", (text["strategy"] ?? "").isEmpty || (text["workload"] ?? "").isEmpty {
                throw ReportingError(.malformedInput, "\(path):\(line): empty strategy or workload")
            }
        }
        self.rows = rows
    }

    var ok: [SummaryRow] { rows.filter(\.isOK) }
    var runIDs: [String] { Array(Set(rows.map(\.runID))).filter { !$0.isEmpty }.sorted() }
    func has(_ column: String) -> Bool { header.contains(column) }

    /// Workload ids present, contract order first.
    func workloads(_ rows: [SummaryRow]) -> [String] {
        let set = Set(rows.map(\.workload))
        let known = ResultsSchema.workloads.filter(set.contains)
        return known + set.subtracting(known).sorted()
    }
}

/// The parameter values that stand for a workload in single-value views (bar charts, headline
/// table): storages 8, request-server at concurrency 100, context-churn at run_rate 0.1 — or the
/// measured value nearest to those when they were not measured.
struct ReferenceCell {
    static let preferredK = 8
    static let preferredConcurrency = 100
    static let preferredRunRate = 0.1

    let k: Int?
    let concurrency: Int?
    let runRate: Double?

    init(_ summary: SummaryData) {
        let ok = summary.ok
        k = Self.nearest(ok.compactMap(\.storages).map(Double.init), to: Double(Self.preferredK)).map { Int($0) }
        concurrency = Self.nearest(ok.filter { $0.workload == "request-server" }.compactMap(\.concurrency).map(Double.init),
                                   to: Double(Self.preferredConcurrency)).map { Int($0) }
        runRate = Self.nearest(ok.filter { $0.workload == "context-churn" }.compactMap(\.runRate), to: Self.preferredRunRate)
    }

    /// The value nearest `target` on a log scale (ties: the smaller).
    static func nearest(_ values: [Double], to target: Double) -> Double? {
        let distinct = Set(values).sorted()
        func d(_ v: Double) -> Double { abs(log(max(v, 1e-9)) - log(target)) }
        return distinct.min { d($0) < d($1) }
    }

    /// Whether `row` is the reference cell of its workload at storages `k`. Only the swept
    /// parameter of request-server (concurrency) and context-churn (run_rate) is constrained.
    func matches(_ row: SummaryRow, k: Int) -> Bool {
        guard row.storages == k else { return false }
        switch row.workload {
        case "request-server": return concurrency == nil || row.concurrency == concurrency
        case "context-churn": return runRate == nil || row.runRate.map { abs($0 - runRate!) < 1e-12 } == true
        default: return true
        }
    }
}

/// `run.json`, read leniently: every key is optional, numbers and booleans become text.
struct RunInfo {
    let path: String
    let values: [String: String]

    /// `nil` when the file does not exist; throws when it exists but is not a JSON object.
    static func load(_ path: String) throws -> RunInfo? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw ReportingError(.io, "\(path): cannot read: \(error.localizedDescription)")
        }
        let dict: [String: JSONScalar]
        do { dict = try JSONDecoder().decode([String: JSONScalar].self, from: data) } catch {
            throw ReportingError(.malformedInput, "\(path): not a valid JSON object (\(error))")
        }
        var values: [String: String] = [:]
        for (key, value) in dict { if let text = value.text { values[key] = text } }
        return RunInfo(path: path, values: values)
    }

    subscript(_ key: String) -> String? {
        guard let v = values[key]?.trimmingCharacters(in: .whitespacesAndNewlines), !v.isEmpty else { return nil }
        return v
    }

    /// "host (cpu, N cores), kernel".
    var machine: String {
        var s = self["hostName"] ?? "unknown host"
        var details: [String] = []
        if let cpu = self["cpuModel"] { details.append(cpu) }
        if let cores = self["coreCount"] { details.append("\(cores) cores") }
        if !details.isEmpty { s += " (" + details.joined(separator: ", ") + ")" }
        if let kernel = self["kernel"] { s += ", " + kernel }
        return s
    }

    /// "Swift 6.3.1, release, jemalloc, git abc1234 (dirty)".
    var toolchain: String {
        var parts: [String] = []
        if let v = self["swiftVersion"] { parts.append(v.lowercased().hasPrefix("swift") ? v : "Swift " + v) }
        if let v = self["buildConfiguration"] { parts.append(v) }
        if let v = self["allocator"] { parts.append(v) }
        if let c = self["gitCommit"] {
            let dirty = ["true", "1", "yes"].contains(self["gitDirty"]?.lowercased() ?? "")
            parts.append("git " + String(c.prefix(12)) + (dirty ? " (dirty)" : ""))
        }
        return parts.joined(separator: ", ")
    }
}

/// A JSON value flattened to text (objects and null are dropped).
private struct JSONScalar: Decodable {
    let text: String?

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { text = nil }
        else if let b = try? c.decode(Bool.self) { text = b ? "true" : "false" }
        else if let i = try? c.decode(Int.self) { text = String(i) }
        else if let d = try? c.decode(Double.self) { text = CSVFormat.number(d, digits: 6) }
        else if let s = try? c.decode(String.self) { text = s }
        else if let a = try? c.decode([JSONScalar].self) { text = a.compactMap(\.text).joined(separator: " ") }
        else { text = nil }
    }
}
