import ArgumentParser
import Foundation
import Measurement
import Replay
import Reporting

/// `bench replay --instructions`: every trace's replays counted exactly
/// under callgrind, one child process per trace (``CallgrindPool``, as many
/// at once as there are cores), so valgrind's start-up is paid once per
/// trace and the counts do not depend on which traces ran before.
///
/// The child's arguments name only files in the pass's scratch directory
/// (fixed-width paths): the argument vector's length moves the child's stack
/// and with it the alignment-dependent paths inside the counted span
/// (``CallgrindLauncher/scratchDirectoryPath(_:)``), so a trace's count must
/// not depend on where the user keeps it.
enum ReplayInstructionPass {
    /// What one child is asked to count.
    struct Job: Codable {
        var trace: String
        var strategies: [String]
    }

    /// The counts per trace, in `traces` order.
    static func run(traces: [String], strategies: [String], jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                    progress: @escaping @Sendable (String) -> Void) throws -> [[ReplayInstructionCount]?] {
        let (directory, program) = try CallgrindPool.scratchCopyOfSelf("replay-pass")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var argumentLists: [[String]] = []
        for (index, trace) in traces.enumerated() {
            let jobFile = "\(directory)/job-\(index).json"
            do { try JSONEncoder().encode(Job(trace: URL(fileURLWithPath: trace).standardizedFileURL.path, strategies: strategies)).write(to: URL(fileURLWithPath: jobFile)) } catch {
                throw BenchError.message("bench replay: cannot write \(jobFile): \(error)")
            }
            argumentLists.append(["replay-instruction-pass", "--job", jobFile, "--answers", "\(directory)/answers-\(index).json"])
        }
        let started = MonotonicClock.now(), count = traces.count
        let names = traces.map { ($0 as NSString).lastPathComponent }
        progress("bench replay: counting instructions under callgrind (\(count) trace(s), \(strategies.count) strategies each)")
        let exits: [CallgrindPool.Exit?]
        do {
            exits = try CallgrindPool.run(program, argumentLists, jobs: jobs) { index, _, finished in
                progress(String(format: "bench replay: instructions of %@ counted (%d/%d traces, %.0f s elapsed)",
                                names[index], finished.count, count, Double(MonotonicClock.now() - started) / 1e9))
            }
        } catch { throw BenchError.message("bench replay: \(error)") }
        return try exits.enumerated().map { index, exit in
            try exit.map { try CallgrindPool.answers(of: $0, in: argumentLists[index].last!, as: [ReplayInstructionCount].self, what: traces[index]) }
        }
    }
}

extension Bench {
    /// The child side of ``ReplayInstructionPass``; `bench replay` starts it under callgrind.
    struct ReplayInstructionPassCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "replay-instruction-pass",
            abstract: "Internal: count the instructions of one trace's replays (run under valgrind --tool=callgrind by bench replay).",
            shouldDisplay: false)
        @Option(help: "JSON job: the trace and the strategies.") var job: String
        @Option(help: "Where to write the JSON answers.") var answers: String

        func run() throws {
            guard let data = FileManager.default.contents(atPath: job),
                  let job = try? JSONDecoder().decode(ReplayInstructionPass.Job.self, from: data) else {
                throw BenchError.message("bench replay-instruction-pass: cannot read the job \(self.job)")
            }
            let program: ReplayProgram
            do { program = ReplayProgram(try Trace.read(path: job.trace)) } catch {
                throw BenchError.message("bench replay-instruction-pass: \(job.trace): \(error)")
            }
            let counts: [ReplayInstructionCount]
            do { counts = try ReplayBenchmark.countInstructions(program, strategies: job.strategies) } catch {
                throw BenchError.message("bench replay-instruction-pass: \(error)")
            }
            try AtomicFile.write(String(decoding: try JSONEncoder().encode(counts), as: UTF8.self), to: answers)
        }
    }
}
