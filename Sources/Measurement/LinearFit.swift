/// An ordinary-least-squares line `y = slope * x + intercept`, from
/// ``Statistics/linearFit(x:y:)``; used for cost-versus-k sweeps (Big-O
/// style) and criterion-style linear sampling.
public struct LinearFit: Equatable, Codable, Sendable {
    /// Change of `y` per unit of `x`.
    public var slope: Double
    /// `y` at `x == 0`.
    public var intercept: Double
    /// Coefficient of determination, `1 - SS_res / SS_tot` (1 when every `y`
    /// is equal and the fit is exact).
    public var r2: Double
    /// Number of points fitted.
    public var n: Int

    /// Creates a fit from its fields.
    public init(slope: Double, intercept: Double, r2: Double, n: Int) {
        self.slope = slope
        self.intercept = intercept
        self.r2 = r2
        self.n = n
    }

    /// The fitted `y` at `x`.
    public func predict(_ x: Double) -> Double { slope * x + intercept }
}
