/// Whether this module was compiled optimized (the measured workloads and
/// the strategies specialized into them live here).
public enum WorkloadsBuild {
    public static var isOptimized: Bool { !_isDebugAssertConfiguration() }
}
