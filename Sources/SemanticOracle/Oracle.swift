import ContextStrategies
import Workloads

/// The oracle in the loop: faithful strategies must observe the same contexts.
public enum Oracle {
    /// The majority rule every harness judges by (suites, `bench validate`,
    /// trace replay): of the checksums of the judged runs (the faithful
    /// strategies' successful runs; `none` is exempt), the strict majority's,
    /// and the positions that differ from it (all of them when there is no
    /// strict majority). Fewer than two judged runs: nothing to compare.
    ///
    /// - Complexity: O(n).
    public static func vote(_ checksums: [UInt64]) -> (majority: UInt64?, dissenting: [Int]) {
        guard checksums.count > 1 else { return (checksums.first, []) }
        var votes: [UInt64: Int] = [:]
        for c in checksums { votes[c, default: 0] += 1 }
        let (winner, count) = votes.max { $0.value < $1.value }!
        let majority = count * 2 > checksums.count ? winner : nil
        return (majority, checksums.indices.filter { checksums[$0] != majority })
    }

    public struct Verdict: Sendable { public let strategy: String; public let checksum: UInt64; public let ok: Bool }

    /// Runs `cell` once under each strategy (ids of `list`, the built-in
    /// strategies unless given) and applies the oracle.
    public static func check<L: StrategyList>(_ cell: CellSpec, strategies: [String], in list: L.Type = BuiltInStrategies.self) throws -> [Verdict] {
        let checksums = try strategies.map { try L.visitRegistered($0, SingleRun(cell: cell)).checksum }
        let judged = strategies.indices.filter { strategies[$0] != StrategyCatalog.baselineID }
        let dissenting = Set(vote(judged.map { checksums[$0] }).dissenting.map { judged[$0] })
        return strategies.indices.map { Verdict(strategy: strategies[$0], checksum: checksums[$0], ok: !dissenting.contains($0)) }
    }
}
