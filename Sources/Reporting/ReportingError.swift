import Foundation

/// An error from the reporting layer; `message` names the file (and line, where known).
public struct ReportingError: Error, CustomStringConvertible, LocalizedError, Equatable {
    /// What went wrong, for callers that react differently (e.g. `bench plot`'s exit code).
    public enum Kind: Equatable, Sendable {
        /// A required input file is absent.
        case missingFile
        /// An input file is malformed (bad CSV, missing column, non-numeric figure, bad JSON).
        case malformedInput
        /// gnuplot is not installed; `message` says how to install it.
        case gnuplotMissing
        /// gnuplot ran and failed, or produced no output.
        case gnuplotFailed
        /// PAPER.md markers are unbalanced, nested or unknown.
        case paperMarkers
        /// A file-system operation failed.
        case io
    }

    public let kind: Kind
    /// Human-readable, e.g. `Results/standard/summary.csv:12: wrong field count: …`.
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// Wraps a `CSVError` (missing file → `.missingFile`, anything else → `.malformedInput`).
    public init(_ csv: CSVError) {
        self.init(csv.reason == "no such file" ? .missingFile : .malformedInput, csv.description)
    }

    public var description: String { message }
    public var errorDescription: String? { message }
}

/// Runs `body`, turning `CSVError`s into `ReportingError`s.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let e as CSVError {
        throw ReportingError(e)
    }
}
