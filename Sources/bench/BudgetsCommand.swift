import ArgumentParser
import Foundation
import Measurement
import Reporting
import Workloads
import SemanticOracle
import Suites

extension Bench {
    /// Issue 11: exact per-operation budgets, checked in CI.
    struct Budgets: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check exact instruction and allocation budgets per operation (CI), or rewrite them with --update.",
            discussion: """
            Measures the budgeted figures — `none`'s marginal instructions and allocations per op on promise-chain, \
            await-loop and timer-burst, and each faithful strategy's extra instructions and allocations per \
            continuation over `none` on promise-chain and await-loop at k = 1 and 8 — under callgrind (one process \
            per strategy) and jemalloc, and compares them with the budgets file. Exits 1 naming every cell, figure \
            and budget exceeded by more than the file's tolerance (default 3 %). Counts are exact, so a figure \
            below its budget is reported as a chance to tighten it.

            When a change is meant to move a budget (a faster host, a new strategy design), run \
            `bench budgets --update` and commit budgets.json with the change.
            """)

        @Option(help: "Budgets file.") var file: String = BudgetFile.defaultPath
        @Flag(help: "Rewrite the budgets file from this measurement (atomically), keeping its tolerance.") var update = false
        @Option(help: "Callgrind processes at once (default: the number of cores).")
        var instructionJobs: Int = ProcessInfo.processInfo.activeProcessorCount

        func validate() throws {
            guard instructionJobs >= 1 else { throw ValidationError("--instruction-jobs must be at least 1, got \(instructionJobs)") }
            guard CallgrindLauncher.locateValgrind() != nil else {
                throw ValidationError("bench budgets needs valgrind, which is not on PATH; \(CallgrindLauncher.installHint)")
            }
        }

        func run() throws {
            try BuildGuard.check()
            let path = ProjectRoot.resolve(file)
            // Read (and reject a malformed file) before measuring anything.
            let existing: BudgetFile? = FileManager.default.fileExists(atPath: path) ? try load(path) : nil
            if !update && existing == nil {
                throw BenchError.message("bench budgets: \(path): no such file; create it with `bench budgets --update`")
            }
            let entries = BudgetCells.entries
            let started = MonotonicClock.now()
            // Two processes per strategy, as when budgets.json was written: a count
            // also depends, by up to a few per cent at these short runs, on which
            // cells ran before it in the same process (allocator and queue state),
            // so the split is part of the measurement and stays fixed.
            let answers = try InstructionPassRunner.run(BudgetCells.instructionItems(entries), jobs: instructionJobs, chunksPerStrategy: 2)
            let measured: [String: Double]
            do { measured = try BudgetCells.measure(entries, instructions: answers) } catch { throw BenchError.message("bench budgets: \(error)") }
            let seconds = Double(MonotonicClock.now() - started) / 1e9

            if update {
                // Rounded to 1e-6 (the counts are exact; this only drops binary-fraction noise from the file).
                let budgets = entries.map { BudgetFile.Budget(id: $0.id, value: (measured[$0.id]! * 1e6).rounded() / 1e6) }
                let file = BudgetFile(tolerance: existing?.tolerance ?? BudgetFile.defaultTolerance,
                                      lowOps: BudgetCells.lowOps, highOps: BudgetCells.highOps, budgets: budgets)
                try AtomicFile.write(file.encoded(), to: path)
                print(String(format: "bench budgets: wrote %d budgets to %@ (measured in %.1f s)", budgets.count, path, seconds))
                return
            }
            let budgets = existing!
            guard budgets.lowOps == BudgetCells.lowOps, budgets.highOps == BudgetCells.highOps else {
                throw BenchError.message("bench budgets: \(path) holds figures at \(budgets.lowOps)/\(budgets.highOps) ops, "
                    + "this bench measures at \(BudgetCells.lowOps)/\(BudgetCells.highOps); run `bench budgets --update`")
            }
            let lines = budgets.check(measured, expected: entries.map(\.id))
            for line in lines { print(line.message) }
            let failed = lines.filter(\.failed)
            print(String(format: "bench budgets: %d of %d figures within %.0f %% of their budget (%@, measured in %.1f s)",
                         lines.count - failed.count, lines.count, budgets.tolerance * 100, file, seconds))
            if !failed.isEmpty {
                printError("bench budgets: \(failed.count) budget(s) exceeded:")
                for line in failed { printError("  " + line.message) }
                printError("If the change is meant to cost this, run `bench budgets --update` and commit \(file).")
                throw ExitCode(1)
            }
        }

        func load(_ path: String) throws -> BudgetFile {
            do { return try BudgetFile.load(path) } catch { throw BenchError.message("bench budgets: \(error)") }
        }
    }
}
