/// Why a ``SamplingPlan`` was rejected.
public enum PlanError: Error, Equatable, CustomStringConvertible {
    /// `repetitions` was below 1: there would be nothing to report.
    case repetitionsBelowOne(Int)
    /// `warmups` was negative.
    case negativeWarmups(Int)
    /// `minSampleNanos` was 0: calibration needs a positive target duration.
    case zeroMinimumSampleDuration

    /// A message that names the parameter, the bad value, and what is allowed.
    public var description: String {
        switch self {
        case .repetitionsBelowOne(let n):
            return "SamplingPlan: repetitions must be at least 1 (got \(n))"
        case .negativeWarmups(let n):
            return "SamplingPlan: warmups must be 0 or more (got \(n))"
        case .zeroMinimumSampleDuration:
            return "SamplingPlan: minSampleNanos must be greater than 0 (it is the target duration of one timed batch)"
        }
    }
}

/// How the ``Sampler`` times cells: warm-up rounds (recorded, excluded from
/// statistics), measured repetitions, the target duration of one timed
/// batch, and the seed of the per-round interleaving order.
public struct SamplingPlan: Equatable, Sendable {
    /// Warm-up rounds run before the measured ones (each round times every
    /// cell once).
    public var warmups: Int
    /// Measured rounds.
    public var repetitions: Int
    /// Calibration target: a cell's iteration count is doubled until one
    /// batch takes at least this long.
    public var minSampleNanos: UInt64
    /// Seed of the generator that shuffles the cell order of every round.
    public var seed: UInt64

    /// Creates a plan, rejecting nonsense.
    ///
    /// - Throws: ``PlanError`` when `repetitions < 1`, `warmups < 0`, or
    ///   `minSampleNanos == 0`.
    public init(warmups: Int = 1, repetitions: Int = 10, minSampleNanos: UInt64 = 10_000_000, seed: UInt64 = 42) throws {
        guard repetitions >= 1 else { throw PlanError.repetitionsBelowOne(repetitions) }
        guard warmups >= 0 else { throw PlanError.negativeWarmups(warmups) }
        guard minSampleNanos > 0 else { throw PlanError.zeroMinimumSampleDuration }
        self.warmups = warmups
        self.repetitions = repetitions
        self.minSampleNanos = minSampleNanos
        self.seed = seed
    }

    /// Total rounds, warm-ups included.
    public var rounds: Int { warmups.addingReportingOverflow(repetitions).overflow ? Int.max : warmups + repetitions }
}
