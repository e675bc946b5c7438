import Foundation
import ContextStrategies
import Measurement
import Workloads

/// A runtime found on this machine and checked by the capability probe.
public struct LocatedRuntime: Sendable {
    public var runtime: RealRuntime
    public var executable: String
    /// Arguments before the script (`--no-async-context-frame`, Deno's `run …`).
    public var leadingArguments: [String]
    /// "node v24.19.0", "deno 2.9.8", …
    public var version: String
    /// The workload ids this runtime's port implements (its own `--list`).
    public var workloads: Set<WorkloadID>
}

/// Sampling settings handed to the ports (the same meaning as `Suite`'s).
public struct RealSamplingPlan: Sendable {
    public var repetitions: Int
    public var warmups: Int
    /// Minimum CPU time of one sample (a sample is a batch of whole runs).
    public var targetMillis: Int
    public init(repetitions: Int, warmups: Int, targetMillis: Int) {
        self.repetitions = repetitions
        self.warmups = warmups
        self.targetMillis = targetMillis
    }
}

/// Drives the real runtimes: locates and probes them, runs one cell of a
/// workload port per process (k = 0, the "ALS off" baseline, and k in the same
/// process), and turns the raw samples the port prints into ``CellResult``s
/// with ``Statistics`` — the same summaries, ratios and CSV rows as the model's.
public struct RealRuntimeHarness: Sendable {
    /// Project root (scripts/real/ and .venv/ live there).
    public let root: String
    public let located: [LocatedRuntime]
    /// Runtimes asked for but unusable, with the reason (their rows are absent).
    public let skipped: [(runtime: RealRuntime, reason: String)]

    var scripts: String { (root as NSString).appendingPathComponent("scripts/real") }

    /// Finds and probes `runtimes`. A runtime that is missing, reports an
    /// unexpected version, or whose ALS is not the design its id names is
    /// skipped with a reason.
    public static func locate(_ runtimes: [RealRuntime], root: String, benchDirectory: String) -> RealRuntimeHarness {
        var located: [LocatedRuntime] = []
        var skipped: [(runtime: RealRuntime, reason: String)] = []
        let scripts = (root as NSString).appendingPathComponent("scripts/real")
        for runtime in runtimes {
            switch runtime.command(root: root, benchDirectory: benchDirectory) {
            case .failure(let why):
                skipped.append((runtime, why.reason))
            case .success(let (executable, leading)):
                switch probe(runtime, executable, leading, scripts: scripts) {
                case .failure(let why): skipped.append((runtime, why.reason))
                case .success(let found): located.append(found)
                }
            }
        }
        return RealRuntimeHarness(root: root, located: located, skipped: skipped)
    }

    static func probe(_ runtime: RealRuntime, _ executable: String, _ leading: [String], scripts: String) -> Result<LocatedRuntime, RuntimeUnavailable> {
        func fail(_ reason: String) -> Result<LocatedRuntime, RuntimeUnavailable> { .failure(RuntimeUnavailable(reason: reason)) }
        func list(_ arguments: [String]) -> Set<WorkloadID>? {
            let r = ChildProcess.run(executable, leading + arguments, environment: RealRuntime.childEnvironment)
            guard r.succeeded else { return nil }
            return Set(r.stdout.split(separator: "\n").compactMap { WorkloadID(rawValue: String($0)) })
        }
        if runtime == .swiftTaskLocal {
            guard let workloads = list(["--list"]) else { return fail("\(executable) --list failed") }
            return .success(LocatedRuntime(runtime: runtime, executable: executable, leadingArguments: leading,
                                           version: "swift-task-local", workloads: workloads))
        }
        let r = ChildProcess.run(executable, leading + [scripts + "/probe.mjs"], environment: RealRuntime.childEnvironment)
        guard r.succeeded, let line = r.stdout.split(separator: "\n").last,
              let info = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            return fail("\(executable) does not run the probe: \(r.diagnostic)")
        }
        let version = "\(info["runtime"] as? String ?? "?") \(info["version"] as? String ?? "?")"
        guard version.hasPrefix(runtime.expectedVersionPrefix) else {
            return fail("expected \(runtime.expectedVersionPrefix)*, found \(version)")
        }
        guard info["als"] as? Bool == true, info["snapshot"] as? Bool == true else {
            return fail("\(version): node:async_hooks AsyncLocalStorage (with snapshot) or process.cpuUsage missing")
        }
        let hooks = ((info["store_symbols"] as? NSNumber)?.intValue ?? 0) > 0
        guard hooks == (runtime.design == .hooks) else {
            return fail("\(version) \(leading.joined(separator: " ")): expected \(runtime.design.rawValue)-based ALS, found \(hooks ? "hooks" : "frames")")
        }
        guard let workloads = list([scripts + "/bench.mjs", "--list"]) else { return fail("\(version): bench.mjs --list failed") }
        return .success(LocatedRuntime(runtime: runtime, executable: executable, leadingArguments: leading,
                                       version: version, workloads: workloads))
    }

    /// Measures `cell` on `runtime`: one process runs k = 0 (no storage) and
    /// k = `cell.parameters.storages`. Returns the k = 0 row and the k row
    /// (ratio_vs_none: k against k = 0 of the same process), or why not.
    public func measure(_ runtime: LocatedRuntime, _ cell: CellSpec, plan: RealSamplingPlan, seed: UInt64) -> Result<[CellResult], RuntimeUnavailable> {
        let p = cell.parameters
        let ks = p.storages == 0 ? [0] : [0, p.storages]
        var arguments = runtime.leadingArguments
        if runtime.runtime != .swiftTaskLocal { arguments.append(scripts + "/bench.mjs") }
        arguments += ["--workload", cell.workload.rawValue, "--ks", ks.map(String.init).joined(separator: ","),
                      "--ops", String(p.ops), "--concurrency", String(p.concurrency),
                      "--reps", String(plan.repetitions), "--warmup", String(plan.warmups),
                      "--target-ms", String(plan.targetMillis), "--seed", String(seed)]
        if runtime.runtime != .swiftTaskLocal {
            arguments += ["--run-rate", String(p.runRate), "--order", runtime.runtime.needsSequentialOrder ? "sequential" : "interleaved"]
        }
        let r = ChildProcess.run(runtime.executable, arguments, environment: RealRuntime.childEnvironment)
        guard r.succeeded else { return .failure(RuntimeUnavailable(reason: "exit \(r.status): \(r.diagnostic)")) }
        do {
            let lines = try PortOutput.parse(r.stdout)
            return .success(try results(lines, runtime: runtime.runtime, cell: cell, ks: ks, seed: seed))
        } catch {
            return .failure(RuntimeUnavailable(reason: "\(error)"))
        }
    }

    func results(_ output: PortOutput, runtime: RealRuntime, cell: CellSpec, ks: [Int], seed: UInt64) throws -> [CellResult] {
        var perOp: [Int: [Double]] = [:]
        var results: [CellResult] = []
        for k in ks {
            guard let summary = output.cells[k] else { throw RuntimeUnavailable(reason: "no cell record for k=\(k)") }
            let samples = output.samples[k] ?? []
            let measured = samples.filter { !$0.isWarmup }
            guard !measured.isEmpty else { throw RuntimeUnavailable(reason: "no measured samples for k=\(k)") }
            var spec = cell
            spec.parameters.storages = k
            spec.parameters.ops = summary.ops
            let ops = Double(summary.ops)
            perOp[k] = measured.map { $0.nanosPerIteration / ops }
            var result = CellResult(spec: spec, strategy: runtime.rawValue, status: .ok,
                                    outcome: WorkloadOutcome(checksum: summary.checksum, reads: summary.reads,
                                                             uncaughtErrors: 0, counters: StrategyCounters()))
            result.measuredOn = runtime.rawValue
            result.samples = samples
            result.iterations = samples.first?.iterations ?? 0
            result.timing = Statistics.summarize(perOp[k]!, seed: seed)
            if !summary.checksumsAgree { result.notes.append("checksum differed between runs") }
            results.append(result)
        }
        if let baseline = perOp[0] {
            for i in results.indices where results[i].spec.parameters.storages != 0 {
                results[i].ratioVsNone = Statistics.ratio(perOp[results[i].spec.parameters.storages]!, baseline: baseline, of: Statistics.headline, seed: seed)
            }
        }
        return results
    }

    /// One semantic scenario on `runtime` (`scripts/real/semantics.mjs`): what
    /// it observed, or "(not observed)" with the reason.
    public func observe(_ runtime: LocatedRuntime, scenario: String) -> Result<String, RuntimeUnavailable> {
        let r = ChildProcess.run(runtime.executable, runtime.leadingArguments + [scripts + "/semantics.mjs", scenario],
                                 environment: RealRuntime.childEnvironment)
        guard let line = r.stdout.split(separator: "\n").last(where: { $0.hasPrefix("{") }),
              let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              let observed = object["observed"] as? String else {
            return .failure(RuntimeUnavailable(reason: "exit \(r.status): \(r.diagnostic)"))
        }
        return .success(observed)
    }
}

/// The JSON lines a port prints (`scripts/real/bench.mjs`, `tasklocal-bench`):
/// `sample` records (raw batch CPU times) and one `cell` record per k.
struct PortOutput {
    struct CellRecord {
        var ops: Int
        var checksum: UInt64
        var reads: Int
        var checksumsAgree: Bool
    }
    var samples: [Int: [TimedSample]] = [:]
    var cells: [Int: CellRecord] = [:]

    /// - Throws: ``RuntimeUnavailable`` naming the first malformed line.
    static func parse(_ text: String) throws -> PortOutput {
        var output = PortOutput()
        var position: [Int: Int] = [:]
        for (number, line) in text.split(separator: "\n").enumerated() where line.hasPrefix("{") {
            func bad(_ why: String) -> RuntimeUnavailable { RuntimeUnavailable(reason: "output line \(number + 1): \(why): \(line.prefix(120))") }
            guard let o = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { throw bad("not JSON") }
            func int(_ key: String) throws -> Int {
                guard let n = o[key] as? NSNumber, n.doubleValue >= 0, n.doubleValue < 9e18 else { throw bad("\(key) missing") }
                return Int(n.doubleValue.rounded())
            }
            switch o["type"] as? String {
            case "sample":
                let k = try int("k"), iterations = try int("iterations"), total = try int("total_ns")
                guard iterations > 0 else { throw bad("iterations must be positive") }
                let order = position[k, default: 0]
                position[k] = order + 1
                output.samples[k, default: []].append(TimedSample(
                    repetition: try int("repetition"), isWarmup: try int("warmup") != 0, iterations: iterations,
                    totalNanos: UInt64(total), nanosPerIteration: Double(total) / Double(iterations), orderInRepetition: order))
            case "cell":
                let checksumText = (o["checksum"] as? String) ?? (o["checksum"] as? NSNumber)?.stringValue ?? ""
                guard let checksum = UInt64(checksumText) else { throw bad("checksum is not a 64-bit integer") }
                let agree = (o["checksums_agree"] as? Bool) ?? ((o["checksums_agree"] as? String) == "true")
                output.cells[try int("k")] = CellRecord(ops: try int("ops"), checksum: checksum, reads: try int("reads"), checksumsAgree: agree)
            default:
                continue
            }
        }
        return output
    }
}
