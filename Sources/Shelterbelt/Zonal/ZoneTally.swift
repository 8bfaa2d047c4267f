/// What one zone gathered from the cells it touches: each cell weighted by its covered fraction c and by its
/// covered area c·a (m²). Cells without data are left out of every figure and counted apart.
struct ZoneTally: Sendable {
    /// Covered fraction and covered area of each class (categorical rasters).
    struct Share: Sendable, Equatable {
        var coverage = 0.0
        var areaM2 = 0.0
    }

    var classes: [Double: Share] = [:]
    /// Σ c and Σ c·a over cells with data.
    var valid = Share()
    /// Σ c and Σ c·a over cells without data (the nodata value or NaN), and how many such cells the zone touches.
    var noData = Share()
    var noDataCells = 0
    var sum = 0.0
    /// Weighted mean and Σ c·(v − mean)², updated as West (1979) does, stable where Σ c·v² − n·mean² is not.
    var mean = 0.0
    var squares = 0.0
    var min = Double.infinity
    var max = -Double.infinity
    /// Covered area at or above each threshold of `coverage>=T`, in the order of `thresholds`.
    var atLeast: [Double]
    let thresholds: [Double]
    let keepsClasses: Bool
    /// The values with their coverage, kept only when a quantile is asked for.
    var values: WeightedQuantiles?

    init(categorical: Bool, statistics: [ZonalStatistic]) {
        keepsClasses = categorical
        thresholds = statistics.compactMap { if case .coverageAtLeast(let t) = $0 { t } else { nil } }
        atLeast = thresholds.map { _ in 0 }
        values = statistics.contains(where: \.needsValues) ? WeightedQuantiles() : nil
    }

    mutating func add(_ value: Double, coverage c: Double, area: Double) {
        if keepsClasses {
            classes[value, default: Share()].coverage += c
            classes[value, default: Share()].areaM2 += c * area
        }
        valid.coverage += c
        valid.areaM2 += c * area
        sum += c * value
        let delta = value - mean
        mean += delta * c / valid.coverage
        squares += c * delta * (value - mean)
        min = Swift.min(min, value)
        max = Swift.max(max, value)
        for (index, threshold) in thresholds.enumerated() where value >= threshold { atLeast[index] += c * area }
        values?.add(value, weight: c)
    }

    mutating func addNoData(coverage c: Double, area: Double) {
        noData.coverage += c
        noData.areaM2 += c * area
        noDataCells += 1
    }

    /// The value of a statistic; nil when the zone has no cell with data.
    mutating func value(of statistic: ZonalStatistic) -> Double? {
        guard valid.coverage > 0 else { return statistic == .count || statistic == .sum ? 0 : nil }
        switch statistic {
        case .mean: return mean
        case .min: return min
        case .max: return max
        case .sum: return sum
        case .count: return valid.coverage
        case .stdev: return (Swift.max(squares, 0) / valid.coverage).squareRoot()
        case .quantile(let q): return values?.quantile(q)
        case .coverageAtLeast(let threshold):
            guard let index = thresholds.firstIndex(of: threshold), valid.areaM2 > 0 else { return nil }
            return atLeast[index] / valid.areaM2
        }
    }
}
