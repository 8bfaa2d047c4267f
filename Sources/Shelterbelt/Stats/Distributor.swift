import GeoKit

/// Splits subject geometries over the zones. One per worker thread: it owns a feature cleaner (with its
/// GEOS context and PROJ transformation) and its own copies of the zones (prepared, in an STR-tree).
final class Distributor {
    let cleaner: FeatureCleaner
    var context: GEOSContext { cleaner.context }
    /// The zones in this worker's context, by index.
    let zones: [Geometry]
    private let prepared: [PreparedGeometry]
    private let pieces: [ZonePiece]
    private let pieceShapes: [Geometry]
    private let preparedPieces: [PreparedGeometry]
    private let pieceTree: STRTree
    private let overlapping: Bool
    private let meter: AreaMeter

    /// `cleaner` reads the subject layer into the working CRS; this distributor owns it.
    init(zones: ZoneSet, cleaner: FeatureCleaner, method: AreaMethod, edges: EdgeRule) throws {
        self.cleaner = cleaner
        let context = cleaner.context
        let geometries = try zones.wkb.map { try Geometry(wkb: $0, context: context) }
        self.zones = geometries
        prepared = try geometries.map(PreparedGeometry.init)
        pieces = zones.pieces
        let shapes = try zones.pieces.map { try Geometry(wkb: $0.wkb, context: context) }
        pieceShapes = shapes
        preparedPieces = try shapes.map(PreparedGeometry.init)
        pieceTree = try STRTree(shapes, context: context)
        overlapping = zones.overlapping
        meter = AreaMeter(method, edges: edges)
    }

    /// The feature's polygonal geometry in the working CRS, or nil (noted) when it has none.
    func geometry(of raw: RawFeature, notes: inout InputNotes) throws -> Geometry? {
        try cleaner.geometry(raw, notes: &notes)
    }

    /// How `geometry`'s area splits over the zones. Fast paths first: a geometry inside a cell that
    /// lies wholly in one zone needs no test at all; one properly inside a zone needs one prepared
    /// test; only boundary-crossing geometries are intersected, with the zone's nearby pieces.
    func distribute(_ geometry: Geometry, tally: inout Tally) throws -> Distribution {
        try distribute(geometry, whole: try meter.area(geometry), tally: &tally)
    }

    /// `distribute` of a geometry whose area (`whole`, m² by this distributor's method) is known: a run
    /// over several zone sets measures each feature once, not once per set.
    func distribute(_ geometry: Geometry, whole: Double, tally: inout Tally) throws -> Distribution {
        var result = Distribution()
        result.whole = whole
        let envelope = try geometry.envelope
        let near = pieceTree.query(geometry)
        if !overlapping, let full = near.first(where: { pieces[$0].fillsCell && pieces[$0].cell.contains(envelope) }) {
            result.zones.append((pieces[full].zone, result.whole))
            tally.fastPath += 1
            return result
        }
        var inside = 0.0
        for (zone, pieces) in Dictionary(grouping: near, by: { self.pieces[$0].zone }).sorted(by: { $0.key < $1.key }) {
            // Inside one cell, the zone is that cell's small piece; across cells, the whole zone.
            let single = pieces.count == 1 && self.pieces[pieces[0]].cell.contains(envelope) ? pieces[0] : nil
            let test = single.map { preparedPieces[$0] } ?? prepared[zone]
            if try test.containsProperly(geometry) {
                result.zones.append((zone, result.whole))
                inside += result.whole
                tally.fastPath += 1
                if !overlapping { return result }
            } else if try test.intersects(geometry) {
                let piece = try geometry.intersection(try local(zone, near: pieces, envelope: envelope)).polygonalPart()
                let area = try meter.area(piece)
                if area > 0 { result.zones.append((zone, area)); inside += area }
                tally.intersected += 1
            }
        }
        if overlapping && !result.zones.isEmpty {
            let covering = try Geometry.collection(result.zones.map { zones[$0.0] }, context: context).unaryUnion()
            result.outside = try meter.area(try geometry.difference(covering).polygonalPart())
        } else {
            // Floating-point noise of the pieces is not area outside the zones.
            let rest = result.whole - inside
            result.outside = abs(rest) <= result.whole * 1e-9 ? 0 : max(rest, 0)
        }
        return result
    }

    /// The part of a zone near a geometry: its pieces whose envelopes meet the geometry, each clipped
    /// to the geometry's box grown by a margin, and unioned. Clipping keeps the overlay to a few dozen
    /// vertices; the margin keeps the clip edges off the geometry, and the union dissolves cell edges,
    /// so the geometry is cut only where the zone boundary crosses it.
    private func local(_ zone: Int, near: [Int], envelope: Envelope) throws -> Geometry {
        let margin = max(envelope.maxX - envelope.minX, envelope.maxY - envelope.minY) * 0.01 + 1e-9
        let box = Envelope(
            minX: envelope.minX - margin, minY: envelope.minY - margin,
            maxX: envelope.maxX + margin, maxY: envelope.maxY + margin)
        let clipped = try near.map { try pieceShapes[$0].clipped(to: box) }.filter { try !$0.isEmpty }
        if clipped.count == 1 { return clipped[0] }
        return try Geometry.collection(clipped, context: context).unaryUnion()
    }
}
