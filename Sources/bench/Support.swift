import Foundation
import Measurement
import Workloads
import SemanticOracle
import Suites
import HostRuntime

/// Where the project's folders are: the nearest ancestor of the working
/// directory holding this package's Package.swift (so `swift run bench`
/// works from any subfolder), else the working directory.
enum ProjectRoot {
    static let path: String = {
        var url = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        for _ in 0..<12 {
            let manifest = url.appendingPathComponent("Package.swift").path
            if let text = try? String(contentsOfFile: manifest, encoding: .utf8), text.contains("\"AsyncContextBench\"") {
                return url.path
            }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { break }
            url = parent
        }
        return FileManager.default.currentDirectoryPath
    }()
    static func resolve(_ relative: String) -> String {
        relative.hasPrefix("/") ? relative : (path as NSString).appendingPathComponent(relative)
    }
}

/// Refuses to measure unless every measured module was compiled optimized.
/// Package.swift forces `-O` on them in every configuration, so this only
/// fails if someone removes those flags; it then names the command to use.
enum BuildGuard {
    static var measuredModulesOptimized: Bool {
        MeasurementBuild.isOptimized && WorkloadsBuild.isOptimized && HostRuntimeBuild.isOptimized
    }
    /// The measuring configuration (CMO, exclusivity, layout flags): absent
    /// when the package was built as a dependency (Package.swift).
    static var measuredModulesHaveMeasuringFlags: Bool {
        WorkloadsBuild.hasMeasuringFlags && HostRuntimeBuild.hasMeasuringFlags
    }
    static var configuration: String {
        #if DEBUG
        return "debug build; measured modules compiled with -O (Package.swift)"
        #else
        return "release"
        #endif
    }
    static func check() throws {
        guard measuredModulesOptimized else {
            throw BenchError.notOptimized
        }
        guard measuredModulesHaveMeasuringFlags else {
            throw BenchError.message("bench: the measured modules were built without the measuring configuration "
                + "(Package.swift's `measured` flags; ASYNC_CONTEXT_BENCH_LIBRARY=1 or a dependency checkout turns them off), "
                + "so no figure would be comparable. Build this package on its own: swift run -c release bench")
        }
    }
}

enum BenchError: Error, CustomStringConvertible {
    case notOptimized
    /// A failure (exit 1): I/O, a malformed input file, a run that failed.
    case message(String)

    var exitCode: Int32 { 1 }
    var description: String {
        switch self {
        case .notOptimized:
            return "bench: the measured modules were not compiled with optimization, so no figure would mean anything.\n"
                + "Run: swift run -c release bench \(CommandLine.arguments.dropFirst().joined(separator: " "))"
        case .message(let m): return m
        }
    }
}

/// Progress on standard error: the stage (counting cell by cell, then the
/// timing rounds over every cell), step i of N, elapsed, and the time left
/// in the stage. Quiet when standard error is not a terminal, unless asked
/// for; when it is not a terminal, at most one line per cell and phase (the
/// timing stage reports batch by batch).
final class ProgressPrinter {
    let enabled: Bool
    let start = MonotonicClock.now()
    private var stage: RunProgress.Stage?
    private var stageStart = MonotonicClock.now()
    private var lastLine = ""
    init(force: Bool) { enabled = force || isatty(2) != 0 }

    func update(_ p: RunProgress) {
        guard enabled else { return }
        let now = MonotonicClock.now()
        if p.stage != stage { stage = p.stage; stageStart = now }
        let elapsed = Double(now - start) / 1e9
        let inStage = Double(now - stageStart) / 1e9
        let done = Double(p.step) / Double(max(1, p.steps))
        let eta = done > 0.02 ? String(format: "%.0fs left in %@", inStage / done - inStage, p.stage.rawValue) : "estimating"
        let params = p.cell.parameters
        var label = "\(p.cell.workload.rawValue) k=\(params.storages)"
        if p.cell.workload == .requestServer { label += " c=\(params.concurrency)" }
        if p.cell.workload == .contextChurn { label += " rate=\(params.runRate)" }
        let step = p.stage == .counting ? p.step + 1 : p.step
        let terminal = isatty(2) != 0
        // Off a terminal, one line per cell and phase (the timing stage
        // would otherwise print one per batch).
        let key = p.stage == .timing ? "\(p.phase) \(Int(done * 20))" : "\(p.step) \(p.phase)"
        guard terminal || key != lastLine else { return }
        lastLine = key
        let line = String(format: "[%@ %d/%d] %@ — %@ (%.0fs elapsed, %@)", p.stage.rawValue, step, p.steps, label, p.phase, elapsed, eta)
        FileHandle.standardError.write(Data(((terminal ? "\r\u{1B}[2K" : "") + line + (terminal ? "" : "\n")).utf8))
    }
    func finish(_ message: String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data(((isatty(2) != 0 ? "\r\u{1B}[2K" : "") + message + "\n").utf8))
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
