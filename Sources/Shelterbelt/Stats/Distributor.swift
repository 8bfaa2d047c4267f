import GeoKit

/// Splits subject geometries over the zones. One per worker thread: it owns a GEOS context,
/// its own copies of the zones (prepared, in an STR-tree) and its own PROJ transformation.
final class Distributor {
    let context = GEOSContext()
    private let zones: [Geometry]
    private let prepared: [PreparedGeometry]
    private let tree: STRTree
    private let pieces: [ZonePiece]
    private let pieceShapes: [Geometry]
    private let pieceTree: STRTree
    private let overlapping: Bool
    private let transform: CoordinateTransform?
    private let meter: AreaMeter
    private let label: LayerLabel

    /// `subjectCRS` is the PROJ definition of the subject layer, nil when it is in the working CRS.
    init(zones: ZoneSet, subjectCRS: String?, method: AreaMethod, label: LayerLabel) throws {
        let context = self.context
        let geometries = try zones.wkb.map { try Geometry(wkb: $0, context: context) }
        self.zones = geometries
        prepared = try geometries.map(PreparedGeometry.init)
        tree = STRTree(geometries, context: context)
        pieces = zones.pieces
        let shapes = try zones.pieces.map { try Geometry(wkb: $0.wkb, context: context) }
        pieceShapes = shapes
        pieceTree = STRTree(shapes, context: context)
        overlapping = zones.overlapping
        transform = try subjectCRS.map { try Reprojection.make(from: $0, to: method, label: label) }
        meter = AreaMeter(method)
        self.label = label
    }

    /// The feature's polygonal geometry in the working CRS, or nil (noted) when it has none.
    func geometry(of raw: RawFeature, notes: inout InputNotes) throws -> Geometry? {
        guard let geometry = try ZoneSet.polygonal(raw, in: context, label: label, notes: &notes) else { return nil }
        return try Reprojection.apply(transform, to: geometry, feature: raw.id, of: label)
    }

    /// How `geometry`'s area splits over the zones. A geometry properly inside a zone takes the fast
    /// path (one prepared test, no overlay); only boundary-crossing ones are intersected.
    func distribute(_ geometry: Geometry, tally: inout Tally) throws -> Distribution {
        var result = Distribution()
        result.whole = meter.area(geometry)
        var inside = 0.0
        for zone in tree.query(geometry) {
            if prepared[zone].containsProperly(geometry) {
                result.zones.append((zone, result.whole))
                inside += result.whole
                tally.fastPath += 1
                if !overlapping { return result }
            } else if prepared[zone].intersects(geometry) {
                let piece = try geometry.intersection(try local(zone, around: geometry)).polygonalPart()
                let area = meter.area(piece)
                if area > 0 { result.zones.append((zone, area)); inside += area }
                tally.intersected += 1
            }
        }
        if overlapping && !result.zones.isEmpty {
            let covering = try Geometry.collection(result.zones.map { zones[$0.0] }, context: context).unaryUnion()
            result.outside = meter.area(try geometry.difference(covering).polygonalPart())
        } else {
            // Floating-point noise of the pieces is not area outside the zones.
            let rest = result.whole - inside
            result.outside = abs(rest) <= result.whole * 1e-9 ? 0 : max(rest, 0)
        }
        return result
    }

    /// The part of `zone` near `geometry`: the one piece whose cell holds the geometry's envelope
    /// (then geometry ∩ piece = geometry ∩ zone exactly), or the union of the pieces it touches,
    /// which dissolves the cell edges so that no artificial cut lands on the geometry.
    private func local(_ zone: Int, around geometry: Geometry) throws -> Geometry {
        let envelope = geometry.envelope
        let near = pieceTree.query(geometry).filter { pieces[$0].zone == zone }
        if near.count == 1, pieces[near[0]].cell.contains(envelope) { return pieceShapes[near[0]] }
        if near.isEmpty { return zones[zone] }
        return try Geometry.collection(near.map { pieceShapes[$0] }, context: context).unaryUnion()
    }
}
