import GeoKit

/// The figures of one `change` run, in m²; units are applied when printing.
public struct ChangeResult: Sendable {
    /// The transition matrix of one scope: a zone, the area outside every zone, or the total.
    public struct Matrix: Sendable {
        public let scope: StatsResult.Scope
        /// Area that is `before` at the earlier date and `after` at the later, by before class, then after class.
        let shared: [String: [String: Double]]
        /// Area of each before class that the after layer does not cover ("not in AFTER").
        public let notInAfter: [String: Double]
        /// Area of each after class that the before layer does not cover ("not in BEFORE").
        public let notInBefore: [String: Double]
        /// Each layer's area per class: the matrix's row and column totals, the "not in" cells included.
        public let beforeTotals: [String: Double]
        public let afterTotals: [String: Double]

        public func area(_ before: String, _ after: String) -> Double { shared[before]?[after] ?? 0 }
        /// Later area less earlier area of a class.
        public func netChange(_ key: String) -> Double { (afterTotals[key] ?? 0) - (beforeTotals[key] ?? 0) }
        public var beforeArea: Double { beforeTotals.values.reduce(0, +) }
        public var afterArea: Double { afterTotals.values.reduce(0, +) }
        /// Area both layers cover.
        public var sharedArea: Double { shared.values.flatMap(\.values).reduce(0, +) }
        /// Area either layer covers.
        public var unionArea: Double { beforeArea + notInBefore.values.reduce(0, +) }
    }

    public let method: AreaMethod
    public let before: LayerSource
    public let after: LayerSource
    public let classField: String
    public let afterClassField: String
    public let zones: ZoneSet?
    public let zoneField: String?
    /// Every class of either layer, sorted: both axes of every matrix.
    public let classes: [String]
    /// One per zone, then the area outside every zone (when there are zones).
    public let matrices: [Matrix]
    public let total: Matrix
    public let beforeLayer: String
    public let beforeCRS: String
    public let afterLayer: String
    public let afterCRS: String
    public let beforeFeatures: Int
    public let afterFeatures: Int
    public private(set) var beforeNotes: InputNotes
    public private(set) var afterNotes: InputNotes
    public let beforeOverlap: LayerOverlap
    public let afterOverlap: LayerOverlap
    /// Pairs of features found inside one another (no overlay) and pairs overlaid.
    public let contained: Int
    public let intersected: Int
    public let seconds: Double
    /// The pieces whose class changed, by AFTER feature and zone (only when the request kept them).
    let changes: [ChangedPiece]

    init(
        request: ChangeRequest, zones: ZoneSet?, before: BeforeLayer, after: AfterSummary, tally: ChangeTally,
        changes: [ChangedPiece], seconds: Double
    ) {
        method = request.method
        self.before = request.before
        self.after = request.after
        classField = request.classField
        afterClassField = request.afterClassField ?? request.classField
        self.zones = zones
        zoneField = request.zoneField
        beforeLayer = before.label.name
        beforeCRS = before.crsName
        afterLayer = after.label.name
        afterCRS = after.crsName
        beforeFeatures = before.featuresRead
        afterFeatures = after.featuresRead
        beforeNotes = before.notes
        afterNotes = after.notes
        beforeOverlap = before.overlap
        afterOverlap = after.overlap
        contained = tally.contained
        intersected = tally.intersected
        self.seconds = seconds
        // Workers finish in any order: the file lists pieces by AFTER feature, zone, class and area.
        self.changes = changes.sorted {
            ($0.afterId, $0.zone, $0.before, $0.area) < ($1.afterId, $1.zone, $1.before, $1.area)
        }
        classes = Set(tally.before.keys.map(\.key)).union(tally.after.keys.map(\.key)).sorted()

        var scopes = zones.map { $0.names.enumerated().map { ($0, StatsResult.Scope.zone($1)) } } ?? []
        if zones != nil { scopes.append((CellKey.outside, .outside)) }
        matrices = scopes.map { Self.matrix($1, zone: $0, tally: tally) }
        total = Self.matrix(.total, zone: CellKey.total, tally: tally)
        if let text = Self.coverage(only: total.notInAfter, of: total.beforeArea, other: "after") {
            beforeNotes.remark(text)
        }
        if let text = Self.coverage(only: total.notInBefore, of: total.afterArea, other: "before") {
            afterNotes.remark(text)
        }
    }

    /// The two layers' extents compared: how much of one layer the other does not cover, said in its notes.
    private static func coverage(only: [String: Double], of whole: Double, other: String) -> String? {
        let area = only.values.reduce(0, +)
        guard whole > 0, area > 0 else { return nil }
        return String(
            format: "%.4f %% of its area lies where the %@ layer has no feature (not in %@)", area / whole * 100,
            other, other.uppercased())
    }

    /// What only one layer covers is its area less what both cover; the pieces' rounding (1e-9 of the class's
    /// area) is not area, as in the stats engine's area outside every zone.
    private static func matrix(_ scope: StatsResult.Scope, zone: Int, tally: ChangeTally) -> Matrix {
        var shared: [String: [String: Double]] = [:]
        var beforeShared: [String: Double] = [:]
        var afterShared: [String: Double] = [:]
        for (cell, area) in tally.shared where cell.zone == zone {
            shared[cell.before, default: [:]][cell.after] = area
            beforeShared[cell.before, default: 0] += area
            afterShared[cell.after, default: 0] += area
        }
        func totals(_ areas: [ZoneClass: Double]) -> [String: Double] {
            Dictionary(areas.filter { $0.key.zone == zone }.map { ($0.key.key, $0.value) }, uniquingKeysWith: +)
        }
        func rest(_ totals: [String: Double], _ covered: [String: Double]) -> [String: Double] {
            Dictionary(
                uniqueKeysWithValues: totals.map { key, whole in
                    let left = whole - (covered[key] ?? 0)
                    return (key, abs(left) <= abs(whole) * 1e-9 ? 0 : max(left, 0))
                })
        }
        let beforeTotals = totals(tally.before)
        let afterTotals = totals(tally.after)
        return Matrix(
            scope: scope, shared: shared, notInAfter: rest(beforeTotals, beforeShared),
            notInBefore: rest(afterTotals, afterShared), beforeTotals: beforeTotals, afterTotals: afterTotals)
    }

    mutating func remark(_ text: String) { afterNotes.remark(text) }

    /// The matrix of a zone, by name.
    public func matrix(_ zone: String) -> Matrix? { matrices.first { $0.scope == .zone(zone) } }

    /// The notes of every layer the run read: before, after, then the zones.
    public var inputNotes: [LayerNotes] {
        [
            LayerNotes(role: before.role, path: before.path, notes: beforeNotes),
            LayerNotes(role: after.role, path: after.path, notes: afterNotes),
        ] + (zones.map { [LayerNotes(role: $0.source.role, path: $0.source.path, notes: $0.notes)] } ?? [])
    }
}
