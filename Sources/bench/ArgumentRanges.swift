import ArgumentParser
import Foundation
import Workloads
import SemanticOracle
import Suites

/// The accepted range of every numeric argument, in one place: validation
/// checks against these and `--help` states them, so the two cannot drift.
/// Upper bounds keep every run finite (the largest `once` or `validate` run
/// they allow takes seconds to minutes, not forever).
enum ArgumentRanges {
    /// `--reps`: measured repetitions per cell.
    static let repetitions = 1...1_000
    /// `--ops`: operations of one `once` run.
    static let ops = 1...10_000_000
    /// `--storages` of `once` and `validate`, which run the workload at that k
    /// (`request-server` enters k storages per request, O(k²) copies for the
    /// frame designs; deep k also nests k `run` calls on the stack).
    static let executedStorages = 0...256
    /// `--storages` of `run`: a filter over the suite's cells.
    static let storagesFilter = 0...4_096
    /// `--concurrency`: requests in flight in `request-server`.
    static let concurrency = 1...100_000
    /// `--run-rate`: fraction of awaits preceded by a new `run`.
    static let runRate = 0.0...1.0
    /// Repetitions below this give a confidence interval that says nothing.
    static let fewRepetitions = 3

    static func text(_ r: ClosedRange<Int>) -> String {
        "\(r.lowerBound)…\(r.upperBound.formatted(.number.grouping(.never)))"
    }

    /// Throws a usage error unless `value` is in `range`.
    static func check(_ option: String, _ value: Int, in range: ClosedRange<Int>) throws {
        guard range.contains(value) else {
            throw ValidationError("\(option) must be in \(text(range)), got \(value)")
        }
    }

    /// Parses `--seed`: a decimal integer in 0…2^64 − 1.
    static func seed(_ argument: String) throws -> UInt64 {
        guard let seed = UInt64(argument) else {
            throw ValidationError("--seed must be a non-negative integer in 0…\(UInt64.max), got '\(argument)'")
        }
        return seed
    }

    /// Parses an integer option, so that `-1` is reported as out of range
    /// rather than as a missing value or an unknown option.
    static func integer(_ option: String) -> (String) throws -> Int {
        { argument in
            guard let value = Int(argument) else {
                throw ValidationError("\(option) must be an integer, got '\(argument)'")
            }
            return value
        }
    }

    /// `ids` without repeats (first occurrence kept), with a warning naming
    /// each repeated id; the Sampler requires distinct cells.
    static func deduplicated<T: Hashable & CustomStringConvertible>(_ ids: [T], option: String) -> (ids: [T], warnings: [String]) {
        var seen = Set<T>(), out: [T] = [], repeated: [T] = []
        for id in ids {
            if seen.insert(id).inserted { out.append(id) } else if !repeated.contains(id) { repeated.append(id) }
        }
        let warnings = repeated.map { "bench: \(option) lists \($0) more than once; using it once" }
        return (out, warnings)
    }

    /// The suites' default repetitions, for `--help`.
    static var suiteRepetitions: String {
        Suite.names.compactMap { name in Suite.named(name).map { "\(name) \($0.repetitions)" } }.joined(separator: ", ")
    }
}
