// swift-tools-version: 6.1
import PackageDescription

/// The measuring configuration: the flags that make measured code cost what
/// the modelled design costs, in *every* configuration (a later `-O` overrides
/// SwiftPM's debug `-Onone`). The figures are `scripts/flag-costs`' callgrind
/// instructions per promise reaction, `none` / continuation-slot at k = 8, from
/// `Results/flags/flag-costs.csv` (974 / 1,260 with every flag):
/// - `-O -cross-module-optimization`: `Host<Strategy>` and the workloads are
///   specialized for each concrete strategy, so no hot path dispatches through
///   witness tables where the real design would not (without it: 5,897 / 6,342);
/// - `-enforce-exclusivity=unchecked`: no dynamic exclusivity checks (a Swift
///   cost no JavaScript engine has; not yet measured);
/// - `-disable-generic-metadata-prespecialization`, `-disable-type-layout`:
///   keep generic records on specialized copies instead of metadata look-ups
///   and value-witness calls (without the pair: 993 / 1,280, 2 % more; the
///   4,050 → 1,355 once quoted here is not reproduced at this code).
/// - `-disable-llvm-merge-functions-pass`: no merged functions (`…Tm`): LLVM
///   folded the near-identical specializations of the host for different
///   strategies into one body that calls the parts that differ through
///   function pointers, an indirect call per hook no real design makes
///   (without it: promise-chain `none` 1,068 instead of 1,058 instructions
///   per reaction, hook-map-copy's extra at k = 8 +3.4 %; `bench budgets`).
/// `bench` reaches the host only through `Suites.MeasuredEntryPoints`, so
/// every specialized copy of the host is one of these modules' (a copy made
/// inside `bench` was built with plain `-O`; `MeasuredCodeLocationTests`).
/// `bench` still checks at start-up that these modules are optimized and were
/// built with this configuration (`HostRuntimeBuild.hasMeasuringFlags`), and a
/// debug `bench` hands measuring over to the release build.
let optimizedFlags: [[String]] = [["-O"], ["-cross-module-optimization"], ["-enforce-exclusivity=unchecked"],
                                  ["-Xfrontend", "-disable-generic-metadata-prespecialization"],
                                  ["-Xfrontend", "-disable-type-layout"],
                                  ["-Xfrontend", "-disable-llvm-merge-functions-pass"]]

/// `scripts/flag-costs` only: builds (in its own scratch folder) without the
/// comma-separated flags named here, to measure what each one buys. `bench`
/// measuring such a build would still start, so the script never publishes
/// anything but its own table.
let droppedFlags = Set((Context.environment["ASYNC_CONTEXT_BENCH_DROP_FLAGS"] ?? "").split(separator: ",").map(String.init))
func kept(_ groups: [[String]]) -> [String] { groups.filter { !droppedFlags.contains($0.last!) }.flatMap { $0 } }
let optimized = kept(optimizedFlags)

/// SwiftPM refuses a version-based dependency whose products use
/// `unsafeFlags` (a trait condition does not help: the flags are refused even
/// with the trait disabled). So the measuring configuration applies only when
/// this package is built on its own (`bench`, `scripts/test`, CI) or by path
/// (Examples/CustomStrategy); as a dependency SwiftPM checks it out under
/// `…/checkouts/`, and the library products then build with plain settings.
/// `ASYNC_CONTEXT_BENCH_LIBRARY=1` selects the dependency configuration
/// explicitly (CI uses it to prove the products build without unsafe flags).
let isDependency = Context.packageDirectory.contains("/checkouts/")
    || Context.environment["ASYNC_CONTEXT_BENCH_LIBRARY"] == "1"

/// The measuring configuration as settings: `flags` and the define by which
/// `bench` knows the measured modules got them.
func measuring(_ flags: [String]) -> [SwiftSetting] {
    isDependency ? [] : [.unsafeFlags(flags), .define("ASYNC_CONTEXT_BENCH_MEASURING")]
}

/// The simulated host is single-threaded, like a JavaScript isolate (which
/// uses a GC, not atomic reference counts): its modules use non-atomic ARC
/// (`-assume-single-threaded`). Debug builds check the one-thread rule at run
/// time (`Host`'s owner-thread check).
let measured = measuring(optimized + kept([["-Xfrontend", "-assume-single-threaded"]]))

/// `measured` without `-assume-single-threaded`: for code that is, or
/// documents itself as, thread-safe (`Measurement`'s `AllocationProbe`), and
/// everything linked into the TaskLocal benchmark, which runs on Swift's own
/// executor where non-atomic reference counting would race.
let measuredConcurrent = measuring(optimized)

let package = Package(
    name: "AsyncContextBench",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "bench", targets: ["bench"]),
        .library(name: "HostRuntime", targets: ["HostRuntime"]),
        .library(name: "ContextStrategies", targets: ["ContextStrategies"]),
        // The workloads, suites, oracle and semantic matrix, generic over a
        // strategy list: what a package adding its own strategy runs
        // (Examples/CustomStrategy).
        .library(name: "Workloads", targets: ["Workloads"]),
        .library(name: "SemanticOracle", targets: ["SemanticOracle"]),
        .library(name: "Suites", targets: ["Suites"]),
        // CSV and atomic files: the results contract a package writes for `bench plot`.
        .library(name: "Reporting", targets: ["Reporting"]),
        .library(name: "Measurement", targets: ["Measurement"]),
        .executable(name: "tasklocal-bench", targets: ["tasklocal-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    ],
    targets: [
        // The simulated single-threaded JavaScript host: event loop, promises,
        // timers, async functions, and the lifecycle points strategies hook.
        // The host's own heap (RecordRegion): the package's one module of
        // manual memory management, with its invariants written down.
        .target(name: "HostHeap", dependencies: ["CJemalloc"], swiftSettings: measured),
        .target(
            name: "HostRuntime",
            dependencies: [
                "HostHeap",
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "HeapModule", package: "swift-collections"),
            ],
            swiftSettings: measured
        ),
        // The four propagation strategies, and the ALS / AsyncContext APIs over them.
        .target(
            name: "ContextStrategies",
            dependencies: ["HostRuntime"],
            swiftSettings: measured
        ),
        // jemalloc as the process allocator (exact allocation counts and bytes).
        .systemLibrary(
            name: "CJemalloc",
            pkgConfig: "jemalloc",
            providers: [.apt(["libjemalloc-dev"])]
        ),
        // Callgrind client requests (start/stop instrumentation, zero/dump
        // stats, "am I under valgrind") as C functions over
        // <valgrind/callgrind.h> (Debian package `valgrind`, see scripts/setup);
        // without that header they compile to no-ops that say so.
        .target(name: "CCallgrind"),
        // sched_setaffinity for the measuring thread (CPU_SET is a macro).
        .target(name: "CAffinity"),
        // Clocks, allocation counting, latency histograms, statistics, run metadata.
        .target(
            name: "Measurement",
            dependencies: [
                "CJemalloc", "CCallgrind", "CAffinity", "HostHeap",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            // Thread-safe (AllocationProbe) and linked into tasklocal-bench.
            swiftSettings: measuredConcurrent
        ),
        // The workload programs, written once against the host and the ALS
        // API: their ids, parameters, environment and probe, the strategy
        // catalog (visit by id), and one run of a cell.
        .target(
            name: "Workloads",
            dependencies: ["HostRuntime", "ContextStrategies", "Measurement"],
            swiftSettings: measured
        ),
        // The semantic oracle (faithful strategies must observe the same
        // contexts: the majority rule every harness judges by) and the
        // semantic matrix (where the designs diverge, scenario × strategy).
        .target(
            name: "SemanticOracle",
            dependencies: ["Workloads", "HostRuntime", "ContextStrategies"],
            swiftSettings: measured
        ),
        // Suites (which cells, how sampled) and the measuring runner: the
        // timed, allocation, instruction and latency passes, budgets, and the
        // real-runtime harness beside the model.
        .target(
            name: "Suites",
            dependencies: ["Workloads", "SemanticOracle", "HostRuntime", "ContextStrategies", "Measurement", "Reporting"],
            swiftSettings: measured
        ),
        // Replays a recorded application trace (scripts/apps/recorder.mjs)
        // on the host under every strategy (issue 17).
        .target(
            name: "Replay",
            dependencies: ["HostRuntime", "ContextStrategies", "Measurement", "SemanticOracle"],
            swiftSettings: measured
        ),
        // CSV, gnuplot charts, PAPER.md tables.
        .target(
            name: "Reporting",
            // ContextStrategies: the registry the pairings and chart defaults are derived from.
            dependencies: ["Measurement", "Workloads", "ContextStrategies"]
        ),
        .executableTarget(
            name: "bench",
            dependencies: [
                "Workloads", "SemanticOracle", "Suites", "Reporting", "Measurement", "Replay",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Swift's native answer (issue 7): the workload shapes on @TaskLocal
        // and structured concurrency, measured by process CPU time.
        .target(
            name: "TaskLocalBench",
            dependencies: ["Measurement"],
            swiftSettings: measuredConcurrent
        ),
        .executableTarget(
            name: "tasklocal-bench",
            dependencies: [
                "TaskLocalBench", "Measurement",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: measuredConcurrent
        ),
        .testTarget(name: "TaskLocalBenchTests", dependencies: ["TaskLocalBench", "Workloads", "Suites"]),
        .testTarget(name: "HostRuntimeTests", dependencies: ["HostRuntime", "HostHeap"], exclude: ["js"]),
        .testTarget(name: "ContextStrategiesTests", dependencies: ["ContextStrategies", "HostRuntime", "Measurement"]),
        .testTarget(name: "MeasurementTests", dependencies: ["Measurement"]),
        .testTarget(name: "WorkloadsTests", dependencies: ["Workloads", "SemanticOracle", "Suites", "ContextStrategies", "HostRuntime", "Measurement"]),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting", "Measurement"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ReplayTests", dependencies: ["Replay", "HostRuntime", "ContextStrategies"]),
        // The CLI's argument validation and output-folder safety (issue 14), in process.
        .testTarget(name: "BenchTests", dependencies: ["bench", "Reporting", "Workloads", "SemanticOracle", "Suites", "Measurement", "ContextStrategies", "Replay", "HostRuntime"]),
    ],
    // The host is single-threaded by design; Swift 6's data-race checking
    // would add ceremony without protecting anything here.
    swiftLanguageModes: [.v5]
)
