/// One thing to time: an identifier and a batch function.
///
/// `run(iterations)` performs the measured operation `iterations` times and
/// returns a checksum derived from the work (for example a sum of results).
/// The ``Sampler`` passes the checksum to ``blackHole(_:)`` so the optimizer
/// cannot delete the work; the cell should fold each iteration's result into
/// it for the same reason. A loop the optimizer can reduce to a closed form
/// (for example summing `0 ..< n`) no longer scales with `iterations`; its
/// calibration then ends at ``Sampler/maxCalibratedIterations``, which is the
/// sign to make the work opaque (``blackHole(_:)`` inside the loop, or inputs
/// the compiler cannot see).
public struct TimedCell {
    /// Identifier, unique within one ``Sampler/measure(_:plan:progress:)`` call.
    public let id: String
    /// Runs the operation `iterations` times; returns a checksum of the work.
    public let run: (_ iterations: Int) -> UInt64

    /// Creates a cell.
    public init(id: String, run: @escaping (Int) -> UInt64) {
        self.id = id
        self.run = run
    }
}
