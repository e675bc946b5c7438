/// Consumes a value so that the optimizer cannot prove it unused and delete
/// the work that produced it.
///
/// The function is neither inlined nor optimized (`@_optimize(none)`), so
/// dead-argument elimination and function-signature specialization cannot
/// remove its parameter either; the call itself costs a few nanoseconds,
/// which is why the ``Sampler`` calls it once per batch, not per iteration.
///
/// - Complexity: O(1).
@inline(never)
@_optimize(none)
public func blackHole<T>(_ x: T) {
    _ = x
}
