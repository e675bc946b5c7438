import HostRuntime

/// The `none` baseline carries no context: every store reads as absent and
/// `run` just calls its body. It is the floor every strategy is compared
/// against and is exempt from the semantic oracle.
extension NoPropagation: ContextStrategy {
    public static var id: String { "none" }
    public static var summary: String { "no propagation: the cost of the workload itself" }
    public static var profile: StrategyProfile { .baseline }

    public func makeStorage(name: String) -> StorageKey { StorageKey(index: 0) }
    @inline(__always) public func getStore(_ key: StorageKey) -> JSValue? { nil }
    @inline(__always) public func run<R>(_ key: StorageKey, _ value: JSValue, _ body: () throws -> R) rethrows -> R { try body() }
    public func exit<R>(_ key: StorageKey, _ body: () throws -> R) rethrows -> R { try body() }
    public func enterWith(_ key: StorageKey, _ value: JSValue) throws {}
    public func disable(_ key: StorageKey) throws {}
    public var counters: StrategyCounters { StrategyCounters() }
}
