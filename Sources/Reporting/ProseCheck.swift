import Foundation

/// `bench report --check`: every number PAPER.md's prose cites must be backed
/// by the committed CSVs, within the rounding it is written with.
///
/// Rules (documented in PAPER.md's opening note and README):
/// - Only prose is read: generated regions, code spans and blocks, HTML
///   comments, headings, link targets and images are skipped.
/// - Not measurements, skipped automatically: a number glued to a letter
///   (`p99`, `2k`, `1e6`, `test262`), a list item's number, a section number
///   (`§4`), a version (`Node 24.19`, `v20`), a key inside `k ∈ {…}`.
/// - A key after `k =`, `storages`, `concurrency` must be a value of that
///   column in the cited CSVs (`k = 83` names no row); `N in flight` and
///   `concurrency N` narrow the rows like `k = N` does.
/// - Anything else that is not a measurement is listed in an annotation in its
///   paragraph: `<!-- not measured: 55, 10,000, 30-50 -->` (as written in the
///   text). An annotated number that no longer occurs is reported, so the
///   annotations cannot go stale.
/// - A number is backed when some value, rounded as the prose rounds it,
///   equals it: a value of the CSVs the paragraph cites (`Results/…csv`;
///   all summaries when it cites none), restricted to the workloads and the
///   storages/concurrency keys the paragraph names, of a column chosen by the
///   number's unit (`ns`, `µs`: the headline statistic or the median, plus the latency percentiles the
///   paragraph names; `ms`: latencies; `×`: ratio_vs_none; `%`: run rates;
///   bytes; allocations — a bare number takes the unit of the next one in
///   "153 against 388 ns"), or a figure `bench report` derives from the CSVs
///   in a generated region (`%`: crossings; `×`: frames' worst cases; `ns`
///   where the paragraph speaks of slopes: fits; `ns` and bare numbers: the
///   real applications' table; bare numbers: fits, crossings, fidelity
///   counts and τ, worst cases).
public enum ProseCheck {
    /// One unbacked number (or stale annotation), `path:line: …`.
    public struct Finding: CustomStringConvertible, Equatable {
        public let line: Int
        public let message: String
        public let path: String
        public var description: String { "\(path):\(line): \(message)" }
    }

    /// A summary CSV to check against.
    public struct Source {
        public let path: String
        public let table: CSVTable
        public init(path: String, table: CSVTable) {
            self.path = path
            self.table = table
        }
    }

    /// Checks `paper` (with freshly generated regions) against `sources`.
    ///
    /// - Complexity: O(numbers in the prose × rows of the cited CSVs).
    public static func check(paper: String, path: String, sources: [Source]) throws -> [Finding] {
        let regions = try Region.scan(paper, path: path)
        let lines = paper.components(separatedBy: "\n")
        var inRegion = Array(repeating: false, count: lines.count + 2)
        for r in regions { for l in r.beginLine...r.endLine { inRegion[l] = true } }
        // Figures bench report derives (fits, crossings, counts, τ, worst cases), by region;
        // regions that only repeat CSV cells are not needed: the CSVs are checked directly.
        var generated: [String: [Double]] = [:]
        for r in regions {
            generated[r.name, default: []] += lines[r.beginLine..<(r.endLine - 1)].flatMap { numbers(in: $0).map(\.value) }
        }

        var findings: [Finding] = []
        for paragraph in paragraphs(lines, skip: inRegion) {
            findings += checkParagraph(paragraph, path: path, sources: sources, generated: generated)
        }
        return findings
    }

    // MARK: paragraphs and numbers

    struct Paragraph {
        /// (1-based line, prose text with skipped spans blanked out).
        var lines: [(Int, String)] = []
        /// The lines as written: the context (cited files, workload ids in code spans, keys).
        var original: [String] = []
        var exempt: [String] = []
        var exemptLine = 0
        var raw: String { original.joined(separator: " ") }
    }

    static let annotation = try! NSRegularExpression(pattern: #"<!--\s*not measured:\s*(.*?)\s*-->"#)
    static let comment = try! NSRegularExpression(pattern: #"<!--.*?-->"#)
    static let code = try! NSRegularExpression(pattern: #"`[^`]*`"#)
    static let link = try! NSRegularExpression(pattern: #"\]\([^)]*\)"#)
    static let listNumber = try! NSRegularExpression(pattern: #"^\s*\d+\.(?=\s)"#)
    static let keyGroup = try! NSRegularExpression(pattern: #"k\s*∈\s*\{[^}]*\}"#)
    static let number = try! NSRegularExpression(pattern: #"(?<![\p{L}\p{N}_.,§])([−-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\p{L}\p{N}_²³])"#)
    static let keyPrefixes = ["k = ", "k ≥ ", "k ≤ ", "k=", "storages = ", "storages ", "concurrency = ", "concurrency ",
                              "run_rate = ", "run_rate ", "Node ", "Node ≤ ", "v", "§", "Swift ", "issue "]

    static func blank(_ re: NSRegularExpression, in s: String) -> String {
        let ns = NSMutableString(string: s)
        for m in re.matches(in: s, range: NSRange(location: 0, length: ns.length)).reversed() {
            ns.replaceCharacters(in: m.range, with: String(repeating: " ", count: m.range.length))
        }
        return ns as String
    }

    static func paragraphs(_ lines: [String], skip: [Bool]) -> [Paragraph] {
        var out: [Paragraph] = []
        var current = Paragraph()
        var fenced = false
        func flush() { if !current.lines.isEmpty || !current.exempt.isEmpty { out.append(current) }; current = Paragraph() }
        for (i, text) in lines.enumerated() {
            let n = i + 1
            if text.hasPrefix("```") { fenced.toggle(); flush(); continue }
            if fenced || skip[n] { flush(); continue }
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { flush(); continue }
            let ns = text as NSString
            for m in annotation.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
                // Numbers as written; other words (a reason in parentheses) are for the reader.
                current.exempt += ns.substring(with: m.range(at: 1)).components(separatedBy: " ")
                    .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;")) }
                    .filter { $0.first.map { $0.isNumber || (($0 == "-" || $0 == "−") ) } ?? false }
                current.exemptLine = n
            }
            if trimmed.hasPrefix("#") || trimmed.hasPrefix("![") { continue }
            var prose = blank(listNumber, in: text)
            prose = blank(comment, in: prose)
            prose = blank(code, in: prose)
            prose = blank(link, in: prose)
            prose = blank(keyGroup, in: prose)
            current.lines.append((n, prose))
            current.original.append(text)
        }
        flush()
        return out
    }

    /// A number as written: its value and its rounding step.
    struct Written {
        let text: String
        let value: Double
        let step: Double
        let range: NSRange
    }

    static func numbers(in s: String) -> [Written] {
        let ns = s as NSString
        return number.matches(in: s, range: NSRange(location: 0, length: ns.length)).compactMap { m in
            let integer = ns.substring(with: m.range(at: 2)).replacingOccurrences(of: ",", with: "")
            let fraction = m.range(at: 3).location == NSNotFound ? "" : ns.substring(with: m.range(at: 3))
            var sign = m.range(at: 1).length > 0 ? -1.0 : 1.0
            // "41-69": the dash is a range, not a sign.
            if sign < 0, m.range.location > 0, let prev = ns.substring(with: NSRange(location: m.range.location - 1, length: 1)).unicodeScalars.first,
               CharacterSet.decimalDigits.contains(prev) { sign = 1 }
            guard let v = Double(integer + (fraction.isEmpty ? "" : "." + fraction)) else { return nil }
            let digitsRange = NSRange(location: m.range(at: 2).location, length: m.range.location + m.range.length - m.range(at: 2).location)
            return Written(text: ns.substring(with: digitsRange), value: sign * v, step: pow(10, -Double(fraction.count)), range: m.range)
        }
    }

    // MARK: checking

    enum Unit: String { case ns, us = "µs", ms, ratio = "×", percent = "%", bytes, allocations, none }

    static func unit(after s: String, _ range: NSRange) -> Unit {
        let rest = (s as NSString).substring(from: range.location + range.length).trimmingCharacters(in: .whitespaces)
        // "41-69 %": the first number of a range takes the unit of the second.
        if let dash = rest.first, dash == "-" || dash == "–" {
            let after = String(rest.dropFirst())
            if let m = number.firstMatch(in: after, range: NSRange(location: 0, length: (after as NSString).length)), m.range.location == 0 {
                return unit(after: after, m.range)
            }
        }
        for (prefix, u) in [("ns", Unit.ns), ("µs", .us), ("ms", .ms), ("×", .ratio), ("%", .percent), ("byte", .bytes), ("allocation", .allocations)]
        where rest.hasPrefix(prefix) {
            return u
        }
        // "153 against 388 ns", "3.1 / 5.4 µs": a bare number takes the unit of the next one.
        for joiner in ["against ", "and ", "or ", "to ", "/ ", ", "] where rest.hasPrefix(joiner) {
            let after = String(rest.dropFirst(joiner.count))
            if let m = number.firstMatch(in: after, range: NSRange(location: 0, length: (after as NSString).length)), m.range.location == 0 {
                return unit(after: after, m.range)
            }
        }
        return .none
    }

    struct Candidate { let value: Double; let label: String }

    static func checkParagraph(_ p: Paragraph, path: String, sources: [Source], generated: [String: [Double]]) -> [Finding] {
        let text = p.raw
        let cited = sources.filter { text.contains($0.path) }
        let pool = cited.isEmpty ? sources : cited
        let workloads = Set(ResultsSchema.workloads.filter { text.contains($0) })
        let ks = keyValues(text, ["k = ", "storages = ", "storages "])
        // Fitted slopes and intercepts back "ns" only where the paragraph speaks of fits.
        let perStorage = text.contains("per storage") || text.contains("slope") || text.contains("intercept")
        // "p99 … 1.34 ms": only the percentiles the paragraph names.
        let percentiles = [("p50", "latency_p50_ns"), ("p90", "latency_p90_ns"), ("p99.9", "latency_p999_ns"), ("p99 ", "latency_p99_ns"),
                           ("p99,", "latency_p99_ns"), ("max", "latency_max_ns")].filter { text.contains($0.0) }.map(\.1)
        let inFlight = try! NSRegularExpression(pattern: #"(\d{1,3}(?:,\d{3})+|\d+) (?:requests )?in flight"#)
        let concurrencies = keyValues(text, ["concurrency = ", "concurrency "]).union(
            inFlight.matches(in: text, range: NSRange(location: 0, length: (text as NSString).length)).compactMap {
                Int((text as NSString).substring(with: $0.range(at: 1)).replacingOccurrences(of: ",", with: ""))
            })
        // Keys must name rows that exist: "k = 83" is as wrong as a wrong figure.
        func keyColumn(_ name: String) -> Set<Double> {
            Set(pool.flatMap { src in src.table.column(name).map { j in src.table.rows.compactMap { Double($0[j]) } } ?? [] })
        }
        let storagesValues = keyColumn("storages"), concurrencyValues = keyColumn("concurrency")

        var findings: [Finding] = []
        var used = Set<String>()
        for (line, prose) in p.lines {
            for w in numbers(in: prose) {
                let before = (prose as NSString).substring(to: w.range.location)
                // "30-50" in an annotation covers both ends of the range.
                if let e = p.exempt.first(where: { $0 == w.text || ($0.contains("-") && $0.components(separatedBy: "-").contains(w.text)) }) {
                    used.insert(e)
                    continue
                }
                if let prefix = keyPrefixes.first(where: { before.hasSuffix($0) }) {
                    let values = prefix.hasPrefix("k") || prefix.hasPrefix("storages") ? storagesValues
                        : prefix.hasPrefix("concurrency") ? concurrencyValues : nil
                    if let values, !values.isEmpty, !values.contains(w.value) {
                        findings.append(Finding(line: line, message: "\(prefix)\(w.text) names no row of \(pool.map(\.path).joined(separator: ", ")) (values: "
                            + values.sorted().map { CSVFormat.number($0) }.joined(separator: ", ") + ")", path: path))
                    }
                    continue
                }
                let u = unit(after: prose, w.range)
                let candidates = self.candidates(u, pool: pool, workloads: workloads, ks: ks, concurrencies: concurrencies,
                                                 percentiles: percentiles, perStorage: perStorage, generated: generated)
                let tolerance = w.step / 2 * (u == .percent ? 0.01 : 1) + 1e-9
                let target = u == .percent ? w.value / 100 : w.value
                guard !candidates.contains(where: { abs($0.value - target) <= tolerance }) else { continue }
                let nearest = candidates.sorted { abs($0.value - target) < abs($1.value - target) }.prefix(3)
                let scope = [workloads.isEmpty ? nil : "workloads " + workloads.sorted().joined(separator: ", "),
                             ks.isEmpty ? nil : "storages " + ks.sorted().map(String.init).joined(separator: ", ")]
                    .compactMap { $0 }.joined(separator: "; ")
                let label = u == .none ? "" : " " + u.rawValue
                findings.append(Finding(line: line, message: "\(w.text)\(label) is not backed by \(pool.map(\.path).joined(separator: ", "))"
                    + (scope.isEmpty ? "" : " (\(scope))") + " within its rounding (± \(CSVFormat.number(w.step / 2)))"
                    + "; nearest: " + (nearest.isEmpty ? "none" : nearest.map { "\(CSVFormat.number(u == .percent ? $0.value * 100 : $0.value)) (\($0.label))" }.joined(separator: ", "))
                    + ". If it is not a measurement, list it in the paragraph's <!-- not measured: … --> annotation.", path: path))
            }
        }
        for e in p.exempt where !used.contains(e) {
            findings.append(Finding(line: p.exemptLine, message: "\(e) is listed as not measured but does not occur in its paragraph", path: path))
        }
        return findings
    }

    static func keyValues(_ text: String, _ prefixes: [String]) -> Set<Int> {
        var out = Set<Int>()
        for prefix in prefixes where prefix != "in flight" {
            var rest = Substring(text)
            while let r = rest.range(of: prefix) {
                rest = rest[r.upperBound...]
                let digits = rest.prefix { $0.isNumber || $0 == "," }
                if let v = Int(digits.replacingOccurrences(of: ",", with: "")) { out.insert(v) }
            }
        }
        return out
    }

    static func candidates(_ u: Unit, pool: [Source], workloads: Set<String>, ks: Set<Int>, concurrencies: Set<Int>,
                           percentiles: [String], perStorage: Bool, generated: [String: [Double]]) -> [Candidate] {
        let latencyColumns = ["latency_p50_ns", "latency_p90_ns", "latency_p99_ns", "latency_p999_ns", "latency_max_ns"]
        let latency = percentiles.isEmpty ? latencyColumns : percentiles
        let columns: [String]
        var scale = 1.0
        switch u {
        case .ns: columns = ResultsSchema.timeColumns + (percentiles.isEmpty ? [] : latency)
        case .us: columns = ResultsSchema.timeColumns + (percentiles.isEmpty ? [] : latency); scale = 1e-3
        case .ms: columns = latency; scale = 1e-6
        case .ratio: columns = ["ratio_vs_none"]
        case .percent: columns = ["run_rate"]
        case .bytes: columns = ["bytes_per_op", "retained_bytes", "retained_bytes_per_request", "retained_after_drain_bytes"]
        case .allocations: columns = ["allocs_per_op"]
        case .none: columns = ResultsSchema.summaryColumns.filter { !ResultsSchema.textColumns.contains($0) }
        }
        var out: [Candidate] = []
        for source in pool {
            let t = source.table
            guard let w = t.column("workload"), let s = t.column("strategy") else { continue }
            let k = t.column("storages"), c = t.column("concurrency")
            let indices = columns.compactMap { name in t.column(name).map { (name, $0) } }
            for (i, row) in t.rows.enumerated() {
                if !workloads.isEmpty, !workloads.contains(row[w]) { continue }
                if !ks.isEmpty, let k, let v = Int(row[k]), !ks.contains(v) { continue }
                if !concurrencies.isEmpty, let c, let v = Int(row[c]), !concurrencies.contains(v) { continue }
                for (name, j) in indices {
                    guard let x = Double(row[j]) else { continue }
                    out.append(Candidate(value: x * scale, label: "\(source.path):\(t.line(ofRow: i)) \(row[s]) \(row[w]) k=\(k.map { row[$0] } ?? "") \(name)"))
                }
            }
        }
        // Generated regions whose printed figures back a prose number of this unit, with the factor from
        // the printed figure to the unit's value: the repeatability table prints shares in %, which a
        // percentage in prose is compared with as a fraction. The unit-cost table is
        // Results/fidelity/unit-costs.csv as printed (that CSV has no workload/strategy rows to search), and
        // the real-applications table Results/replay/ as printed (per request, not per operation: its
        // CSVs are not summaries).
        let derived: [(region: String, factor: Double)]
        switch u {
        case .us, .ms, .bytes, .allocations: derived = []
        case .percent: derived = [("crossover", 1), ("repeatability", 0.01), ("real-applications", 0.01)]
        case .ratio: derived = [("frames", 1), ("floor", 1), ("unit-costs", 1)]
        case .ns: derived = (perStorage ? [("scaling", 1)] : []) + [("unit-costs", 1), ("real-applications", 1)]
        case .none: derived = [("scaling", 1), ("crossover", 1), ("fidelity", 1), ("frames", 1), ("floor", 1), ("unit-costs", 1),
                               ("real-applications", 1)]
        }
        for (name, factor) in derived {
            out += (generated[name] ?? []).map { Candidate(value: $0 * factor, label: "generated region \(name)") }
        }
        return out
    }
}
