/// How this module itself was compiled.
///
/// `Package.swift` compiles every measured module with `-O` in every
/// configuration; `bench` refuses to measure when a measured module was not
/// optimized, and this is the probe it uses for `Measurement`.
public enum MeasurementBuild {
    /// `true` when this module was compiled with optimization (`-O`,
    /// `-Osize` or `-Ounchecked`), i.e. when its assert configuration is not
    /// "debug".
    ///
    /// The check is evaluated inside this module (`@inline(never)`), so it
    /// reports *this* module's configuration, not the caller's.
    ///
    /// - Complexity: O(1).
    public static var isOptimized: Bool {
        return compiledOptimized()
    }

    @inline(never)
    static func compiledOptimized() -> Bool {
        return !_isDebugAssertConfiguration()
    }
}
