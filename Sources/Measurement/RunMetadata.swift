import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The environment of one benchmark run, written next to its results
/// (`run.json`), as google/benchmark and pyperf record machine context with
/// every report.
public struct RunMetadata: Codable, Equatable, Sendable {
    /// Unique run identifier: the UTC start time (`yyyyMMdd'T'HHmmss'Z'`)
    /// and 32 random bits in hex, e.g. `20261121T090000Z-1a2b3c4d`.
    public var runID: String
    /// Collection time, ISO 8601 in UTC with fractional seconds
    /// (e.g. `2026-11-21T09:00:00.123Z`).
    public var timestamp: String
    /// `gethostname()`.
    public var hostName: String
    /// `model name` from `/proc/cpuinfo` ("unknown" when absent).
    public var cpuModel: String
    /// Processors available to the process.
    public var coreCount: Int
    /// Kernel from `uname()`: system name, release and machine.
    public var kernel: String
    /// First line of `swift --version`, or "unknown" if it could not be run.
    public var swiftVersion: String
    /// The build configuration the caller reports (e.g. "debug", "release").
    public var buildConfiguration: String
    /// `"jemalloc <version>"`, or `"unavailable: <reason>"` when jemalloc is
    /// not the process allocator (see ``AllocationProbe``).
    public var allocator: String
    /// `git rev-parse HEAD` in the working directory, or "unknown".
    public var gitCommit: String
    /// Whether `git status --porcelain` listed changes (false when git could
    /// not be run; `gitCommit` is then "unknown").
    public var gitDirty: Bool
    /// The run's master seed.
    public var seed: UInt64
    /// The command line that started the run.
    public var commandLine: [String]
    /// The metrics this run measured, always `time` and
    /// (with jemalloc) `allocations`; `instructions` when the callgrind pass ran.
    public var metrics: [String]
    /// The CPU the measuring thread was pinned to (`nil`: not pinned, e.g. one core).
    public var pinnedCPU: Int?
    /// How the instruction pass sized its runs (nil when it did not run):
    /// the counts are marginal, so they need not use the timed runs' length.
    public var instructionPass: String?

    /// Creates metadata from its fields.
    public init(runID: String, timestamp: String, hostName: String, cpuModel: String, coreCount: Int, kernel: String,
                swiftVersion: String, buildConfiguration: String, allocator: String, gitCommit: String, gitDirty: Bool,
                seed: UInt64, commandLine: [String], metrics: [String] = [], pinnedCPU: Int? = nil) {
        self.runID = runID
        self.timestamp = timestamp
        self.hostName = hostName
        self.cpuModel = cpuModel
        self.coreCount = coreCount
        self.kernel = kernel
        self.swiftVersion = swiftVersion
        self.buildConfiguration = buildConfiguration
        self.allocator = allocator
        self.gitCommit = gitCommit
        self.gitDirty = gitDirty
        self.seed = seed
        self.commandLine = commandLine
        self.metrics = metrics
        self.pinnedCPU = pinnedCPU
    }

    /// Collects the metadata of this process and machine now.
    ///
    /// Every probe is best effort: a missing file or a command that cannot
    /// run yields "unknown" for that field, never a failure. Runs two or
    /// three short subprocesses (`swift --version`, `git`), so call it once
    /// per run, outside any measurement.
    ///
    /// - Complexity: dominated by the subprocesses (tens to hundreds of ms).
    public static func collect(seed: UInt64, commandLine: [String], buildConfiguration: String, workingDirectory: String) -> RunMetadata {
        let now = Date()
        let runStamp = DateFormatter()
        runStamp.locale = Locale(identifier: "en_US_POSIX")
        runStamp.timeZone = TimeZone(identifier: "UTC")
        runStamp.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        var system = SystemRandomNumberGenerator()
        let suffix = String(UInt32.random(in: .min ... .max, using: &system), radix: 16)
        let iso = ISO8601DateFormatter()
        iso.timeZone = TimeZone(identifier: "UTC")
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]

        let allocator: String
        if let probe = AllocationProbe.shared {
            allocator = "jemalloc \(probe.allocatorVersion)"
        } else {
            allocator = "unavailable: \(AllocationProbe.unavailableReason ?? "unknown reason")"
        }

        let swiftVersion = Subprocess.run(["swift", "--version"], in: workingDirectory)
            .flatMap { $0.split(separator: "\n").first.map(String.init) } ?? "unknown"
        let commit = Subprocess.run(["git", "rev-parse", "HEAD"], in: workingDirectory)?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let status = commit == nil ? nil : Subprocess.run(["git", "status", "--porcelain"], in: workingDirectory)

        return RunMetadata(
            runID: "\(runStamp.string(from: now))-\(String(repeating: "0", count: 8 - suffix.count))\(suffix)",
            timestamp: iso.string(from: now),
            hostName: hostName(),
            cpuModel: cpuModel(),
            coreCount: ProcessInfo.processInfo.activeProcessorCount,
            kernel: kernel(),
            swiftVersion: swiftVersion,
            buildConfiguration: buildConfiguration,
            allocator: allocator,
            gitCommit: (commit?.isEmpty == false ? commit : nil) ?? "unknown",
            gitDirty: status.map { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty } ?? false,
            seed: seed,
            commandLine: commandLine)
    }

    /// Pretty-printed JSON with sorted keys (stable diffs between runs).
    ///
    /// - Complexity: O(size of the metadata).
    public func jsonString() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(self), as: UTF8.self)
        } catch {
            // Only strings, integers and booleans: encoding cannot fail.
            preconditionFailure("RunMetadata.jsonString: JSON encoding failed: \(error)")
        }
    }

    // MARK: Probes

    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func cpuModel() -> String {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown" }
        for key in ["model name", "Hardware", "cpu model", "Processor"] {
            for line in text.split(separator: "\n") {
                let parts = line.split(separator: ":", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == key {
                    let value = parts[1].trimmingCharacters(in: .whitespaces)
                    if !value.isEmpty { return value }
                }
            }
        }
        return "unknown"
    }

    static func kernel() -> String {
        var names = utsname()
        guard uname(&names) == 0 else { return "unknown" }
        func field<T>(_ value: T) -> String {
            withUnsafeBytes(of: value) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
        }
        return "\(field(names.sysname)) \(field(names.release)) (\(field(names.machine)))"
    }
}
