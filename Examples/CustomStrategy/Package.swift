// swift-tools-version: 6.1
import PackageDescription

/// SwiftPM names a path dependency after its folder, which is whatever the
/// benchmark's checkout is called (AsyncContextBench, a worktree, a CI clone).
let benchPackage = Context.packageDirectory.split(separator: "/").dropLast(2).last.map(String.init) ?? "AsyncContextBench"

// A package outside the benchmark's tree that adds a propagation strategy of
// its own (Sources/CustomStrategy/DictionaryFrame.swift), registers it with
// one line (main.swift), holds it to the semantic oracle and runs a quick
// measured suite over it beside the built-in designs.
let package = Package(
    name: "CustomStrategy",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "CustomStrategy",
            dependencies: [
                .product(name: "HostRuntime", package: benchPackage),
                .product(name: "ContextStrategies", package: benchPackage),
                .product(name: "Workloads", package: benchPackage),
                .product(name: "SemanticOracle", package: benchPackage),
                .product(name: "Suites", package: benchPackage),
                .product(name: "Reporting", package: benchPackage),
                .product(name: "Measurement", package: benchPackage),
            ],
            // The strategy's code is measured too: specialize it across
            // modules as the benchmark's own strategies are.
            swiftSettings: [.unsafeFlags(["-cross-module-optimization", "-enforce-exclusivity=unchecked"])]
        ),
    ],
    swiftLanguageModes: [.v5]
)
