// swift-tools-version: 6.1
import PackageDescription

/// Every module whose code is measured is compiled with `-O` in *every*
/// configuration (a later `-O` overrides SwiftPM's debug `-Onone`), and with
/// cross-module optimization so that `Host<Strategy>` and the workloads are
/// specialized for each concrete strategy: no witness-table dispatch on a hot
/// path that the real design would not have. `swift run bench` is therefore
/// never a debug-speed measurement; `bench` also checks this at start-up
/// (see `BuildInfo`) and refuses to measure if any measured module is not
/// optimized.
let measured: [SwiftSetting] = [
    .unsafeFlags(["-O", "-cross-module-optimization", "-enforce-exclusivity=unchecked",
                  "-Xfrontend", "-disable-generic-metadata-prespecialization",
                  "-Xfrontend", "-disable-type-layout",
                  "-Xfrontend", "-assume-single-threaded"]),
]

/// `measured` without `-assume-single-threaded`: the TaskLocal benchmark runs
/// on Swift's multi-threaded cooperative executor, where non-atomic reference
/// counting would be a data race (child tasks share closures and boxes).
let measuredConcurrent: [SwiftSetting] = [
    .unsafeFlags(["-O", "-cross-module-optimization", "-enforce-exclusivity=unchecked",
                  "-Xfrontend", "-disable-generic-metadata-prespecialization",
                  "-Xfrontend", "-disable-type-layout"]),
]

let package = Package(
    name: "AsyncContextBench",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "bench", targets: ["bench"]),
        .library(name: "HostRuntime", targets: ["HostRuntime"]),
        .library(name: "ContextStrategies", targets: ["ContextStrategies"]),
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
        .target(
            name: "HostRuntime",
            dependencies: [
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
        // Clocks, allocation counting, latency histograms, statistics, run metadata.
        .target(
            name: "Measurement",
            dependencies: [
                "CJemalloc",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            swiftSettings: measured
        ),
        // Workloads written once against the host and the ALS API, the
        // strategy registry, suites, and the measured cell runner.
        .target(
            name: "Workloads",
            dependencies: ["HostRuntime", "ContextStrategies", "Measurement"],
            swiftSettings: measured
        ),
        // CSV, gnuplot charts, PAPER.md tables.
        .target(
            name: "Reporting",
            dependencies: ["Measurement"]
        ),
        .executableTarget(
            name: "bench",
            dependencies: [
                "Workloads", "Reporting", "Measurement",
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
            dependencies: ["TaskLocalBench"],
            swiftSettings: measuredConcurrent
        ),
        .testTarget(name: "TaskLocalBenchTests", dependencies: ["TaskLocalBench"]),
        .testTarget(name: "HostRuntimeTests", dependencies: ["HostRuntime"], exclude: ["js"]),
        .testTarget(name: "ContextStrategiesTests", dependencies: ["ContextStrategies", "HostRuntime"]),
        .testTarget(name: "MeasurementTests", dependencies: ["Measurement"]),
        .testTarget(name: "WorkloadsTests", dependencies: ["Workloads", "ContextStrategies", "HostRuntime", "Measurement"]),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting"], resources: [.copy("Fixtures")]),
    ],
    // The host is single-threaded by design; Swift 6's data-race checking
    // would add ceremony without protecting anything here.
    swiftLanguageModes: [.v5]
)
