import HostRuntime
import ContextStrategies

/// Workloads that exercise the storage operations themselves.
enum ContextWorkloads {
    /// `getStore` with k storages active, round-robin; with k = 0, reads a
    /// storage that holds no value (the cost of a miss).
    static func getStore<S>(_ env: WorkloadEnvironment<S>) {
        let probe = env.probe
        let ops = env.parameters.ops
        if env.storages.isEmpty {
            let unset = AsyncLocalStorage(env.host, name: "unset")
            for _ in 0..<ops { probe.observe(unset.getStore()) }
            return
        }
        env.enterAll(base: 1) {
            for _ in 0..<ops { probe.log() }
        }
    }

    /// `subject.run(i, noop)` `ops` times with k other storages entered. Every
    /// 256th run's body reads the subject, so the oracle checks what `run` set.
    static func runEnter<S>(_ env: WorkloadEnvironment<S>) {
        let probe = env.probe
        let subject = AsyncLocalStorage(env.host, name: "subject")
        let ops = env.parameters.ops
        env.enterAll(base: 1) {
            for i in 0..<ops {
                if i & 255 == 0 {
                    subject.run(.number(Double(i))) { probe.observe(subject.getStore()) }
                } else {
                    subject.run(.number(Double(i))) {}
                }
            }
            probe.observe(subject.getStore())
        }
    }

    /// One async flow of `ops` awaits. Before an await, at rate `run_rate`
    /// (a deterministic accumulator, no random draws), the flow calls the rest
    /// of itself inside `storage.run(newValue, async () => …)`, replacing one
    /// storage's value (cycling through the k storages) for everything after.
    static func contextChurn<S>(_ env: WorkloadEnvironment<S>) {
        let flow = ChurnFlow(env)
        env.enterAll(base: 1) {
            _ = env.host.async { flow.step() }
        }
    }

    /// `idle-storages`: the k storages of the environment exist but this flow
    /// never touches them (the libraries that made them are idle on this
    /// path); one other storage is entered, and an async function awaits
    /// `ops` times, reading it after each await. What the k idle storages cost
    /// is the design's: Node 24's async_hooks ALS copies all k + 1 onto every
    /// resource (its constructor enabled them, nodejs/node PR #58029), Node
    /// 20's only the one in use; frame and slot designs carry a one-entry
    /// frame whatever k is.
    static func idleStorages<S>(_ env: WorkloadEnvironment<S>) {
        let probe = env.probe
        let used = AsyncLocalStorage(env.host, name: "used")
        func step(_ remaining: Int) -> AsyncStep {
            if remaining == 0 { return .done }
            return .awaiting(.undefined) { _ in probe.observe(used.getStore()); return step(remaining - 1) }
        }
        used.run(.number(1)) {
            _ = env.host.async { step(env.parameters.ops) }
        }
    }
}

/// The state of the context-churn flow (one object, like a generator's frame).
final class ChurnFlow<S: ContextStrategy> {
    let host: Host<S>
    let probe: ContextProbe<S>
    let storages: [AsyncLocalStorage<S>]
    let ops: Int
    let rate: Double
    var done = 0
    var accumulator = 0.0
    var churns = 0

    init(_ env: WorkloadEnvironment<S>) {
        host = env.host
        probe = env.probe
        storages = env.storages
        ops = env.parameters.ops
        rate = env.parameters.runRate
    }

    func step() -> AsyncStep {
        guard done < ops else { return .done }
        done += 1
        accumulator += rate
        if accumulator >= 1, !storages.isEmpty {
            accumulator -= 1
            churns += 1
            let storage = storages[churns % storages.count]
            let rest = storage.run(.number(Double(1_000_000 + churns))) { host.async { self.awaitOnce() } }
            return .awaiting(rest) { value in .returning(value) }
        }
        return awaitOnce()
    }

    func awaitOnce() -> AsyncStep {
        .awaiting(.undefined) { [self] _ in probe.log(); return step() }
    }
}
