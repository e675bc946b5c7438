/// Everything the ``Sampler`` recorded for one cell.
public struct CellSamples: Equatable, Codable, Sendable {
    /// The cell's identifier.
    public var id: String
    /// The calibrated iteration count used for every batch.
    public var iterations: Int
    /// Every batch in the order it ran, warm-ups included.
    public var samples: [TimedSample]

    /// Creates a record from its fields.
    public init(id: String, iterations: Int, samples: [TimedSample]) {
        self.id = id
        self.iterations = iterations
        self.samples = samples
    }

    /// Nanoseconds per iteration of the non-warm-up batches, in run order:
    /// the input to ``Statistics/summarize(_:seed:resamples:confidence:)``.
    ///
    /// - Complexity: O(samples).
    public var measured: [Double] {
        samples.lazy.filter { !$0.isWarmup }.map(\.nanosPerIteration)
    }

    /// Nanoseconds per iteration of the warm-up batches, in run order.
    public var warmups: [Double] {
        samples.lazy.filter(\.isWarmup).map(\.nanosPerIteration)
    }
}
