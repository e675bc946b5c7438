import ArgumentParser
import Foundation

@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "AsyncContextBench: measure async-context propagation strategies on a simulated JavaScript host.",
        discussion: """
        With no subcommand, runs the standard suite (`bench run --suite standard`): every workload under every \
        strategy, checked by the semantic oracle, measured (time, exact allocations, latency, retained memory), \
        written to Results/<suite>/ and charted into plots/<suite>/.

        Measurements always come from a release build: a debug build of `bench` asked to measure \
        re-runs itself as `swift run -c release bench …`.

        Strategies: \(StrategyIDList.text)
        Workloads and suites: see `bench list`.
        """,
        subcommands: [Run.self, List.self, Validate.self, Once.self, Plot.self, Report.self, FramesReport.self, FidelityRun.self, ReplayTrace.self,
                      Budgets.self, CompareRuns.self, Floor.self, AnchorCommand.self, InstructionPassCommand.self,
                      ReplayInstructionPassCommand.self],
        defaultSubcommand: Run.self
    )

    static func main() {
        ReleaseRedirect.ifNeeded()
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let message = unknownHelpTopic(arguments) {
            printError("Error: \(message)")
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            let (message, code) = outcome(of: error)
            if !message.isEmpty { (code == 0 ? { print($0) } : printError)(message) }
            Foundation.exit(code)
        }
    }

    /// The message and exit status for an error of `parseAsRoot` or `run`:
    /// 64 for usage errors (with the usage line of the subcommand that was
    /// parsed, never the root's), 1 for failures, 0 for help.
    static func outcome(of error: Error) -> (message: String, code: Int32) {
        switch error {
        case let e as BenchError: return (e.description, e.exitCode)
        case let e as ValidationError:
            // Thrown by a run() after parsing: no usage line is known to be the right one.
            return ("Error: \(e.message)", ExitCode.validationFailure.rawValue)
        default: return (fullMessage(for: error), exitCode(for: error).rawValue)
        }
    }

    /// `bench help nosuch`: ArgumentParser would print the root help and exit 0.
    static func unknownHelpTopic(_ arguments: [String]) -> String? {
        guard arguments.first == "help", arguments.count > 1 else { return nil }
        let names = Set(configuration.subcommands.map { $0._commandName })
        for topic in arguments.dropFirst() where !topic.hasPrefix("-") && !names.contains(topic) {
            return "no such subcommand '\(topic)'; subcommands: \(configuration.subcommands.map { $0._commandName }.joined(separator: ", "))"
        }
        return nil
    }
}

/// A debug build must not report figures. Debug builds compile each file on
/// its own (no whole-module optimization), so even with `-O` their numbers
/// are not the design's. Asked to measure, a debug `bench` hands over to the
/// release build with the same arguments.
enum ReleaseRedirect {
    static func ifNeeded() {
        #if DEBUG
        let args = Array(CommandLine.arguments.dropFirst())
        let measuring = args.first.map { $0 == "run" || $0.hasPrefix("-") } ?? true
        let wantsHelp = args.contains { $0 == "--help" || $0 == "-h" }
        guard measuring, !wantsHelp else { return }
        let command = ["swift", "run", "-c", "release", "bench"] + args
        printError("bench: this is a debug build; measuring with the release build instead: \(command.joined(separator: " "))")
        FileManager.default.changeCurrentDirectoryPath(ProjectRoot.path)
        let argv = command.map { strdup($0) } + [nil]
        execvp("swift", argv)
        printError("bench: could not start `swift` (\(String(cString: strerror(errno)))); run: \(command.joined(separator: " "))")
        Foundation.exit(1)
        #endif
    }
}
