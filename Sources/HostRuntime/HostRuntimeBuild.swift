/// Whether this module was compiled optimized.
public enum HostRuntimeBuild {
    public static var isOptimized: Bool { !_isDebugAssertConfiguration() }
}
