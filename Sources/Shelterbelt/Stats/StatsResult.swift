import GeoKit

/// The figures of one `stats` run, in m²; units are applied when printing.
public struct StatsResult: Sendable {
    public enum Scope: Sendable, Equatable {
        case zone(String)
        case outside
        case total
    }

    public struct Row: Sendable {
        public let scope: Scope
        /// The `--by` class, nil for the row of all classes.
        public let key: String?
        public let measure: Measure
        /// Area of the zone itself (zone rows only).
        public let zoneArea: Double?

        public var area: Double { measure.area }
        public var features: Int { measure.features }
        /// Share of the zone covered by the subject.
        public var share: Double? { zoneArea.flatMap { $0 > 0 ? measure.area / $0 : nil } }
    }

    public let method: AreaMethod
    public let subject: LayerSource
    public let subjectLayer: String
    public let subjectCRS: String
    public let zones: ZoneSet
    public let zoneField: String?
    public let byField: String?
    /// Zone rows (each followed by its class rows), then the outside and total rows likewise.
    public let rows: [Row]
    public let featuresRead: Int
    public let notes: InputNotes
    public let overlaps: OverlapSummary
    /// Features measured without an overlay (inside one zone) and overlays computed.
    public let fastPath: Int
    public let intersected: Int
    public let seconds: Double

    init(
        request: StatsRequest, zones: ZoneSet, subjectLayer: String, subjectCRS: String, featuresRead: Int,
        tally: Tally, notes: InputNotes, overlaps: OverlapSummary, seconds: Double
    ) {
        method = request.method
        subject = request.subject
        self.subjectLayer = subjectLayer
        self.subjectCRS = subjectCRS
        self.zones = zones
        zoneField = request.zoneField
        byField = request.classFields?.map(\.name).joined(separator: "|") ?? request.byField
        self.featuresRead = featuresRead
        self.notes = notes
        self.overlaps = overlaps
        fastPath = tally.fastPath
        intersected = tally.intersected
        self.seconds = seconds

        let keys = Set(tally.cells.keys.compactMap(\.key)).sorted()
        func rows(_ zone: Int, _ scope: Scope, _ zoneArea: Double?) -> [Row] {
            let all = Row(
                scope: scope, key: nil, measure: tally.cells[CellKey(zone: zone, key: nil)] ?? Measure(),
                zoneArea: zoneArea)
            let classes = keys.compactMap { key in
                tally.cells[CellKey(zone: zone, key: key)].map {
                    Row(scope: scope, key: key, measure: $0, zoneArea: zoneArea)
                }
            }
            return [all] + classes
        }
        self.rows =
            zones.names.indices.flatMap { rows($0, .zone(zones.names[$0]), zones.areas[$0]) }
            + rows(CellKey.outside, .outside, nil) + rows(CellKey.total, .total, nil)
    }

    /// The notes of both layers the run read, subject first.
    public var inputNotes: [LayerNotes] {
        [
            LayerNotes(role: subject.role, path: subject.path, notes: notes),
            LayerNotes(role: zones.source.role, path: zones.source.path, notes: zones.notes),
        ]
    }

    public var total: Row { rows.first { $0.scope == .total && $0.key == nil }! }
    public var outside: Row { rows.first { $0.scope == .outside && $0.key == nil }! }

    /// The all-classes row of a zone.
    public func zone(_ name: String) -> Row? { rows.first { $0.scope == .zone(name) && $0.key == nil } }
}
