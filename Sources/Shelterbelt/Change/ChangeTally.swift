/// One layer's class in one scope: a zone (by index), `CellKey.outside` or `CellKey.total`.
struct ZoneClass: Hashable, Sendable {
    let zone: Int
    let key: String
}

/// A transition in one scope: area that is `before` in the earlier layer and `after` in the later.
struct Transition: Hashable, Sendable {
    let zone: Int
    let before: String
    let after: String
}

/// Accumulates areas (m²) per scope: each layer's area per class, and the area both cover per pair of classes.
/// What only one layer covers is the difference, taken at the end (`ChangeResult`). Each worker has its own.
struct ChangeTally: Sendable {
    private(set) var shared: [Transition: Double] = [:]
    private(set) var before: [ZoneClass: Double] = [:]
    private(set) var after: [ZoneClass: Double] = [:]
    /// Pairs found wholly inside one another (no overlay) and pairs overlaid.
    var contained = 0
    var intersected = 0

    /// `sign` -1 takes a piece out again (the part of an AFTER feature an earlier one already covered).
    mutating func addBefore(_ distribution: Distribution, class key: String, sign: Double = 1) {
        Self.spread(distribution) { before[ZoneClass(zone: $0, key: key), default: 0] += sign * $1 }
    }

    mutating func addAfter(_ distribution: Distribution, class key: String, sign: Double = 1) {
        Self.spread(distribution) { after[ZoneClass(zone: $0, key: key), default: 0] += sign * $1 }
    }

    mutating func addShared(_ distribution: Distribution, before: String, after: String, sign: Double = 1) {
        Self.spread(distribution) {
            shared[Transition(zone: $0, before: before, after: after), default: 0] += sign * $1
        }
    }

    /// Each zone's part, the part outside every zone, and the whole in the total.
    private static func spread(_ distribution: Distribution, _ add: (Int, Double) -> Void) {
        for (zone, area) in distribution.zones { add(zone, area) }
        if distribution.outside > 0 { add(CellKey.outside, distribution.outside) }
        add(CellKey.total, distribution.whole)
    }

    mutating func merge(_ other: ChangeTally) {
        shared.merge(other.shared, uniquingKeysWith: +)
        before.merge(other.before, uniquingKeysWith: +)
        after.merge(other.after, uniquingKeysWith: +)
        contained += other.contained
        intersected += other.intersected
    }
}
