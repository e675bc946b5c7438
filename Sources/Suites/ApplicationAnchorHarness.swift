import Foundation
import Measurement
import Reporting

/// Runs the real applications (`scripts/apps/service.cjs`) as the replay's
/// anchor: every (app, concurrency) under every ``ApplicationAnchor/Runtime``
/// found here, one process per run, repetition after repetition. Within a
/// repetition the runtimes' order rotates, so the machine's drift spreads
/// over all of them; ``ApplicationAnchor/summaryTable(_:seed:)`` then pairs
/// each ALS run with the ALS-removed run of the same repetition.
public struct ApplicationAnchorHarness: Sendable {
    /// A runtime found here: the engine's executable and the arguments before the script.
    public struct Located: Sendable {
        public var runtime: ApplicationAnchor.Runtime
        public var executable: String
        public var leadingArguments: [String]
    }

    /// What to run.
    public struct Plan: Sendable {
        public var apps: [ApplicationAnchor.App]
        public var concurrency: [Int]
        public var repetitions: Int
        /// Requests in the measured phase of one run.
        public var requests: Int
        /// Requests served before the measured phase (JIT warm-up).
        public var warmup: Int
        /// Storages of the traced app (span + k − 2 idle ones); the Express app has one.
        public var storages: Int
        public init(apps: [ApplicationAnchor.App], concurrency: [Int], repetitions: Int, requests: Int, warmup: Int, storages: Int) {
            self.apps = apps
            self.concurrency = concurrency
            self.repetitions = repetitions
            self.requests = requests
            self.warmup = warmup
            self.storages = storages
        }
    }

    /// A run that failed; nothing is written.
    public struct RunFailed: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    public let root: String
    public let located: [Located]
    /// Runtimes that are unusable here, with the reason (their rows are absent).
    public let skipped: [(runtime: ApplicationAnchor.Runtime, reason: String)]

    /// Where Debian's `node-express` and `node-undici` live (`scripts/apps/setup`).
    static let debianNodeModules = "/usr/share/nodejs"
    var service: String { (root as NSString).appendingPathComponent("scripts/apps/service.cjs") }

    /// The engine that runs `runtime`: Node 24's default mode also runs the app with ALS removed.
    static func engine(_ runtime: ApplicationAnchor.Runtime) -> RealRuntime {
        switch runtime {
        case .node24Frame, .node24WithoutALS: return .node24Frame
        case .node24Hooks: return .node24Hooks
        case .node20, .node20WithoutALS: return .node20
        }
    }

    /// Finds every anchor runtime's engine (`scripts/real/setup` installs Node 24).
    public static func locate(root: String) -> ApplicationAnchorHarness {
        var located: [Located] = []
        var skipped: [(runtime: ApplicationAnchor.Runtime, reason: String)] = []
        for runtime in ApplicationAnchor.Runtime.allCases {
            switch engine(runtime).command(root: root, benchDirectory: root) {
            case .success(let (executable, leading)): located.append(Located(runtime: runtime, executable: executable, leadingArguments: leading))
            case .failure(let why): skipped.append((runtime, why.reason))
            }
        }
        return ApplicationAnchorHarness(root: root, located: located, skipped: skipped)
    }

    /// Why the applications cannot run here, or nil.
    public var unavailable: String? {
        if located.isEmpty { return "no Node found (run scripts/apps/setup)" }
        if !FileManager.default.fileExists(atPath: Self.debianNodeModules + "/express") {
            return "Express is not installed under \(Self.debianNodeModules) (run scripts/apps/setup)"
        }
        if !FileManager.default.isReadableFile(atPath: service) { return "cannot read \(service)" }
        return nil
    }

    /// Runs `plan`: `repetitions` × apps × concurrency levels × runtimes processes.
    /// `progress` hears of each finished repetition.
    ///
    /// - Throws: ``RunFailed`` for the first run that exits non-zero or prints no readable result.
    public func measure(_ plan: Plan, progress: (String) -> Void) throws -> [ApplicationAnchor.Sample] {
        var samples: [ApplicationAnchor.Sample] = []
        let inherited = ProcessInfo.processInfo.environment["NODE_PATH"].map { ":" + $0 } ?? ""
        var environment = RealRuntime.childEnvironment
        environment["NODE_PATH"] = Self.debianNodeModules + inherited
        let started = MonotonicClock.now()
        for repetition in 0..<plan.repetitions {
            for app in plan.apps {
                for c in plan.concurrency {
                    let shift = (repetition + c) % located.count
                    for run in located[shift...] + located[..<shift] {
                        let arguments = run.leadingArguments + [
                            service, "--app", app.rawValue, "--concurrency", String(c), "--requests", String(plan.requests),
                            "--warmup", String(plan.warmup), "--storages", String(plan.storages), "--als", run.runtime.alsOn ? "on" : "off",
                        ]
                        let result = ChildProcess.run(run.executable, arguments, environment: environment)
                        let what = "\(run.runtime.rawValue) \(app.rawValue) c=\(c) repetition \(repetition + 1)"
                        guard result.succeeded else { throw RunFailed(description: "\(what): exit \(result.status): \(result.diagnostic)") }
                        do {
                            samples.append(try ApplicationAnchor.Sample.parse(result.stdout, app: app, concurrency: c,
                                                                              runtime: run.runtime, repetition: repetition))
                        } catch {
                            throw RunFailed(description: "\(what): \(error)")
                        }
                    }
                }
            }
            let seconds = Double(MonotonicClock.now() &- started) / 1e9
            progress(String(format: "repetition %d of %d done (%.0f s)", repetition + 1, plan.repetitions, seconds))
        }
        return samples
    }
}
