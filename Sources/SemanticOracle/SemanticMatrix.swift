import HostRuntime
import ContextStrategies
import Workloads

/// Small programs whose observed context shows where the designs diverge
/// (brief §4: nodejs/node#46262, #48480, workerd's unsupported operations)
/// plus a few shared rules as controls. Each returns what the program
/// observed, as text; the matrix is scenario × strategy.
public enum SemanticMatrix {
    public struct Scenario: Sendable {
        public let id: String
        public let source: String
        public let description: String
    }

    public static let scenarios: [Scenario] = [
        Scenario(id: "unhandled-rejection-context", source: "nodejs/node#46262",
                 description: "promise created in run(1), rejected in run(2), no handler: store seen by the unhandledRejection handler"),
        Scenario(id: "enterwith-disable-run", source: "nodejs/node#48480",
                 description: "enterWith(1); disable(); run(2, noop); then getStore()"),
        Scenario(id: "enterwith-supported", source: "workerd AsyncLocalStorage (enterWith not implemented)",
                 description: "enterWith(1); getStore()"),
        Scenario(id: "disable-seen-by-pending-timer", source: "nodejs/node lib/internal/async_context_frame.js disable()",
                 description: "run(1) { setTimeout(getStore); disable() }: store the timer sees"),
        Scenario(id: "enterwith-in-then-no-leak", source: "nodejs/node test-async-local-storage-enter-with.js",
                 description: "run(1) { p.then(() => enterWith(2)).then(getStore) }"),
        Scenario(id: "then-sees-then-call-context", source: "tc39/proposal-async-context tests (promise then)",
                 description: "promise created in run(1), then() called in run(2), resolved in run(3): store in the callback"),
        Scenario(id: "timer-sees-creation-context", source: "nodejs/node test-async-local-storage-run-resource.js",
                 description: "run(1) { setTimeout(getStore) }; run(2, …) afterwards"),
        Scenario(id: "snapshot-restores", source: "tc39/proposal-async-context Snapshot tests",
                 description: "snapshot taken in run(1); snapshot.run(getStore) inside run(2), then getStore after"),
        Scenario(id: "exit-inside-run", source: "nodejs/node test-async-local-storage-exit-does-not-leak.js",
                 description: "run(1) { exit(() => setTimeout(getStore)) }"),
        Scenario(id: "entries-copied-per-promise-k2", source: "brief §2.1 (async_hooks copies onto every resource)",
                 description: "k = 2 storages entered; entries copied when one promise is created"),
        Scenario(id: "entries-copied-unused-k3", source: "nodejs/node PR #58029 (Node 24 enables a storage on construction)",
                 description: "3 storages constructed, 1 used by a run: entries copied onto one new promise"),
        Scenario(id: "enterwith-in-awaited-callee", source: "nodejs/node#45848 (Node 20 leaks, PR #58029 fixed it)",
                 description: "one storage, unused before: an awaited callee does await 1; enterWith(1); store after the await in the caller"),
        Scenario(id: "default-after-run", source: "nodejs/node lib/internal/async_local_storage/async_hooks.js (run restores by assignment)",
                 description: "defaultValue 'D'; run(1, noop); getStore()"),
        Scenario(id: "execution-async-resource", source: "nodejs/node lib/async_hooks.js executionAsyncResource()",
                 description: "executionAsyncResource() inside a timer: the timer's own resource (not the top-level one), or not available"),
    ]

    /// Observed text per scenario for one strategy.
    public static func observe<S: ContextStrategy>(_ strategy: S.Type) -> [String] {
        scenarios.map { observe(S.self, $0.id) }
    }

    static func text(_ v: JSValue) -> String { v.description }
    static func text(_ error: any Error) -> String {
        if case ContextStrategyError.unsupported = error { return "throws (unsupported)" }
        return "throws"
    }

    static func observe<S: ContextStrategy>(_: S.Type, _ id: String) -> String {
        let host = Host(strategy: S())
        let als = AsyncLocalStorage(host, name: "als")
        var seen = "(not observed)"
        switch id {
        case "unhandled-rejection-context":
            host.onUnhandledRejection = { _, _ in seen = text(als.getStore()) }
            host.run {
                let resolvers = als.run(1) { host.withResolvers() }
                als.run(2) { resolvers.reject("boom") }
            }
        case "enterwith-disable-run":
            host.run {
                do {
                    try als.enterWith(1)
                    try als.disable()
                    als.run(2) {}
                    seen = text(als.getStore())
                } catch { seen = text(error) }
            }
        case "enterwith-supported":
            host.run {
                do { try als.enterWith(1); seen = text(als.getStore()) } catch { seen = text(error) }
            }
        case "disable-seen-by-pending-timer":
            var refused = ""
            host.run {
                als.run(1) {
                    host.setTimeout(1) { seen = text(als.getStore()) }
                    do { try als.disable() } catch { refused = text(error) + "; timer sees " }
                }
            }
            seen = refused + (seen == "(not observed)" ? "timer did not run" : seen)
        case "enterwith-in-then-no-leak":
            host.run {
                als.run(1) {
                    _ = host.promiseResolve(.undefined)
                        .then({ _ in do { try als.enterWith(2) } catch { seen = text(error) }; return .undefined })
                        .then({ _ in if seen == "(not observed)" { seen = text(als.getStore()) }; return .undefined })
                }
            }
        case "then-sees-then-call-context":
            host.run {
                let resolvers = als.run(1) { host.withResolvers() }
                als.run(2) { _ = resolvers.promise.then({ _ in seen = text(als.getStore()); return .undefined }) }
                als.run(3) { resolvers.resolve() }
            }
        case "timer-sees-creation-context":
            host.run {
                als.run(1) { host.setTimeout(1) { seen = text(als.getStore()) } }
                als.run(2) {}
            }
        case "snapshot-restores":
            host.run {
                let snapshot = als.run(1) { AsyncContext.Snapshot(host) }
                als.run(2) {
                    let inside = snapshot.run { als.getStore() }
                    seen = "\(text(inside)) then \(text(als.getStore()))"
                }
            }
        case "exit-inside-run":
            host.run {
                als.run(1) { als.exit { host.setTimeout(1) { seen = text(als.getStore()) } } }
            }
        case "entries-copied-per-promise-k2":
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
        case "entries-copied-unused-k3":
            _ = AsyncLocalStorage(host, name: "unused-1")
            _ = AsyncLocalStorage(host, name: "unused-2")
            host.run {
                als.run(1) {}
                let before = host.strategy.counters.entriesCopied
                _ = host.promiseResolve(.undefined)
                seen = String(host.strategy.counters.entriesCopied - before)
            }
        case "enterwith-in-awaited-callee":
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
        case "default-after-run":
            let withDefault = AsyncLocalStorage(host, name: "with-default", defaultValue: "D")
            host.run {
                withDefault.run(1) {}
                seen = text(withDefault.getStore())
            }
        case "execution-async-resource":
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
        default:
            seen = "unknown scenario"
        }
        return seen
    }

    /// The matrix for every faithful strategy: rows = scenarios.
    public static func run() -> [(strategy: String, observed: [String])] {
        StrategyCatalog.faithfulIDs.compactMap { id in
            (try? StrategyCatalog.visit(id, MatrixVisitor())).map { (id, $0) }
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
