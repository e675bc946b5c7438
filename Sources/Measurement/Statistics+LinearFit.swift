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
        let n = Double(x.count)
        let meanX = x.reduce(0, +) / n
        let meanY = y.reduce(0, +) / n
        var sxx = 0.0
        var sxy = 0.0
        var syy = 0.0
        for (xi, yi) in zip(x, y) {
            sxx += (xi - meanX) * (xi - meanX)
            sxy += (xi - meanX) * (yi - meanY)
            syy += (yi - meanY) * (yi - meanY)
        }
        precondition(sxx > 0, "Statistics.linearFit: x is constant; the slope is undefined")
        let slope = sxy / sxx
        let intercept = meanY - slope * meanX
        var ssRes = 0.0
        for (xi, yi) in zip(x, y) {
            let r = yi - (slope * xi + intercept)
            ssRes += r * r
        }
        let r2 = syy > 0 ? 1 - ssRes / syy : 1
        return LinearFit(slope: slope, intercept: intercept, r2: r2, n: x.count)
    }
}
