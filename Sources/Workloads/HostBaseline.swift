import HostRuntime

/// The host's own cost with no propagation: a promise chain and a timer burst.
public enum HostBaseline {
    /// Builds a `steps`-long `then` chain under `none` and drains it; returns the final value.
    public static func promiseChain(steps: Int) -> Double {
        let host = Host(strategy: NoPropagation())
        var result = 0.0
        host.run {
            let step: PromiseHandler = { v in .number(v.numberValue! + 1) }
            var p = host.promiseResolve(.number(0))
            for _ in 0..<steps { p = p.then(step) }
            p.then({ v in result = v.numberValue!; return .undefined })
        }
        return result
    }

    /// Schedules `count` zero-delay timers and runs them; returns how many fired.
    public static func timerBurst(count: Int) -> Int {
        let host = Host(strategy: NoPropagation())
        var fired = 0
        host.run {
            let cb: () throws -> Void = { fired += 1 }
            for _ in 0..<count { host.setTimeout(0, cb) }
        }
        return fired
    }
}
