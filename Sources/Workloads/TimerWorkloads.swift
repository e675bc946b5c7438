import HostRuntime
import ContextStrategies
import Measurement

/// Timer-heavy workloads: bursts, spread deadlines, cancellation, intervals.
enum TimerWorkloads {
    static let burstSize = 1_000

    /// `ops` zero-delay timers in batches of 1,000; each logs; the last timer
    /// of a batch schedules the next batch.
    static func timerBurst<S>(_ env: WorkloadEnvironment<S>) {
        let host = env.host
        let probe = env.probe
        var remaining = env.parameters.ops
        var scheduleBatch: (() -> Void)!
        let fire: () throws -> Void = { probe.log() }
        scheduleBatch = {
            let count = min(burstSize, remaining)
            remaining -= count
            for _ in 0..<(count - 1) { host.setTimeout(0, fire) }
            host.setTimeout(0) {
                probe.log()
                if remaining > 0 { scheduleBatch() }
            }
        }
        env.enterAll(base: 1) { scheduleBatch() }
    }

    /// `ops` timers with seeded pseudo-random delays in [1, 1000] ms, all
    /// pending at once: a deep timer heap.
    static func timerSpread<S>(_ env: WorkloadEnvironment<S>) {
        let host = env.host
        let probe = env.probe
        var random = SplitMix64(seed: env.parameters.seed)
        let fire: () throws -> Void = { probe.log() }
        env.enterAll(base: 1) {
            for _ in 0..<env.parameters.ops {
                // Each number becomes the next state (this workload's delay
                // sequence since it was written; the recorded figures use it).
                random.state = random.next()
                host.setTimeout(Double(1 + random.state % 1000), fire)
            }
        }
    }

    /// `ops` timers with a 10 ms delay; 9 of every 10 are cancelled right away.
    static func timerCancel<S>(_ env: WorkloadEnvironment<S>) {
        let host = env.host
        let probe = env.probe
        let fire: () throws -> Void = { probe.log() }
        env.enterAll(base: 1) {
            for i in 0..<env.parameters.ops {
                let timer = host.setTimeout(10, fire)
                if i % 10 != 0 { host.clearTimeout(timer) }
            }
        }
    }

    static let ticksPerInterval = 10

    /// `ops / 10` intervals with periods 1…7 ms, each cleared after 10 ticks;
    /// every tick logs.
    static func interval<S>(_ env: WorkloadEnvironment<S>) {
        let host = env.host
        let probe = env.probe
        let count = max(1, env.parameters.ops / ticksPerInterval)
        env.enterAll(base: 1) {
            for i in 0..<count {
                var ticks = 0
                var handle: TimerHandle<S>?
                handle = host.setInterval(Double(1 + i % 7)) {
                    probe.log()
                    ticks += 1
                    if ticks == ticksPerInterval { host.clearInterval(handle); handle = nil }
                }
            }
        }
    }
}
