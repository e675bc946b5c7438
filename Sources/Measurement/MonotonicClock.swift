#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A monotonic nanosecond clock (`CLOCK_MONOTONIC`).
///
/// Readings only make sense as differences taken in the same process: the
/// origin is unspecified (on Linux, boot time) and the clock never goes
/// backwards, unlike the wall clock, which NTP may step. It is the clock the
/// ``Sampler`` times batches with.
///
/// - Complexity: O(1); one `clock_gettime` call, served from the vDSO on
///   Linux (tens of nanoseconds, no system call, no allocation).
public enum MonotonicClock {
    /// Nanoseconds since an unspecified fixed origin.
    ///
    /// - Complexity: O(1).
    @inlinable
    public static func now() -> UInt64 { clockNanos(CLOCK_MONOTONIC) }
}

/// Process CPU time (all threads: the cooperative pool's included), in
/// nanoseconds. The request server sleeps, so wall time would measure the
/// sleep; CPU time measures the work, as `process.cpuUsage()` does for the
/// JavaScript runtimes.
///
/// - Complexity: O(1); one `clock_gettime` call.
public enum ProcessCPUClock {
    @inlinable
    public static func now() -> UInt64 { clockNanos(CLOCK_PROCESS_CPUTIME_ID) }
}

/// `clock_gettime(clock)` in nanoseconds.
@inlinable @inline(__always)
func clockNanos(_ clock: clockid_t) -> UInt64 {
    var ts = timespec()
    clock_gettime(clock, &ts)
    return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
}
