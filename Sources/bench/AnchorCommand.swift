import ArgumentParser
import Foundation
import Measurement
import Reporting
import Suites

/// App names on the command line: ArgumentParser checks them and lists the valid ones.
extension ApplicationAnchor.App: ExpressibleByArgument {}

extension Bench {
    /// Issue 17's anchor: the real applications measured, so the replay's
    /// prediction has something to be checked against.
    struct AnchorCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "anchor",
            abstract: "Measure the real applications (scripts/apps/service.cjs) on Node 24 in both modes, Node 20, and with ALS removed: CPU per request and ALS overhead.",
            discussion: """
            Each run is one process serving --requests keep-alive requests over loopback after --warmup \
            more, and reports the process CPU time of its measured phase. A repetition runs every app × \
            concurrency under every runtime (\(ApplicationAnchor.Runtime.allCases.map(\.rawValue).joined(separator: ", "))), \
            in a rotating order. A runtime's ALS overhead is its CPU per request minus that of the same \
            engine running the app with ALS removed, taken per repetition and summarized by the median \
            with a 95 % bootstrap interval; where the interval contains zero, `bench replay` reports the \
            overhead as not resolved instead of a ratio. More repetitions narrow it: a whole Express request \
            varies by more between processes than ALS costs it.

            Needs Node 24 (scripts/real/setup) and Express (scripts/apps/setup); a runtime that is missing \
            is skipped with a note. With --out, writes anchor.csv and anchor-samples.csv into that folder \
            (each replaced atomically, other files left alone), for `bench replay --anchor`.
            """)

        @Option(parsing: .upToNextOption, help: "Applications to run.")
        var app: [ApplicationAnchor.App] = ApplicationAnchor.App.allCases
        @Option(parsing: .upToNextOption, help: "Client concurrency levels (requests in flight).")
        var concurrency: [Int] = [1, 10, 100]
        /// 15: with five pairs, 14 of 18 overheads' intervals contained zero; with 15, 9.
        @Option(help: "Repetitions (each runs every app, level and runtime once); each overhead's interval is over these pairs.")
        var reps: Int = 15
        @Option(help: "Requests in the measured phase of one run.")
        var requests: Int = 2000
        @Option(help: "Requests served before the measured phase.")
        var warmup: Int = 500
        @Option(help: "Storages of the traced app (its span storage plus k - 2 idle ones).")
        var storages: Int = 8
        @Option(help: "Seed for the bootstrap intervals.")
        var seed: UInt64 = 42
        @Option(help: "Folder to write anchor.csv and anchor-samples.csv into.")
        var out: String?
        @Flag(help: "Print progress on standard error even when it is not a terminal.")
        var progress = false

        func validate() throws {
            guard (1...1000).contains(reps) else { throw ValidationError("--reps must be between 1 and 1000, got \(reps)") }
            guard requests >= 1 else { throw ValidationError("--requests must be at least 1, got \(requests)") }
            guard warmup >= 0 else { throw ValidationError("--warmup must not be negative, got \(warmup)") }
            guard storages >= 2 else { throw ValidationError("--storages must be at least 2 (the traced app's span storage and one more), got \(storages)") }
            guard !concurrency.isEmpty, concurrency.allSatisfy({ (1...10_000).contains($0) }) else {
                throw ValidationError("--concurrency takes levels between 1 and 10000, got \(concurrency.map(String.init).joined(separator: " "))")
            }
            guard Set(concurrency).count == concurrency.count, Set(app).count == app.count else {
                throw ValidationError("--app and --concurrency must not repeat a value")
            }
            if let out {
                var isDirectory: ObjCBool = false
                let folder = ProjectRoot.resolve(out)
                if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), !isDirectory.boolValue {
                    throw ValidationError("--out \(out) is a file, not a folder")
                }
            }
        }

        func run() throws {
            let harness = ApplicationAnchorHarness.locate(root: ProjectRoot.path)
            for s in harness.skipped { printError("bench anchor: SKIP \(s.runtime.rawValue): \(s.reason)") }
            if let why = harness.unavailable { throw BenchError.message("bench anchor: \(why); nothing measured") }
            let plan = ApplicationAnchorHarness.Plan(apps: app, concurrency: concurrency, repetitions: reps,
                                                     requests: requests, warmup: warmup, storages: storages)
            let printer = ProgressPrinter(force: progress)
            let samples: [ApplicationAnchor.Sample]
            do {
                samples = try harness.measure(plan) { printer.finish("bench anchor: \($0)") }
            } catch {
                throw BenchError.message("bench anchor: \(error); nothing written")
            }
            let summary = ApplicationAnchor.summaryTable(samples, seed: seed)
            printTable(summary)
            guard let out else { return }
            let folder = ProjectRoot.resolve(out)
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                try AtomicFile.write(ApplicationAnchor.sampleTable(samples).encoded(), to: folder + "/anchor-samples.csv")
                try AtomicFile.write(summary.encoded(), to: folder + "/anchor.csv")
            } catch {
                throw BenchError.message("bench anchor: cannot write \(folder): \(error)")
            }
            print("bench anchor: wrote \(folder)/anchor.csv, \(folder)/anchor-samples.csv")
        }

        func printTable(_ table: CSVTable) {
            func cell(_ row: [String], _ name: String) -> String { row[table.column(name)!] }
            print("app      c    runtime        CPU ns/req [95 % CI]            ALS overhead ns/req [95 % CI]")
            for row in table.rows {
                let cpu = "\(cell(row, "cpu_ns_per_request")) [\(cell(row, "cpu_ns_per_request_ci_low")), \(cell(row, "cpu_ns_per_request_ci_high"))]"
                let overhead = cell(row, "als_overhead_ns_per_request").isEmpty ? "—"
                    : "\(cell(row, "als_overhead_ns_per_request")) [\(cell(row, "als_overhead_ci_low")), \(cell(row, "als_overhead_ci_high"))]"
                print([cell(row, "app").padding(toLength: 8, withPad: " ", startingAt: 0),
                       cell(row, "concurrency").padding(toLength: 4, withPad: " ", startingAt: 0),
                       cell(row, "runtime").padding(toLength: 14, withPad: " ", startingAt: 0),
                       cpu.padding(toLength: 31, withPad: " ", startingAt: 0), overhead].joined(separator: " "))
            }
        }
    }
}
