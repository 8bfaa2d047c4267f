/// What one zone gathered from the cells it touches: each cell weighted by its covered fraction c and by its
/// covered area c·a (m²). Cells without data are left out of every figure and counted apart.
struct ZoneTally: Sendable {
    /// Covered fraction and covered area of each class (categorical rasters).
    struct Share: Sendable, Equatable {
        var coverage = 0.0
        var areaM2 = 0.0
    }

    /// Covered fraction and covered area per class.
    var classes: [Double: Share] {
        var all = otherClasses
        for (value, share) in smallClasses.enumerated() where share.coverage > 0 { all[Double(value)] = share }
        return all
    }
    /// Classes 0-255 (every byte raster, most land-cover codes) are summed in an array, others by hashing: a hash
    /// per cell took a third of the time of a land-cover zone.
    private var smallClasses: [Share]
    private var otherClasses: [Double: Share] = [:]

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
        smallClasses = categorical ? [Share](repeating: Share(), count: 256) : []
        thresholds = statistics.compactMap { if case .coverageAtLeast(let t) = $0 { t } else { nil } }
        atLeast = thresholds.map { _ in 0 }
        values = statistics.contains(where: \.needsValues) ? WeightedQuantiles() : nil
    }

    /// A cell with data; a categorical tally keeps its class only, as no statistic of the values is asked.
    mutating func add(_ value: Double, coverage c: Double, area: Double) {
        valid.coverage += c
        valid.areaM2 += c * area
        if keepsClasses {
            if value >= 0, value < 256, let index = Int(exactly: value) {
                smallClasses[index].coverage += c
                smallClasses[index].areaM2 += c * area
            } else {
                otherClasses[value, default: Share()].coverage += c
                otherClasses[value, default: Share()].areaM2 += c * area
            }
            return
        }
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
