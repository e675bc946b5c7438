import Foundation

/// A CSV parse or schema error that names the file and, where known, the 1-based line.
public struct CSVError: Error, CustomStringConvertible, LocalizedError, Equatable {
    /// The file (or other source label) the text came from.
    public let source: String
    /// 1-based line of the offending record, or `nil` when the error concerns the whole file.
    public let line: Int?
    /// What is wrong.
    public let reason: String

    public init(source: String, line: Int?, reason: String) {
        self.source = source
        self.line = line
        self.reason = reason
    }

    /// `file:line: reason`, the form compilers and editors understand.
    public var description: String {
        if let line { return "\(source):\(line): \(reason)" }
        return "\(source): \(reason)"
    }

    public var errorDescription: String? { description }
}

/// A rectangular CSV table (RFC 4180): one header row, then data rows of the same width.
///
/// `encoded()` quotes a field only when it contains a comma, a double quote, CR or LF
/// (quotes are doubled) and ends every record with `\n`. `parse` accepts `\n` and `\r\n`,
/// quoted fields spanning lines, and a UTF-8 byte-order mark; it skips blank lines.
public struct CSVTable: Equatable {
    /// Column names, in order.
    public var header: [String]
    /// Data rows; each has `header.count` fields.
    public var rows: [[String]]
    /// 1-based line on which each parsed row starts (empty for tables built in code).
    var lineNumbers: [Int] = []

    public init(header: [String], rows: [[String]] = []) {
        self.header = header
        self.rows = rows
    }

    public static func == (a: CSVTable, b: CSVTable) -> Bool {
        a.header == b.header && a.rows == b.rows
    }

    /// Appends a row; it must have exactly one field per header column.
    public mutating func append(_ row: [String]) {
        precondition(row.count == header.count,
                     "CSV row has \(row.count) fields, header has \(header.count)")
        rows.append(row)
    }

    /// The table as RFC 4180 text (header first, `\n` after every record).
    public func encoded() -> String {
        var out = ""
        out.reserveCapacity((rows.count + 1) * header.count * 8)
        func emit(_ record: [String]) {
            for (i, field) in record.enumerated() {
                if i > 0 { out.append(",") }
                out.append(CSVTable.quoted(field))
            }
            out.append("\n")
        }
        emit(header)
        rows.forEach(emit)
        return out
    }

    /// A field as it appears in CSV: quoted (with `""` escapes) only when needed.
    public static func quoted(_ field: String) -> String {
        let needsQuotes = field.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Index of the column called `name`, if present.
    public func column(_ name: String) -> Int? {
        header.firstIndex(of: name)
    }

    /// Throws a `CSVError` (line 1, the header) listing every name in `names` that is not a column.
    public func requireColumns(_ names: [String], source: String) throws {
        let missing = names.filter { !header.contains($0) }
        guard missing.isEmpty else {
            throw CSVError(source: source, line: 1,
                           reason: "missing column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", "))")
        }
    }

    /// 1-based line where data row `index` starts (falls back to `index + 2` for built tables).
    public func line(ofRow index: Int) -> Int {
        index < lineNumbers.count ? lineNumbers[index] : index + 2
    }

    /// Reads and parses the file at `path`; the error names `path`.
    public static func read(path: String) throws -> CSVTable {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CSVError(source: path, line: nil, reason: "no such file")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CSVError(source: path, line: nil, reason: "cannot read: \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CSVError(source: path, line: nil, reason: "not valid UTF-8")
        }
        return try parse(text, source: path)
    }

    /// Parses RFC 4180 text. Errors name `source` and the 1-based line: wrong field count,
    /// unterminated quote, a quote inside an unquoted field, text after a closing quote, no header.
    public static func parse(_ text: String, source: String) throws -> CSVTable {
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf: UInt8 = 10, cr: UInt8 = 13

        var records: [[String]] = []
        var recordLines: [Int] = []
        var record: [String] = []
        var field: [UInt8] = []
        var line = 1
        var recordStart = 1
        var i = 0
        let n = bytes.count

        func finishField() {
            record.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        var recordHasContent = false  // false for a blank line, which is skipped
        func finishRecord() {
            finishField()
            if recordHasContent {
                records.append(record)
                recordLines.append(recordStart)
            }
            record.removeAll(keepingCapacity: true)
            recordHasContent = false
        }

        while i < n {
            let b = bytes[i]
            if b != lf && b != cr { recordHasContent = true }
            if b == quote {
                guard field.isEmpty else {
                    throw CSVError(source: source, line: line, reason: "stray double quote inside an unquoted field")
                }
                let openLine = line
                i += 1
                var closed = false
                while i < n {
                    let c = bytes[i]
                    if c == quote {
                        if i + 1 < n && bytes[i + 1] == quote {
                            field.append(quote)
                            i += 2
                            continue
                        }
                        closed = true
                        i += 1
                        break
                    }
                    if c == lf { line += 1 }
                    field.append(c)
                    i += 1
                }
                guard closed else {
                    throw CSVError(source: source, line: openLine, reason: "unterminated quoted field (opened on this line)")
                }
                // After a closing quote only a separator or end of record may follow.
                if i < n {
                    let c = bytes[i]
                    let atEnd = c == comma || c == lf || (c == cr && i + 1 < n && bytes[i + 1] == lf) || (c == cr && i + 1 == n)
                    guard atEnd else {
                        throw CSVError(source: source, line: line, reason: "unexpected text after a closing double quote")
                    }
                }
                continue
            } else if b == comma {
                finishField()
                i += 1
            } else if b == lf {
                finishRecord()
                line += 1
                recordStart = line
                i += 1
            } else if b == cr && (i + 1 == n || bytes[i + 1] == lf) {
                i += 1  // the LF ends the record
            } else {
                field.append(b)
                i += 1
            }
        }
        if recordHasContent { finishRecord() }

        guard let header = records.first else {
            throw CSVError(source: source, line: nil, reason: "empty file: no header row")
        }
        var table = CSVTable(header: header)
        table.rows.reserveCapacity(records.count - 1)
        for (index, r) in records.enumerated().dropFirst() {
            guard r.count == header.count else {
                throw CSVError(source: source, line: recordLines[index],
                               reason: "wrong field count: \(r.count) field\(r.count == 1 ? "" : "s"), header has \(header.count)")
            }
            table.rows.append(r)
            table.lineNumbers.append(recordLines[index])
        }
        return table
    }
}

/// Number formatting for CSV and tables: `.` decimals, no exponent, no locale.
public enum CSVFormat {
    /// `x` rounded to `digits` significant digits (integer digits are never dropped),
    /// trailing zeros removed; `""` for `nil`, NaN and infinities.
    public static func number(_ x: Double?, digits: Int = 4) -> String {
        guard let x, x.isFinite else { return "" }
        if x == 0 { return "0" }
        let magnitude = Int((abs(x)).log10Floor)
        let decimals = min(max(0, max(1, digits) - 1 - magnitude), 17)
        var s = String(format: "%.\(decimals)f", x)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        if s == "-0" { s = "0" }
        return s
    }
}

extension Double {
    var log10Floor: Double { Foundation.floor(Foundation.log10(self)) }
}
