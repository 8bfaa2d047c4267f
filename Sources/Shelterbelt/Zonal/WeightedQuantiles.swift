/// Coverage-weighted quantiles as exactextract computes them (`weighted_quantiles.cpp`, after wsim's
/// `stack_weighted_quantile`): the weights of equal values summed first (exactextract quantiles its value
/// histogram), the n distinct values sorted, s_i = i·w_i + (n − 1)·Σ_{j<i} w_j, and the q-quantile interpolated
/// linearly where s reaches q·s_{n−1}. With equal weights and distinct values this is R's default (type 7).
/// Memory grows with the distinct values only: at most 256 for a byte raster.
struct WeightedQuantiles: Sendable {
    private var weights: [Double: Double] = [:]
    private var prepared: (values: [Double], s: [Double])?

    mutating func add(_ value: Double, weight: Double) {
        weights[value, default: 0] += weight
        prepared = nil
    }

    /// The q-quantile (0 ≤ q ≤ 1); nil when no value was added.
    mutating func quantile(_ q: Double) -> Double? {
        guard !weights.isEmpty else { return nil }
        let (values, s) = prepare()
        guard let total = s.last, total > 0, values.count > 1 else { return values.first }
        let target = q * total
        var index = 0
        while index + 1 < s.count, s[index + 1] <= target { index += 1 }
        guard index + 1 < s.count else { return values[index] }
        return values[index] + (target - s[index]) / (s[index + 1] - s[index]) * (values[index + 1] - values[index])
    }

    private mutating func prepare() -> (values: [Double], s: [Double]) {
        if let prepared { return prepared }
        let sorted = weights.sorted { $0.key < $1.key }
        let n = Double(sorted.count)
        var s: [Double] = []
        var before = 0.0
        for (index, element) in sorted.enumerated() {
            s.append(Double(index) * element.value + (n - 1) * before)
            before += element.value
        }
        let made = (sorted.map(\.key), s)
        prepared = made
        return made
    }
}
