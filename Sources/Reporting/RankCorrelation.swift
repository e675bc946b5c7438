/// Spearman's rank correlation ρ: Pearson's correlation of the ranks (ties
/// get their mean rank). 1 when the two figures order the cells the same way.
enum RankCorrelation {
    /// `nil` for fewer than three pairs or when either side has no spread.
    ///
    /// - Complexity: O(n log n).
    static func spearman(_ pairs: [(x: Double, y: Double)]) -> Double? {
        let pts = pairs.filter { $0.x.isFinite && $0.y.isFinite }
        guard pts.count >= 3 else { return nil }
        let rx = ranks(pts.map(\.x)), ry = ranks(pts.map(\.y))
        let n = Double(pts.count)
        let mx = rx.reduce(0, +) / n, my = ry.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (a, b) in zip(rx, ry) {
            sxy += (a - mx) * (b - my)
            sxx += (a - mx) * (a - mx)
            syy += (b - my) * (b - my)
        }
        guard sxx > 0, syy > 0 else { return nil }
        return sxy / (sxx * syy).squareRoot()
    }

    /// 1-based ranks, ties averaged.
    static func ranks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var result = [Double](repeating: 0, count: values.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && values[order[j + 1]] == values[order[i]] { j += 1 }
            let mean = Double(i + j + 2) / 2
            for k in i...j { result[order[k]] = mean }
            i = j + 1
        }
        return result
    }
}
