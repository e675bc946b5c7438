#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Process CPU time (all threads: the cooperative pool's included), in
/// nanoseconds. The request server sleeps, so wall time would measure the
/// sleep; CPU time measures the work, as `process.cpuUsage()` does for the
/// JavaScript runtimes.
///
/// - Complexity: O(1); one `clock_gettime` call.
public enum ProcessCPUClock {
    @inlinable
    public static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }
}
