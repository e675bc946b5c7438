import CCallgrind
import Foundation

/// Exact instruction counts of spans of this process, from callgrind.
///
/// Design (issue 11): a span is bracketed by two client requests,
/// `CALLGRIND_ZERO_STATS` before and `CALLGRIND_DUMP_STATS_AT(label)` after.
/// The dump writes the instructions executed since the zeroing to the next
/// part file, `<out-file>.<part>` (parts count from 1, one per dump), which
/// the counter reads back at once, checks by its label, and deletes when it
/// lives in a directory the caller handed over (``outFileEnvironmentKey``).
/// Zero + dump needs no collection toggling, so the count is the same
/// whether valgrind was started with `--collect-atstart=yes` (the default)
/// or not, except that with collection off the count is 0, which the counter
/// reports as an error rather than a figure. Starting valgrind with
/// `--instr-atstart=no` is supported (and what ``CallgrindLauncher`` does):
/// the first counter starts instrumentation, so process start-up runs
/// uninstrumented and fast.
///
/// The count includes the two client requests and the closure call around
/// the span (a few dozen instructions, the same for every span); callers that
/// want a per-operation figure take the difference of two spans of different
/// operation counts (``MarginalCount``), which cancels that and every other
/// fixed cost.
///
/// Not thread-safe: one counter, used from the measuring thread.
public final class InstructionCounter {
    /// Environment variable naming the `--callgrind-out-file` the process was
    /// started with; without it callgrind's default, `callgrind.out.<pid>` in
    /// the working directory, is assumed (a manual `valgrind --tool=callgrind`).
    public static let outFileEnvironmentKey = "ACB_CALLGRIND_OUT"

    /// Whether this process runs under valgrind (any tool).
    public static var isUnderValgrind: Bool { acb_running_on_valgrind() > 0 }

    /// Why no counter can be made here, or `nil` when one can.
    public static var unavailableReason: String? {
        if acb_callgrind_compiled_in() == 0 {
            return "bench was built without <valgrind/callgrind.h> (install valgrind: scripts/setup, then rebuild)"
        }
        if !isUnderValgrind { return "not running under valgrind --tool=callgrind" }
        return nil
    }

    private let outFile: String
    private let ownsDumps: Bool
    private var nextPart = 1
    private var spans = 0

    /// A counter, or `nil` outside valgrind (see ``unavailableReason``).
    /// Starts callgrind's instrumentation if it is not on yet.
    public init?() {
        guard Self.unavailableReason == nil else { return nil }
        let environment = ProcessInfo.processInfo.environment
        if let given = environment[Self.outFileEnvironmentKey], !given.isEmpty {
            outFile = given
            ownsDumps = true
        } else {
            outFile = FileManager.default.currentDirectoryPath + "/callgrind.out.\(getpid())"
            ownsDumps = false
        }
        acb_callgrind_start_instrumentation()
    }

    /// Runs `body` once and returns its result with the instructions it executed.
    ///
    /// - Throws: ``InstructionCountError`` when the dump cannot be read back
    ///   (another valgrind tool, an unexpected out-file name) or counted 0
    ///   (collection switched off). An error from `body` propagates.
    /// - Complexity: the span, plus one dump (a file of the functions the span
    ///   ran; milliseconds).
    public func measure<T>(_ label: String, _ body: () throws -> T) throws -> (T, UInt64) {
        spans += 1
        let tag = "acb-\(spans)-" + label.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "=" || $0 == "." ? $0 : "_" }
        acb_callgrind_zero_stats()
        let result = try body()
        tag.withCString { acb_callgrind_dump_stats_at($0) }
        let path = "\(outFile).\(nextPart)"
        nextPart += 1
        let count = try Self.readDump(path, expectedTag: tag)
        if ownsDumps { try? FileManager.default.removeItem(atPath: path) }
        return (result, count)
    }

    /// Runs `body` with callgrind's instrumentation off: natively fast, not
    /// counted, and not seen by callgrind's cache simulation.
    ///
    /// - Complexity: `body`, plus the discarding of callgrind's translations
    ///   when instrumentation comes back on (milliseconds).
    public func uninstrumented<T>(_ body: () throws -> T) rethrows -> T {
        acb_callgrind_stop_instrumentation()
        defer { acb_callgrind_start_instrumentation() }
        return try body()
    }

    /// The `summary:` instruction count of a callgrind dump whose
    /// `desc: Trigger:` line names `expectedTag`.
    ///
    /// `summary:`, not `totals:`. Callgrind writes both: `summary:` is its
    /// running count of the instructions executed since the zeroing, and
    /// `totals:` the sum of the cost lines it writes. Measured (issue 11,
    /// await-loop under continuation-slot at k = 128): the first dump after
    /// an uncounted run carries cost lines of that run's setup that the
    /// zeroing did not clear, so its `totals:` exceeds its `summary:` by
    /// 366,042 instructions (2 %), while in every later dump the two differ
    /// by about 100. The 2,000-operation run summarised 17,841,666
    /// instructions as the second span of an item and 17,839,175 as the
    /// first, but totalled 17,841,803 and 18,205,217. Reading `totals:`
    /// made the shorter span of every item too long, by an amount that grows
    /// with the setup, so marginal counts fell with k: 1,220, 1,146 and
    /// 1,061 instructions per await at k = 8, 64 and 128, where the work per
    /// await does not depend on k; from `summary:`, 1,268, 1,229 and 1,243.
    static func readDump(_ path: String, expectedTag: String) throws -> UInt64 {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw InstructionCountError("no callgrind dump at \(path): is this valgrind's callgrind tool, started with --callgrind-out-file=$\(outFileEnvironmentKey)?")
        }
        var summary: UInt64?, trigger: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("summary:") { summary = firstNumber(line.dropFirst(8)) }
            else if line.hasPrefix("desc: Trigger:") { trigger = String(line) }
        }
        guard let trigger, trigger.hasSuffix(expectedTag) else {
            throw InstructionCountError("\(path) is not the dump of span \(expectedTag) (trigger: \(trigger ?? "none")); did something else dump stats?")
        }
        // No fallback to `totals:`: that figure is the one shown wrong above.
        guard let count = summary else {
            throw InstructionCountError("\(path): no summary: line (callgrind 3.x writes one in every dump; `totals:` alone is not the span's count)")
        }
        guard count > 0 else {
            throw InstructionCountError("\(path): 0 instructions counted; collection is off (do not pass --collect-atstart=no)")
        }
        return count
    }

    private static func firstNumber(_ s: Substring) -> UInt64? {
        s.split(separator: " ").first.flatMap { UInt64($0) }
    }
}

/// Why an instruction count could not be taken.
public struct InstructionCountError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// A figure measured at two operation counts: `(high - low) / (highOps - lowOps)`
/// per operation, so whatever a run costs regardless of its length (creating
/// the host, entering the storages, draining the loop, the bracketing itself)
/// cancels out.
public struct MarginalCount: Codable, Equatable, Sendable {
    public var lowOps: Int
    public var highOps: Int
    public var low: UInt64
    public var high: UInt64

    public init(lowOps: Int, highOps: Int, low: UInt64, high: UInt64) {
        precondition(highOps > lowOps, "MarginalCount: highOps must exceed lowOps")
        self.lowOps = lowOps
        self.highOps = highOps
        self.low = low
        self.high = high
    }

    /// Marginal cost per operation (negative only if the longer run did less).
    public var perOp: Double { (Double(high) - Double(low)) / Double(highOps - lowOps) }

    /// The two operation counts for a cell of `ops` operations: half of it and
    /// all of it (at least 1 and 2), so the longer run is the cell as timed.
    public static func operationCounts(for ops: Int) -> (low: Int, high: Int) {
        ops >= 2 ? (ops / 2, ops) : (1, 2)
    }
}
