#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How the host's clock advances.
public enum ClockMode: Sendable {
    /// Deterministic: time stands still while anything is runnable and jumps
    /// to the next timer's deadline when nothing is (SwiftNIO's
    /// `EmbeddedEventLoop`). Tests and allocation counts use this.
    case virtual
    /// The monotonic clock; idle waits sleep until the next deadline. Latency
    /// and timer-lateness measurements use this.
    case real
}

/// Nanoseconds of the monotonic clock.
@inlinable public func monotonicNanos() -> Int64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Int64(ts.tv_sec) &* 1_000_000_000 &+ Int64(ts.tv_nsec)
}

/// Sleeps the thread until the monotonic clock reaches `deadline` (spinning
/// for the last 50 µs, where a sleep would overshoot).
func waitUntil(monotonic deadline: Int64) {
    while true {
        let remaining = deadline - monotonicNanos()
        if remaining <= 0 { return }
        if remaining > 100_000 {
            var ts = timespec(tv_sec: Int(remaining - 50_000) / 1_000_000_000, tv_nsec: Int(remaining - 50_000) % 1_000_000_000)
            nanosleep(&ts, nil)
        }
    }
}
