extension Statistics {
    /// Ordinary least squares of `y` on `x`, with R².
    ///
    /// - Precondition: `x.count == y.count >= 2`, finite values, and `x` not
    ///   constant.
    /// - Complexity: O(n).
    public static func linearFit(x: [Double], y: [Double]) -> LinearFit {
        precondition(x.count == y.count, "Statistics.linearFit: x and y must have the same length")
        precondition(x.count >= 2, "Statistics.linearFit: need at least two points")
        precondition(x.allSatisfy { $0.isFinite } && y.allSatisfy { $0.isFinite }, "Statistics.linearFit: values must be finite")
        guard let fit = LinearFit(zip(x, y).map { (x: $0, y: $1) }) else {
            preconditionFailure("Statistics.linearFit: x is constant; the slope is undefined")
        }
        return fit
    }
}

extension LinearFit {
    /// Ordinary least squares of the finite points (others are skipped, so a
    /// results table with empty cells can be fitted as it is), with R².
    ///
    /// `nil` for fewer than two finite points or when every `x` is equal
    /// (the slope is undefined).
    ///
    /// - Complexity: O(n).
    public init?(_ points: [(x: Double, y: Double)]) {
        let pts = points.filter { $0.x.isFinite && $0.y.isFinite }
        guard pts.count >= 2 else { return nil }
        let n = Double(pts.count)
        let meanX = pts.reduce(0) { $0 + $1.x } / n
        let meanY = pts.reduce(0) { $0 + $1.y } / n
        var sxx = 0.0
        var sxy = 0.0
        var syy = 0.0
        for p in pts {
            sxx += (p.x - meanX) * (p.x - meanX)
            sxy += (p.x - meanX) * (p.y - meanY)
            syy += (p.y - meanY) * (p.y - meanY)
        }
        guard sxx > 0 else { return nil }
        let slope = sxy / sxx
        let intercept = meanY - slope * meanX
        var ssRes = 0.0
        for p in pts {
            let r = p.y - (slope * p.x + intercept)
            ssRes += r * r
        }
        self.init(slope: slope, intercept: intercept, r2: syy > 0 ? 1 - ssRes / syy : 1, n: pts.count)
    }
}
