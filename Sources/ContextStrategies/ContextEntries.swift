import HostRuntime

extension Dictionary where Key == Int, Value == JSValue {
    /// The copy every map-based frame design makes on `run` / `enterWith`:
    /// `parent`'s entries copied one by one into a fresh map — a real copy,
    /// not a copy-on-write alias, so the cost being measured is paid — with
    /// `index` bound to `value` (removed when `value` is nil).
    ///
    /// - Complexity: O(k) for k entries in `parent`; one allocation.
    @inline(__always)
    static func copying(_ parent: [Int: JSValue]?, binding index: Int, to value: JSValue?) -> [Int: JSValue] {
        var values = [Int: JSValue](minimumCapacity: (parent?.count ?? 0) + 1)
        if let parent {
            for (k, v) in parent { values[k] = v }
        }
        values[index] = value
        return values
    }
}
