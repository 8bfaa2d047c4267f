/// Where a measured area goes: a zone (by index), the area outside every zone, or the grand total;
/// optionally narrowed to one class of the `--by` field.
struct CellKey: Hashable, Sendable {
    static let outside = -1
    static let total = -2
    /// The class of features whose `--by` value is null: they get a row of their own, like any value.
    static let nullClass = "(null)"
    let zone: Int
    let key: String?
}

/// Accumulates measures per cell. Each worker has its own; they are merged at the end.
struct Tally: Sendable {
    private(set) var cells: [CellKey: Measure] = [:]
    var fastPath = 0
    var intersected = 0

    /// Adds one feature to the all-classes cells and, when counting by class, to its class's cells.
    mutating func add(_ distribution: Distribution, class key: String?) {
        for (zone, area) in distribution.zones { add(area, zone: zone, class: key) }
        if distribution.outside > 0 { add(distribution.outside, zone: CellKey.outside, class: key) }
        add(distribution.whole, zone: CellKey.total, class: key)
    }

    private mutating func add(_ area: Double, zone: Int, class key: String?) {
        count(area, in: CellKey(zone: zone, key: nil))
        if let key { count(area, in: CellKey(zone: zone, key: key)) }
    }

    /// One hash lookup per cell (the default subscript's in-place access), not one per figure: with the
    /// report's eight zone sets this is the engine's commonest operation.
    private mutating func count(_ area: Double, in cell: CellKey) {
        Self.count(area, in: &cells[cell, default: Measure()])
    }

    private static func count(_ area: Double, in measure: inout Measure) {
        measure.area += area
        measure.features += 1
    }

    /// Takes out area that overlapping features counted twice: `counted` is what the members
    /// added on their own, `dissolved` what their union measures.
    mutating func removeOverlap(counted: Distribution, dissolved: Distribution, key: String?) {
        var removed: [Int: Double] = [
            CellKey.outside: counted.outside - dissolved.outside, CellKey.total: counted.whole - dissolved.whole,
        ]
        for (zone, area) in counted.zones { removed[zone, default: 0] += area }
        for (zone, area) in dissolved.zones { removed[zone, default: 0] -= area }
        for (zone, area) in removed where area != 0 {
            cells[CellKey(zone: zone, key: key), default: Measure()].area -= area
            cells[CellKey(zone: zone, key: key), default: Measure()].overlap += area
        }
    }

    mutating func merge(_ other: Tally) {
        for (cell, measure) in other.cells {
            cells[cell, default: Measure()].area += measure.area
            cells[cell, default: Measure()].features += measure.features
            cells[cell, default: Measure()].overlap += measure.overlap
        }
        fastPath += other.fastPath
        intersected += other.intersected
    }
}
