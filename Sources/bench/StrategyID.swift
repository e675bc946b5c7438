import ArgumentParser
import Workloads

/// A strategy id on the command line, validated against the registry (the
/// ids the strategies declare, `StrategyRegistry`), so the parser rejects an
/// unknown one with exit 64 and the help lists them; no command keeps its own
/// list.
struct StrategyID: ExpressibleByArgument, Hashable, CustomStringConvertible {
    let id: String

    init?(argument: String) {
        guard StrategyCatalog.allMeasurableIDs.contains(argument) else { return nil }
        id = argument
    }

    var description: String { id }
    static var allValueStrings: [String] { StrategyCatalog.allMeasurableIDs }
    static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}

/// The registered ids as help text.
enum StrategyIDList {
    static var text: String { StrategyCatalog.allMeasurableIDs.joined(separator: ", ") }
}
