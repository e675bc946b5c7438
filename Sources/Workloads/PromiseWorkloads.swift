import HostRuntime
import ContextStrategies

/// Promise-heavy workloads: chains, awaits, fan-out, thenable adoption.
enum PromiseWorkloads {
    /// One flow enters k storages, then `ops` chained `then` reactions, each
    /// reading a storage. One handler closure serves every reaction.
    static func promiseChain<S>(_ env: WorkloadEnvironment<S>) {
        let probe = env.probe
        env.enterAll(base: 1) {
            let step: PromiseHandler = { value in probe.log(); return value }
            var promise = env.host.promiseResolve(.number(0))
            for _ in 0..<env.parameters.ops { promise = promise.then(step) }
        }
    }

    /// Inside k nested runs, an async function awaits `ops` times
    /// (`await undefined`) and logs after each await.
    static func awaitLoop<S>(_ env: WorkloadEnvironment<S>) {
        let probe = env.probe
        let ops = env.parameters.ops
        env.enterAll(base: 1) {
            _ = env.host.async { AwaitLoop(probe: probe, remaining: ops).step(.undefined) }
        }
    }

    /// Async functions calling each other to depth d, each level awaiting the
    /// next; the innermost awaits `undefined` and logs. Calls repeat
    /// sequentially until `ops` awaits have run (d + 1 awaits per call).
    static func awaitDepth<S>(_ env: WorkloadEnvironment<S>) {
        let host = env.host
        let probe = env.probe
        let depth = env.parameters.depth
        let calls = max(1, env.parameters.ops / (depth + 1))
        func call(_ level: Int) -> JSPromise<S> {
            host.async {
                if level == 0 {
                    return .awaiting(.undefined) { _ in probe.log(); return .returning(.number(0)) }
                }
                return .awaiting(call(level - 1)) { value in .returning(value) }
            }
        }
        func repeatCalls(_ remaining: Int) -> AsyncStep {
            if remaining == 0 { return .done }
            return .awaiting(call(depth)) { _ in repeatCalls(remaining - 1) }
        }
        env.enterAll(base: 1) {
            _ = host.async { repeatCalls(calls) }
        }
    }

    /// `Promise.all` over batches of `width` reactions; batches run one after
    /// another until `ops` reactions have run.
    static func promiseFanout<S>(_ env: WorkloadEnvironment<S>) {
        let host = env.host
        let probe = env.probe
        let width = env.parameters.width
        let batches = max(1, env.parameters.ops / width)
        let read: PromiseHandler = { value in probe.log(); return value }
        func batch(_ remaining: Int) -> AsyncStep {
            if remaining == 0 { return .done }
            var members: [JSValue] = []
            members.reserveCapacity(width)
            for i in 0..<width { members.append(.object(host.promiseResolve(.number(Double(i))).then(read))) }
            return .awaiting(host.all(members)) { _ in batch(remaining - 1) }
        }
        env.enterAll(base: 1) {
            _ = host.async { batch(batches) }
        }
    }

    /// A chain of `ops` steps whose handlers return a non-native thenable, so
    /// each step costs a resolve-thenable job plus the thenable's `then`.
    /// Both the thenable's `then` and the next handler log the context.
    static func thenableAdopt<S>(_ env: WorkloadEnvironment<S>) {
        let probe = env.probe
        let thenable = LoggingThenable(log: probe.log)
        env.enterAll(base: 1) {
            let step: PromiseHandler = { _ in probe.log(); return .object(thenable) }
            var promise = env.host.promiseResolve(.number(0))
            for _ in 0..<env.parameters.ops { promise = promise.then(step) }
        }
    }
}

/// The await loop's state machine: one object per flow, so each await costs
/// the reaction and the continuation closure, as a generator's resumption does.
final class AwaitLoop<S: ContextStrategy> {
    let probe: ContextProbe<S>
    var remaining: Int
    init(probe: ContextProbe<S>, remaining: Int) { self.probe = probe; self.remaining = remaining }

    func step(_: JSValue) -> AsyncStep {
        if remaining == 0 { return .done }
        remaining -= 1
        return .awaiting(.undefined) { [self] value in probe.log(); return step(value) }
    }
}

/// A non-native thenable that logs the context its `then` runs in, then
/// fulfils synchronously.
final class LoggingThenable: JSThenable {
    let log: () -> Void
    init(log: @escaping () -> Void) { self.log = log }
    override func then(_ resolve: @escaping (JSValue) -> Void, _ reject: @escaping (JSValue) -> Void) throws {
        log()
        resolve(.number(1))
    }
}
