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
    public static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }
}
