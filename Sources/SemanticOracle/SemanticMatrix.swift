import HostRuntime
import ContextStrategies
import Workloads

/// Small programs whose observed context shows where the designs diverge
/// (brief §4: nodejs/node#46262, #48480, workerd's unsupported operations)
/// plus a few shared rules as controls. Each returns what the program
/// observed, as text; the matrix is scenario × strategy.
public enum SemanticMatrix {
    /// The scenarios, a closed set: `observe` switches over it exhaustively,
    /// so a scenario without a program is a compile error, not a row of
    /// "unknown scenario".
    public enum ScenarioID: String, CaseIterable, Sendable {
        case unhandledRejectionContext = "unhandled-rejection-context"
        case enterwithDisableRun = "enterwith-disable-run"
        case enterwithSupported = "enterwith-supported"
        case disableSeenByPendingTimer = "disable-seen-by-pending-timer"
        case enterwithInThenNoLeak = "enterwith-in-then-no-leak"
        case thenSeesThenCallContext = "then-sees-then-call-context"
        case timerSeesCreationContext = "timer-sees-creation-context"
        case snapshotRestores = "snapshot-restores"
        case exitInsideRun = "exit-inside-run"
        case entriesCopiedPerPromiseK2 = "entries-copied-per-promise-k2"
        case entriesCopiedUnusedK3 = "entries-copied-unused-k3"
        case enterwithInAwaitedCallee = "enterwith-in-awaited-callee"
        case defaultAfterRun = "default-after-run"
        case executionAsyncResource = "execution-async-resource"

        /// The public test, issue or source the scenario comes from.
        public var source: String {
            switch self {
            case .unhandledRejectionContext: return "nodejs/node#46262"
            case .enterwithDisableRun: return "nodejs/node#48480"
            case .enterwithSupported: return "workerd AsyncLocalStorage (enterWith not implemented)"
            case .disableSeenByPendingTimer: return "nodejs/node lib/internal/async_context_frame.js disable()"
            case .enterwithInThenNoLeak: return "nodejs/node test-async-local-storage-enter-with.js"
            case .thenSeesThenCallContext: return "tc39/proposal-async-context tests (promise then)"
            case .timerSeesCreationContext: return "nodejs/node test-async-local-storage-run-resource.js"
            case .snapshotRestores: return "tc39/proposal-async-context Snapshot tests"
            case .exitInsideRun: return "nodejs/node test-async-local-storage-exit-does-not-leak.js"
            case .entriesCopiedPerPromiseK2: return "brief §2.1 (async_hooks copies onto every resource)"
            case .entriesCopiedUnusedK3: return "nodejs/node PR #58029 (Node 24 enables a storage on construction)"
            case .enterwithInAwaitedCallee: return "nodejs/node#45848 (Node 20 leaks, PR #58029 fixed it)"
            case .defaultAfterRun: return "nodejs/node lib/internal/async_local_storage/async_hooks.js (run restores by assignment)"
            case .executionAsyncResource: return "nodejs/node lib/async_hooks.js executionAsyncResource()"
            }
        }

        /// What the program does and what it reports.
        public var description: String {
            switch self {
            case .unhandledRejectionContext:
                return "promise created in run(1), rejected in run(2), no handler: store seen by the unhandledRejection handler"
            case .enterwithDisableRun:
                return "enterWith(1); disable(); run(2, noop); then getStore()"
            case .enterwithSupported:
                return "enterWith(1); getStore()"
            case .disableSeenByPendingTimer:
                return "run(1) { setTimeout(getStore); disable() }: store the timer sees"
            case .enterwithInThenNoLeak:
                return "run(1) { p.then(() => enterWith(2)).then(getStore) }"
            case .thenSeesThenCallContext:
                return "promise created in run(1), then() called in run(2), resolved in run(3): store in the callback"
            case .timerSeesCreationContext:
                return "run(1) { setTimeout(getStore) }; run(2, …) afterwards"
            case .snapshotRestores:
                return "snapshot taken in run(1); snapshot.run(getStore) inside run(2), then getStore after"
            case .exitInsideRun:
                return "run(1) { exit(() => setTimeout(getStore)) }"
            case .entriesCopiedPerPromiseK2:
                return "k = 2 storages entered; entries copied when one promise is created"
            case .entriesCopiedUnusedK3:
                return "3 storages constructed, 1 used by a run: entries copied onto one new promise"
            case .enterwithInAwaitedCallee:
                return "one storage, unused before: an awaited callee does await 1; enterWith(1); store after the await in the caller"
            case .defaultAfterRun:
                return "defaultValue 'D'; run(1, noop); getStore()"
            case .executionAsyncResource:
                return "executionAsyncResource() inside a timer: the timer's own resource (not the top-level one), or not available"
            }
        }
    }

    public struct Scenario: Sendable {
        public let scenario: ScenarioID
        public var id: String { scenario.rawValue }
        public var source: String { scenario.source }
        public var description: String { scenario.description }
    }

    public static let scenarios: [Scenario] = ScenarioID.allCases.map(Scenario.init)

    /// Observed text per scenario for one strategy.
    public static func observe<S: ContextStrategy>(_ strategy: S.Type) -> [String] {
        scenarios.map { observe(S.self, $0.scenario) }
    }

    static func text(_ v: JSValue) -> String { v.description }
    static func text(_ error: any Error) -> String {
        if case ContextStrategyError.unsupported = error { return "throws (unsupported)" }
        return "throws"
    }

    static func observe<S: ContextStrategy>(_: S.Type, _ id: ScenarioID) -> String {
        let host = Host(strategy: S())
        let als = AsyncLocalStorage(host, name: "als")
        var seen = "(not observed)"
        switch id {
        case .unhandledRejectionContext:
            host.onUnhandledRejection = { _, _ in seen = text(als.getStore()) }
            host.run {
                let resolvers = als.run(1) { host.withResolvers() }
                als.run(2) { resolvers.reject("boom") }
            }
        case .enterwithDisableRun:
            host.run {
                do {
                    try als.enterWith(1)
                    try als.disable()
                    als.run(2) {}
                    seen = text(als.getStore())
                } catch { seen = text(error) }
            }
        case .enterwithSupported:
            host.run {
                do { try als.enterWith(1); seen = text(als.getStore()) } catch { seen = text(error) }
            }
        case .disableSeenByPendingTimer:
            var refused = ""
            host.run {
                als.run(1) {
                    host.setTimeout(1) { seen = text(als.getStore()) }
                    do { try als.disable() } catch { refused = text(error) + "; timer sees " }
                }
            }
            seen = refused + (seen == "(not observed)" ? "timer did not run" : seen)
        case .enterwithInThenNoLeak:
            host.run {
                als.run(1) {
                    _ = host.promiseResolve(.undefined)
                        .then({ _ in do { try als.enterWith(2) } catch { seen = text(error) }; return .undefined })
                        .then({ _ in if seen == "(not observed)" { seen = text(als.getStore()) }; return .undefined })
                }
            }
        case .thenSeesThenCallContext:
            host.run {
                let resolvers = als.run(1) { host.withResolvers() }
                als.run(2) { _ = resolvers.promise.then({ _ in seen = text(als.getStore()); return .undefined }) }
                als.run(3) { resolvers.resolve() }
            }
        case .timerSeesCreationContext:
            host.run {
                als.run(1) { host.setTimeout(1) { seen = text(als.getStore()) } }
                als.run(2) {}
            }
        case .snapshotRestores:
            host.run {
                let snapshot = als.run(1) { AsyncContext.Snapshot(host) }
                als.run(2) {
                    let inside = snapshot.run { als.getStore() }
                    seen = "\(text(inside)) then \(text(als.getStore()))"
                }
            }
        case .exitInsideRun:
            host.run {
                als.run(1) { _ = als.exit { host.setTimeout(1) { seen = text(als.getStore()) } } }
            }
        case .entriesCopiedPerPromiseK2:
            let second = AsyncLocalStorage(host, name: "second")
            host.run {
                als.run(1) {
                    second.run(2) {
                        let before = host.strategy.counters.entriesCopied
                        _ = host.promiseResolve(.undefined)
                        seen = String(host.strategy.counters.entriesCopied - before)
                    }
                }
            }
        case .entriesCopiedUnusedK3:
            _ = AsyncLocalStorage(host, name: "unused-1")
            _ = AsyncLocalStorage(host, name: "unused-2")
            host.run {
                als.run(1) {}
                let before = host.strategy.counters.entriesCopied
                _ = host.promiseResolve(.undefined)
                seen = String(host.strategy.counters.entriesCopied - before)
            }
        case .enterwithInAwaitedCallee:
            host.run {
                func callee() -> JSPromise<S> {
                    host.async {
                        .awaiting(.number(1)) { _ in
                            do { try als.enterWith(1) } catch { seen = text(error) }
                            return .done
                        }
                    }
                }
                _ = host.async {
                    .awaiting(callee()) { _ in if seen == "(not observed)" { seen = text(als.getStore()) }; return .done }
                }
            }
        case .defaultAfterRun:
            let withDefault = AsyncLocalStorage(host, name: "with-default", defaultValue: "D")
            host.run {
                withDefault.run(1) {}
                seen = text(withDefault.getStore())
            }
        case .executionAsyncResource:
            host.run {
                als.run(1) {}
                do {
                    let top = try AsyncHooks.executionAsyncResource(host)
                    host.setTimeout(1) {
                        let inTimer = try AsyncHooks.executionAsyncResource(host)
                        if inTimer == top { seen = "the same object as at top level" }
                        else { seen = inTimer.triggerAsyncId == top.asyncId ? "timer's own resource" : "another object, trigger id not the creator" }
                    }
                } catch { seen = "not available" }
            }
        }
        return seen
    }

    /// The matrix for every faithful strategy of `list`: rows = scenarios.
    public static func run<L: StrategyList>(_ list: L.Type = BuiltInStrategies.self) -> [(strategy: String, observed: [String])] {
        StrategyCatalogue(L.self).faithfulIDs.compactMap { id in
            L.visit(id: id, MatrixVisitor()).map { (id, $0) }
        }
    }

    static func padded(_ s: String, _ n: Int) -> String {
        s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count)
    }

    public static func render(_ matrix: [(strategy: String, observed: [String])]) -> String {
        let width = 30
        var lines = [padded("scenario", width)
                     + matrix.map { padded($0.strategy, 22) }.joined()]
        for (i, s) in scenarios.enumerated() {
            let values = matrix.map { $0.observed[i] }
            let differs = Set(values).count > 1 ? "*" : " "
            lines.append(padded(differs + s.id, width)
                         + values.map { padded($0, 22) }.joined())
        }
        return lines.joined(separator: "\n")
    }
}

struct MatrixVisitor: StrategyVisitor {
    func visit<S: ContextStrategy>(_ strategy: S.Type) -> [String] { SemanticMatrix.observe(S.self) }
}
