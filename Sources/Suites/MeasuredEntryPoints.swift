import Workloads
import SemanticOracle
import ContextStrategies

/// The doors through which `bench` reaches the host: each is non-generic
/// and never inlined, so the host, the strategies and the workloads run as
/// specialized **here**, in a module built with the measuring flags.
///
/// Why this exists: with `-cross-module-optimization` a generic function
/// that `bench` calls (a `StrategySuiteRunner<BuiltInStrategies>` method,
/// `StrategyCatalog.visit` with a visitor) was specialized inside `bench`'s
/// own module, which SwiftPM builds with plain `-O` — non-atomic reference
/// counting, unchecked exclusivity and the other measuring flags off, LLVM's
/// function merging on (a merged function calls its differing parts
/// through a function pointer). Those copies are weak symbols, and the
/// linker keeps one of each set by link order, so which code a measurement
/// ran depended on link order. Through these doors `bench` specializes
/// nothing of the host (`MeasuredCodeLocationTests` checks its objects).
///
/// `dynamic` as well as `@inline(never)`: cross-module optimization still
/// copied a never-inlined function into `bench` as a function-signature
/// specialization, and the generic code it calls with it; a dynamically
/// replaceable function's body is opaque to every other module.
public enum MeasuredEntryPoints {
    /// `SuiteRunner.run(progress:)`.
    @inline(never)
    public dynamic static func run(_ runner: SuiteRunner, progress: ((RunProgress) -> Void)? = nil) throws -> [CellResult] {
        try runner.run(progress: progress)
    }

    /// `SuiteRunner.measure(_:cellSeed:)`.
    @inline(never)
    public dynamic static func measure(_ runner: SuiteRunner, _ cell: CellSpec, cellSeed: UInt64) throws -> [CellResult] {
        try runner.measure(cell, cellSeed: cellSeed)
    }

    /// One run of `cell` under the built-in strategy `strategy`.
    @inline(never)
    public dynamic static func once(_ cell: CellSpec, strategy: String) throws -> WorkloadOutcome {
        try StrategyCatalog.visit(strategy, SingleRun(cell: cell))
    }

    /// `Oracle.check` over the built-in strategies.
    @inline(never)
    public dynamic static func oracle(_ cell: CellSpec, strategies: [String]) throws -> [Oracle.Verdict] {
        try Oracle.check(cell, strategies: strategies)
    }

    /// `SemanticMatrix.run` over the built-in strategies.
    @inline(never)
    public dynamic static func semanticMatrix() -> [(strategy: String, observed: [String])] {
        SemanticMatrix.run()
    }
}
