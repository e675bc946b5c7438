import Foundation

/// One recorded event of an `acb-trace` (written by scripts/apps/recorder.mjs;
/// the format is documented there and in scripts/apps/README.md).
public enum TraceEvent: Equatable, Sendable {
    /// `T c NAME`: resource type `NAME` has code `c`.
    case type(code: Int, name: String)
    /// `S s`: storage `s` was created.
    case storage(Int)
    /// `i id c trig ex`: resource `id` of type code `c` was created.
    case initResource(id: Int, type: Int, trigger: Int, execution: Int)
    case before(id: Int)
    case after(id: Int)
    case promiseResolve(id: Int)
    case destroy(id: Int)
    /// `R s v` / `e s`: `als.run(v)` on storage `s` begins / returns.
    case runBegin(storage: Int, value: Int)
    case runEnd(storage: Int)
    /// `x s` / `X s`: `als.exit` begins / returns.
    case exitBegin(storage: Int)
    case exitEnd(storage: Int)
    case enterWith(storage: Int, value: Int)
    /// `g s v`: `getStore()` on storage `s` returned store `v` (0 = undefined).
    case getStore(storage: Int, value: Int)
    case requestStart(Int)
    case requestEnd(Int)
    /// `F requests events`.
    case footer(requests: Int, events: Int)
}

/// The JSON header line of a trace.
public struct TraceHeader: Codable, Equatable, Sendable {
    public var format: String
    public var version: Int
    public var node: String?
    /// `hooks` (async_hooks ALS) or `frame` (AsyncContextFrame).
    public var mode: String?
    public var label: String?
    /// Requests in flight, when the recording tool knows it (scripts/apps/record).
    public var concurrency: Int?
}

/// A parsed trace: its header and its events with their times.
public struct Trace: Sendable {
    public static let format = "acb-trace"
    public static let supportedVersion = 1

    public let header: TraceHeader
    public let events: [TraceEvent]
    /// Time of each event since the header, in microseconds (cumulative `dt`).
    public let times: [Int64]

    /// Why a trace could not be read; names the file and line.
    public struct ParseError: Error, CustomStringConvertible, Equatable {
        public let source: String
        public let line: Int
        public let reason: String
        public var description: String { "\(source):\(line): \(reason)" }
    }

    public static func read(path: String) throws -> Trace {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ParseError(source: path, line: 0, reason: "cannot read the file (missing or not readable)")
        }
        return try parse(data, source: path)
    }

    /// Parses the text of a trace.
    ///
    /// - Complexity: O(n) in the size of the text, one pass over its bytes.
    public static func parse(_ data: Data, source: String) throws -> Trace {
        try data.withUnsafeBytes { raw -> Trace in
            let bytes = raw.bindMemory(to: UInt8.self)
            var scanner = LineScanner(bytes: bytes, source: source)
            guard let headerLine = scanner.nextLine() else {
                throw ParseError(source: source, line: 1, reason: "empty file; expected an \(format) JSON header")
            }
            let header: TraceHeader
            do {
                header = try JSONDecoder().decode(TraceHeader.self, from: Data(bytes[headerLine]))
            } catch {
                throw ParseError(source: source, line: 1, reason: "not an \(format) header (expected a JSON object with \"format\" and \"version\")")
            }
            guard header.format == format else {
                throw ParseError(source: source, line: 1, reason: "format is \"\(header.format)\", expected \"\(format)\"")
            }
            guard header.version == supportedVersion else {
                throw ParseError(source: source, line: 1, reason: "trace version \(header.version) is not supported (this bench reads version \(supportedVersion))")
            }
            var events: [TraceEvent] = []
            var times: [Int64] = []
            events.reserveCapacity(bytes.count / 12)
            times.reserveCapacity(bytes.count / 12)
            var now: Int64 = 0
            while let line = scanner.nextLine() {
                if line.isEmpty { continue }
                var fields = FieldScanner(bytes: bytes, range: line)
                let tag = fields.tag()
                let event: TraceEvent
                // Field counts per tag, without the trailing dt.
                switch tag {
                case UInt8(ascii: "T"):
                    let code = try fields.int(scanner)
                    event = .type(code: code, name: fields.word())
                    events.append(event); times.append(now)
                    continue  // type lines carry no dt
                case UInt8(ascii: "F"):
                    event = .footer(requests: try fields.int(scanner), events: try fields.int(scanner))
                    events.append(event); times.append(now)
                    continue
                case UInt8(ascii: "S"): event = .storage(try fields.int(scanner))
                case UInt8(ascii: "i"):
                    event = .initResource(id: try fields.int(scanner), type: try fields.int(scanner),
                                          trigger: try fields.int(scanner), execution: try fields.int(scanner))
                case UInt8(ascii: "b"): event = .before(id: try fields.int(scanner))
                case UInt8(ascii: "a"): event = .after(id: try fields.int(scanner))
                case UInt8(ascii: "r"): event = .promiseResolve(id: try fields.int(scanner))
                case UInt8(ascii: "d"): event = .destroy(id: try fields.int(scanner))
                case UInt8(ascii: "R"): event = .runBegin(storage: try fields.int(scanner), value: try fields.int(scanner))
                case UInt8(ascii: "e"): event = .runEnd(storage: try fields.int(scanner))
                case UInt8(ascii: "x"): event = .exitBegin(storage: try fields.int(scanner))
                case UInt8(ascii: "X"): event = .exitEnd(storage: try fields.int(scanner))
                case UInt8(ascii: "w"): event = .enterWith(storage: try fields.int(scanner), value: try fields.int(scanner))
                case UInt8(ascii: "g"): event = .getStore(storage: try fields.int(scanner), value: try fields.int(scanner))
                case UInt8(ascii: "q"): event = .requestStart(try fields.int(scanner))
                case UInt8(ascii: "Q"): event = .requestEnd(try fields.int(scanner))
                default:
                    throw ParseError(source: source, line: scanner.lineNumber,
                                     reason: "unknown event tag '\(Character(Unicode.Scalar(tag)))'")
                }
                now += Int64(try fields.int(scanner))
                events.append(event)
                times.append(now)
            }
            return Trace(header: header, events: events, times: times)
        }
    }
}

/// Splits a byte buffer into lines (LF, optional CR before it).
struct LineScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let source: String
    var position = 0
    private(set) var lineNumber = 0

    init(bytes: UnsafeBufferPointer<UInt8>, source: String) {
        self.bytes = bytes
        self.source = source
    }

    mutating func nextLine() -> Range<Int>? {
        guard position < bytes.count else { return nil }
        lineNumber += 1
        let start = position
        var end = start
        while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
        position = end + 1
        var last = end
        if last > start && bytes[last - 1] == UInt8(ascii: "\r") { last -= 1 }
        return start..<last
    }
}

/// Reads the space-separated fields of one line.
struct FieldScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var position: Int
    let end: Int

    init(bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>) {
        self.bytes = bytes
        position = range.lowerBound
        end = range.upperBound
    }

    mutating func tag() -> UInt8 {
        let t = bytes[position]
        position += 1
        return t
    }

    mutating func skipSpaces() {
        while position < end && bytes[position] == UInt8(ascii: " ") { position += 1 }
    }

    /// A non-negative decimal integer (the format has no negative fields).
    mutating func int(_ line: LineScanner) throws -> Int {
        skipSpaces()
        var value = 0
        var digits = 0
        while position < end, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int(bytes[position] - UInt8(ascii: "0")))
            guard !o1, !o2 else {
                throw Trace.ParseError(source: line.source, line: line.lineNumber, reason: "number too large")
            }
            value = s
            position += 1
            digits += 1
        }
        guard digits > 0, position == end || bytes[position] == UInt8(ascii: " ") else {
            throw Trace.ParseError(source: line.source, line: line.lineNumber, reason: "expected a non-negative integer field")
        }
        return value
    }

    mutating func word() -> String {
        skipSpaces()
        let start = position
        while position < end && bytes[position] != UInt8(ascii: " ") { position += 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }
}
