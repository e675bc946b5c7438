/// One timed batch of one cell.
public struct TimedSample: Equatable, Codable, Sendable {
    /// Round index, counting warm-up rounds first: warm-ups are
    /// `0 ..< plan.warmups`, measured rounds follow.
    public var repetition: Int
    /// Whether this batch belongs to a warm-up round (kept for inspection,
    /// excluded from ``CellSamples/measured``).
    public var isWarmup: Bool
    /// Iterations in the batch (the cell's calibrated count).
    public var iterations: Int
    /// Monotonic nanoseconds the batch took.
    public var totalNanos: UInt64
    /// `totalNanos / iterations`.
    public var nanosPerIteration: Double
    /// Position of this cell in its round's shuffled order (0-based).
    public var orderInRepetition: Int

    /// Creates a sample from its fields.
    public init(repetition: Int, isWarmup: Bool, iterations: Int, totalNanos: UInt64, nanosPerIteration: Double, orderInRepetition: Int) {
        self.repetition = repetition
        self.isWarmup = isWarmup
        self.iterations = iterations
        self.totalNanos = totalNanos
        self.nanosPerIteration = nanosPerIteration
        self.orderInRepetition = orderInRepetition
    }
}
