/// Which clock the ``Sampler`` times batches with.
///
/// The suites use wall time on the monotonic clock (the default). `bench
/// fidelity` compares the model with JavaScript engines measured by
/// `process.cpuUsage()`, so there the model is timed by process CPU time
/// too: a sample during which the scheduler ran someone else costs wall
/// time but no CPU time, and the two sides must lose the same thing.
public enum SampleClock: String, Codable, Sendable, CaseIterable {
    /// `CLOCK_MONOTONIC` (``MonotonicClock``): served from the vDSO.
    case monotonic
    /// `CLOCK_PROCESS_CPUTIME_ID` (``ProcessCPUClock``): a system call per
    /// reading, paid once per batch, outside the timed work.
    case processCPU

    /// The reading function.
    public var read: () -> UInt64 {
        switch self {
        case .monotonic: return MonotonicClock.now
        case .processCPU: return ProcessCPUClock.now
        }
    }
}
