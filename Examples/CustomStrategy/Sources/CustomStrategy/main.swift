import Foundation
import ContextStrategies
import Measurement
import Reporting
import SemanticOracle
import Suites
import Workloads

/// The one registration line: the package's strategies plus this one. Every
/// list below (the oracle's strategies, the suite's) is derived from it.
typealias Strategies = BuiltInStrategies.And<SlotCarried<SortedArrayFrame>>

let mine = SortedArrayFrame.id
let catalogue = StrategyCatalogue(Strategies.self)
var failures = 0
func fail(_ message: String) {
    FileHandle.standardError.write(Data("FAIL \(message)\n".utf8))
    failures += 1
}

// 1. Semantics: the strategy must observe, in every scenario of the semantic
// matrix, what each built-in strategy declaring the same semantic profile
// observes. A profile no built-in declares has no expectation: that fails.
struct Observe: StrategyVisitor {
    func visit<S: ContextStrategy>(_ type: S.Type) -> [String] { SemanticMatrix.observe(S.self) }
}
let profile = catalogue.entry(for: mine)!.profile
let peers = catalogue.entries.filter { $0.id != mine && $0.profile.semantics == profile.semantics }.map(\.id)
if profile.semantics == nil || peers.isEmpty {
    fail("\(mine): no built-in strategy declares its semantic profile, so no scenario has an expectation for it")
}
let observed = Strategies.visit(id: mine, Observe())!
for peer in peers {
    let expected = Strategies.visit(id: peer, Observe())!
    for (scenario, (got, want)) in zip(SemanticMatrix.scenarios, zip(observed, expected)) where got != want {
        fail("\(mine) scenario \(scenario.id): observed '\(got)', \(peer) (same profile) observes '\(want)'")
    }
}
print("semantics: \(SemanticMatrix.scenarios.count) scenarios, compared with \(peers.joined(separator: ", "))")

// 2. The checksum oracle on every cell of the quick suite: the strategy must
// observe the contexts the faithful designs agree on.
let oracleStrategies = catalogue.faithfulIDs + [mine]
for cell in Suite.quick.cells {
    for verdict in try Oracle.check(cell, strategies: oracleStrategies, in: Strategies.self) where !verdict.ok {
        fail("oracle: \(cell.workload.rawValue) k=\(cell.parameters.storages) \(verdict.strategy): checksum \(verdict.checksum) differs from the majority")
    }
}
print("oracle: \(Suite.quick.cells.count) cells × \(oracleStrategies.count) strategies")

// 3. A quick measured suite beside the baseline and the design it varies.
// (Timing figures; `bench budgets` and callgrind give exact counts.)
let selection = RunSelection(suite: .quick, strategies: [StrategyCatalog.baselineID, ContinuationSlot.id, SlotHashMapCopy.id, mine],
                             workloads: [.promiseChain, .getStore, .runEnter], repetitions: 3)
let results = try StrategySuiteRunner(selection: selection, strategies: Strategies.self).run()
print("workload        k  strategy               status  median ns/op")
for r in results {
    let median = r.timing.map { String(format: "%.1f", $0.median) } ?? ""
    print("\(r.spec.workload.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)) \(String(r.spec.parameters.storages).padding(toLength: 2, withPad: " ", startingAt: 0)) "
          + "\(r.strategy.padding(toLength: 22, withPad: " ", startingAt: 0)) \(r.status.isOK ? "ok    " : "FAILED") \(median)")
    if !r.status.isOK { fail("suite: \(r.spec.workload.rawValue) \(r.strategy): \(r.status)") }
}

// 4. The results contract: summary.csv and run.json in results/ (the same
// columns as `bench run`), which `bench plot --results …/results` renders.
let folder = FileManager.default.currentDirectoryPath + "/results"
try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
let metadata = RunMetadata.collect(seed: selection.seed, commandLine: CommandLine.arguments,
                                   buildConfiguration: "release", workingDirectory: FileManager.default.currentDirectoryPath)
let writer = ResultsWriter(runID: metadata.runID, results: results, metadata: metadata, suite: selection.suite)
try AtomicFile.write(writer.summary().encoded(), to: folder + "/summary.csv")
try AtomicFile.write(metadata.jsonString(), to: folder + "/run.json")
print("results: \(folder)/summary.csv (\(results.count) rows); plot with: bench plot --results \(folder) --plots <dir>")
exit(failures == 0 ? 0 : 1)
