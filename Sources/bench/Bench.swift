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

        Strategies: \(StrategyList.text)
        Workloads and suites: see `bench list`.
        """,
        subcommands: [Run.self, List.self, Validate.self, Once.self, Plot.self, Report.self, FramesReport.self,
                      Budgets.self, CompareRuns.self, InstructionPassCommand.self],
        defaultSubcommand: Run.self
    )

    static func main() {
        ReleaseRedirect.ifNeeded()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if let e = error as? BenchError { printError(e.description); Foundation.exit(1) }
            exit(withError: error)
        }
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
