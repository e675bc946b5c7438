import ContextStrategies

/// The oracle in the loop: faithful strategies must observe the same contexts.
public enum Oracle {
    /// Marks every faithful result whose checksum differs from the strict
    /// majority's (all of them when there is no majority). `none` is exempt.
    static func judge(_ results: inout [CellResult]) {
        let faithful = results.indices.filter { results[$0].strategy != StrategyCatalog.baselineID && results[$0].status.isOK }
        guard faithful.count > 1 else { return }
        var votes: [UInt64: Int] = [:]
        for i in faithful { votes[results[i].outcome!.checksum, default: 0] += 1 }
        let (winner, count) = votes.max { $0.value < $1.value }!
        let majority = count * 2 > faithful.count ? winner : nil
        for i in faithful where results[i].outcome!.checksum != majority {
            results[i].status = .checksumMismatch(expected: majority ?? 0, got: results[i].outcome!.checksum)
        }
    }

    public struct Verdict: Sendable { public let strategy: String; public let checksum: UInt64; public let ok: Bool }

    /// Runs `cell` once under each strategy (ids of `list`, the built-in
    /// strategies unless given) and applies the oracle.
    public static func check<L: StrategyList>(_ cell: CellSpec, strategies: [String], in list: L.Type = BuiltInStrategies.self) throws -> [Verdict] {
        var results = try strategies.map { id in
            CellResult(spec: cell, strategy: id, status: .ok,
                       outcome: try L.visitRegistered(id, SingleRun(workload: cell.workload, parameters: cell.parameters)))
        }
        judge(&results)
        return results.map { Verdict(strategy: $0.strategy, checksum: $0.outcome!.checksum, ok: $0.status.isOK) }
    }
}
