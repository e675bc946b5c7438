import ArgumentParser
import Foundation
import Measurement
import Reporting
import Workloads
import SemanticOracle
import Suites

/// `--instructions` (bench run, bench once): exact marginal instructions per
/// operation from callgrind, beside the time and allocation figures.
struct InstructionOptions: ParsableArguments {
    @Flag(help: """
        Also count exact instructions per operation under valgrind's callgrind: each (cell, strategy) at \
        half and all of its operations (capped at the quick suite's length, and for an expensive cell at \
        about \(InstructionPass.suiteInstructionBudget / 1_000_000) million instructions of operations a run, sized from two counted probes, never below 200 operations or one request per concurrent slot: counts are exact and linear), \
        (high - low) / (ops difference), so setup cancels out. Fills \
        instructions_per_op (empty when not measured). One valgrind process per strategy.
        """)
    var instructions = false
    @Option(help: "Callgrind processes at once for --instructions (default: the number of cores).")
    var instructionJobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard instructionJobs >= 1 else { throw ValidationError("--instruction-jobs must be at least 1, got \(instructionJobs)") }
        if instructions, CallgrindLauncher.locateValgrind() == nil {
            throw ValidationError("--instructions needs valgrind, which is not on PATH; \(CallgrindLauncher.installHint)")
        }
    }

    /// Runs the instruction pass for every ok result (when asked), fills
    /// their counts, and records the measured metrics in `metadata`.
    func fill(_ results: inout [CellResult], _ metadata: inout RunMetadata, progress: ProgressPrinter) throws {
        metadata.pinnedCPU = CPUAffinity.pinnedCPU
        metadata.metrics = ["time"] + (AllocationProbe.shared == nil ? [] : ["allocations"])
        guard instructions else { return }
        let items = results.filter { $0.status.isOK }.map { InstructionPass.Item.suiteCell($0.spec, strategy: $0.strategy) }
        let started = MonotonicClock.now()
        // Four processes per strategy: the request-server cells at k = 64 and
        // 128 outweigh the rest, and finer chunks keep both cores busy to the end.
        let answers = try InstructionPassRunner.run(items, jobs: instructionJobs, chunksPerStrategy: 4) { progress.finish($0) }
        progress.finish(String(format: "bench: instruction pass (%d cells under callgrind) took %.1f s",
                               items.count, Double(MonotonicClock.now() - started) / 1e9))
        for answer in answers {
            guard let i = results.firstIndex(where: { $0.spec == answer.item.cell && $0.strategy == answer.item.strategy }) else { continue }
            if let error = answer.error {
                printError("bench: instructions of \(answer.item.cell.workload.rawValue) k=\(answer.item.cell.parameters.storages) \(answer.item.strategy) not measured: \(error)")
            }
            results[i].instructions = answer.instructions
        }
        metadata.metrics.append("instructions")
        metadata.instructionPass = "callgrind; marginal instructions per op between runs of half and all of N operations, N = min(ops, the quick suite's ops for the workload), shortened for expensive cells so the operations of a run take about \(InstructionPass.suiteInstructionBudget) instructions (two counted probes, of the minimum length and twice it, estimate the marginal cost per op) but never below Suite.minimumInstructionOps (200; 1 request per concurrent slot; 2 context changes); one uncounted warm-up run of N first; each counted run from a fresh jemalloc thread cache and a purged arena"

    }
}

/// Starts `bench instruction-pass` under callgrind and collects the answers
/// in item order. Each strategy's items go to `chunksPerStrategy` processes
/// (contiguous slices, so the split, and with it every count, is the same
/// from run to run); at most `jobs` run at once, the next starting as soon
/// as one ends, so one expensive strategy does not hold a core idle.
/// The split is by item count, so each process still pays valgrind's
/// start-up (a second or two) for dozens of cells.
enum InstructionPassRunner {
    /// ``shared(_:jobs:chunksPerStrategy:progress:)``, then every count whose
    /// setup did not cancel recounted in a process of its own, with four
    /// times the instruction budget where the cell has one.
    ///
    /// A run's setup is counted in both of its runs and cancels only if it
    /// costs the same both times. Where it is large (continuation-slot at
    /// k = 128 enters 128 storages, two 128-entry frame copies each: tens of
    /// millions of instructions) and the cell ran after dozens of others in
    /// the same process, the allocator's state left by those cells made the
    /// two setups differ by more than the marginal work itself: measured, four
    /// negative marginal counts in the standard suite (get-store
    /// k = 128: -2,049 per op shared, +161.4 in a process of its own), and, in
    /// a variant of the probes, counts below `none`'s in the same cell
    /// (timer-burst k = 128 continuation-slot 71.8 per op against 717.8).
    /// Either is impossible for the work itself: every strategy does what
    /// `none` does and more. So a count that is negative, or below the same
    /// cell's `none` count, is recounted; one still so alone is reported as
    /// not measured, never as a number.
    static func run(_ items: [InstructionPass.Item], jobs: Int, chunksPerStrategy: Int,
                    progress: ((String) -> Void)? = nil) throws -> [InstructionPass.Answer] {
        var answers = try shared(items, jobs: jobs, chunksPerStrategy: chunksPerStrategy, progress: progress)
        let suspect = answers.indices.filter { impossibility(of: answers[$0], among: answers) != nil }
        guard !suspect.isEmpty else { return answers }
        progress?("bench: instruction pass: \(suspect.count) count(s) whose setup did not cancel (negative, or below none's), recounted each in its own process")
        let longer = suspect.map { index -> InstructionPass.Item in
            var item = answers[index].item
            item.instructionBudget = item.instructionBudget.map { $0 * 4 }
            return item
        }
        let alone = try shared(longer, jobs: jobs, chunksPerStrategy: suspect.count, progress: progress)
        for (index, answer) in zip(suspect, alone) {
            answers[index] = answer
        }
        for index in suspect {
            if let reason = impossibility(of: answers[index], among: answers) {
                answers[index].instructions = nil
                answers[index].error = reason + " even in a process of its own: the run's setup does not cancel"
            }
        }
        return answers
    }

    /// Why `answer`'s count cannot be the work's (nil when it can be): a
    /// negative marginal count, or one below the count of `none` on the same
    /// cell and path among `answers`.
    static func impossibility(of answer: InstructionPass.Answer, among answers: [InstructionPass.Answer]) -> String? {
        guard let count = answer.instructions else { return nil }
        if count.high < count.low {
            return "the marginal count is negative (\(count.low) instructions for \(count.lowOps) ops, \(count.high) for \(count.highOps))"
        }
        guard answer.item.strategy != StrategyCatalog.baselineID,
              let baseline = answers.first(where: {
                  $0.item.strategy == StrategyCatalog.baselineID && $0.item.cell == answer.item.cell && $0.item.timedPath == answer.item.timedPath
              })?.instructions, baseline.high >= baseline.low, count.perOp < baseline.perOp
        else { return nil }
        return "the marginal count, \(String(format: "%.1f", count.perOp)) per op, is below none's \(String(format: "%.1f", baseline.perOp)) on the same cell"
    }

    static func shared(_ items: [InstructionPass.Item], jobs: Int, chunksPerStrategy: Int,
                       progress: ((String) -> Void)? = nil) throws -> [InstructionPass.Answer] {
        guard !items.isEmpty else { return [] }
        // Grouped by strategy, and timed-path items apart: a short run's count
        // depends on the items before it in its process, so adding the timed
        // path's items to `none`'s processes moved `none`'s own counts (by
        // 1.8 % on promise-chain k = 1) and every extra over it.
        var strategies: [[InstructionPass.Item]] = []
        for item in items {
            if let g = strategies.firstIndex(where: { $0[0].strategy == item.strategy && $0[0].timedPath == item.timedPath }) {
                strategies[g].append(item)
            } else {
                strategies.append([item])
            }
        }
        var chunks: [[InstructionPass.Item]] = []
        for group in strategies {
            let size = (group.count + chunksPerStrategy - 1) / chunksPerStrategy
            chunks += stride(from: 0, to: group.count, by: size).map { Array(group[$0..<min(group.count, $0 + size)]) }
        }
        let (directory, program) = try CallgrindPool.scratchCopyOfSelf("instruction-pass")
        defer { try? FileManager.default.removeItem(atPath: directory) }

        var argumentLists: [[String]] = []
        for (index, chunk) in chunks.enumerated() {
            let itemsFile = "\(directory)/items-\(index).json"
            do { try JSONEncoder().encode(chunk).write(to: URL(fileURLWithPath: itemsFile)) } catch {
                throw BenchError.message("bench: cannot write \(itemsFile): \(error)")
            }
            argumentLists.append(["instruction-pass", "--items", itemsFile, "--answers", "\(directory)/answers-\(index).json"])
        }
        let itemCount = items.count, chunkCount = chunks.count, sizes = chunks.map(\.count), names = chunks.map { $0[0].strategy }
        let started = MonotonicClock.now()
        let exits: [CallgrindPool.Exit?]
        do {
            exits = try CallgrindPool.run(program, argumentLists, jobs: jobs) { index, _, finished in
                let done = finished.reduce(0) { $0 + sizes[$1] }
                let elapsed = Double(MonotonicClock.now() - started) / 1e9
                let left = elapsed / Double(done) * Double(itemCount - done)
                progress?(String(format: "bench: instruction pass %d/%d cells (%d/%d callgrind processes; %@ done) %.0fs elapsed, ~%.0fs left",
                                 done, itemCount, finished.count, chunkCount, names[index], elapsed, left))
            }
        } catch { throw BenchError.message("bench: \(error)") }
        var answers: [InstructionPass.Answer] = []
        for (index, exit) in exits.enumerated() {
            guard let exit else { continue }
            answers += try CallgrindPool.answers(of: exit, in: argumentLists[index].last!, as: [InstructionPass.Answer].self, what: names[index])
        }
        guard answers.count == items.count else {
            throw BenchError.message("bench: the callgrind pass answered \(answers.count) of \(items.count) cells")
        }
        return answers
    }
}

extension Bench {
    /// The child side of the instruction pass; `bench` starts it under callgrind.
    struct InstructionPassCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "instruction-pass",
            abstract: "Internal: count the instructions of the given cells (run under valgrind --tool=callgrind by bench itself).",
            shouldDisplay: false)
        @Option(help: "JSON array of items to count.") var items: String
        @Option(help: "Where to write the JSON answers.") var answers: String

        func run() throws {
            guard let data = FileManager.default.contents(atPath: items) else {
                throw BenchError.message("bench instruction-pass: cannot read \(items)")
            }
            let list: [InstructionPass.Item]
            do { list = try JSONDecoder().decode([InstructionPass.Item].self, from: data) } catch {
                throw BenchError.message("bench instruction-pass: \(items) is not a list of items: \(error)")
            }
            let result: [InstructionPass.Answer]
            do { result = try InstructionPass.count(list) } catch { throw BenchError.message("bench: \(error)") }
            try AtomicFile.write(String(decoding: try JSONEncoder().encode(result), as: UTF8.self), to: answers)
        }
    }
}

extension InstructionOptions {
    /// `bench once`: the instruction count of its run. Under callgrind already
    /// (a manual `valgrind --tool=callgrind bench once …`), counts a second,
    /// warm run of the same cell in this process; with `--instructions`, runs
    /// the cell under callgrind at two operation counts and adds the marginal
    /// figure; otherwise says how to get one.
    func reportOnce(_ cell: CellSpec, strategy: String) throws {
        let ops = cell.parameters.ops
        if let counter = InstructionCounter() {
            let (_, n) = try counter.measure("once") { try MeasuredEntryPoints.once(cell, strategy: strategy) }
            print(String(format: "  instructions %llu for one warm run of %d ops (setup included: %.1f/op)", n, ops, Double(n) / Double(ops)))
        } else if instructions {
            let item = InstructionPass.Item(cell: cell, strategy: strategy)
            guard let answer = try InstructionPassRunner.run([item], jobs: 1, chunksPerStrategy: 1).first else {
                throw BenchError.message("bench once: the callgrind pass returned nothing")
            }
            guard let m = answer.instructions else {
                throw BenchError.message("bench once: instructions not measured: \(answer.error ?? "unknown error")")
            }
            print(String(format: "  instructions %llu for a run of %d ops, %llu for %d; marginal %.3f/op (callgrind)",
                         m.high, m.highOps, m.low, m.lowOps, m.perOp))
        } else {
            print("  instructions: not measured (pass --instructions to count them under callgrind)")
        }
    }
}
