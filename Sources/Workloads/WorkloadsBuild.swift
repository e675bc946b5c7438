/// Whether this module was compiled optimized (the measured workloads and
/// the strategies specialized into them live here).
public enum WorkloadsBuild {
    public static var isOptimized: Bool { !_isDebugAssertConfiguration() }
    /// Whether this module was built with the measuring configuration
    /// (Package.swift's `measured` flags: CMO, unchecked exclusivity, the
    /// layout flags), which a dependent's build of the package does not get.
    public static var hasMeasuringFlags: Bool {
        #if ASYNC_CONTEXT_BENCH_MEASURING
        return true
        #else
        return false
        #endif
    }
}
