import GeoKit

/// The zones of an overlay, read once, repaired, brought into the working CRS and merged by name
/// (a zone drawn as several features is one zone). Held as WKB so every worker can rebuild it
/// in its own GEOS context.
public struct ZoneSet: Sendable {
    public let source: LayerSource
    public let names: [String]
    let wkb: [[UInt8]]
    /// The zones cut small for fast overlays.
    let pieces: [ZonePiece]
    /// Area of each zone in m², by the request's area method.
    public let areas: [Double]
    /// Whether some zones overlap (then the area outside every zone is computed by difference).
    public let overlapping: Bool
    public let notes: InputNotes

    /// Candidate names for the zone field when none is given, in order of preference.
    static let nameFields = ["name_zh", "name", "NAME", "名称", "zone", "ZONE", "id"]

    public static func load(_ source: LayerSource, nameField: String?, method: AreaMethod) throws -> ZoneSet {
        let opened = try source.open()
        let field: Int? = try nameField.map { try opened.field($0, option: "--zone-field") }
            ?? nameFields.lazy.compactMap { opened.layer.fieldIndex($0) }.first
        let context = GEOSContext()
        let transform = try Reprojection.transform(from: opened, to: method)
        var notes = InputNotes()
        var order: [String] = []
        var parts: [String: [Geometry]] = [:]
        while let raw = try opened.nextRaw(keyField: field) {
            guard let geometry = try polygonal(raw, in: context, label: opened.label, notes: &notes) else { continue }
            let moved = try Reprojection.apply(transform, to: geometry, feature: raw.id, of: opened.label, notes: &notes)
            let name = raw.key ?? "\(raw.id)"
            if parts[name] == nil { order.append(name) }
            parts[name, default: []].append(moved)
        }
        guard !order.isEmpty else {
            throw ShelterbeltError(.badInput, file: source.path, layer: opened.name, problem: "has no polygon to use as a zone",
                                   remedy: "zones must be polygons (watersheds, parks, banners …)")
        }
        let meter = AreaMeter(method)
        let merged = try order.map { name -> Geometry in
            let pieces = parts[name]!
            return pieces.count == 1 ? pieces[0] : try Geometry.collection(pieces, context: context).unaryUnion()
        }
        let pieces = try merged.enumerated().flatMap { try ZonePiece.subdivide($1, index: $0) }
        return ZoneSet(source: source, names: order, wkb: merged.map(\.wkb), pieces: pieces, areas: try merged.map(meter.area),
                       overlapping: try anyOverlap(pieces, context: context), notes: notes)
    }

    /// Whether any two zones share interior area, tested on their small pieces. Clipping moves shared
    /// boundary vertices by rounding error, so only an overlap above 1e-9 of the pieces' area counts.
    /// The intersection alone decides (pieces that only touch give no area): a relate test first costs
    /// more than it saves, as clipped neighbours of a partition mostly "overlap" by rounding error.
    private static func anyOverlap(_ pieces: [ZonePiece], context: GEOSContext) throws -> Bool {
        let shapes = try pieces.map { try Geometry(wkb: $0.wkb, context: context) }
        let tree = try STRTree(shapes, context: context)
        for (index, shape) in shapes.enumerated() {
            for other in tree.query(shape) where other > index && pieces[other].zone != pieces[index].zone {
                let shared = try shape.intersection(shapes[other]).planarArea
                if try shared > 1e-9 * min(shape.planarArea, shapes[other].planarArea) { return true }
            }
        }
        return false
    }

    /// The feature's geometry as a valid polygon or multipolygon, or nil (with a note) when it has none.
    /// CAD drawings (DXF) have no polygon type: a closed polyline is how they draw an area.
    static func closedLines(_ raw: RawFeature, _ read: FeatureGeometry, in context: GEOSContext, label: LayerLabel) throws -> Geometry? {
        do {
            let lines = try Geometry(wkb: read.wkb, context: context)
            let rings = try (lines.kind == .multiLineString ? lines.parts : [lines]).map { try $0.linePoints }
            guard rings.allSatisfy({ $0.count >= 4 && $0.first == $0.last }) else { return nil }
            let polygons = try rings.map { try Geometry.polygon(PolygonRings(exterior: $0, holes: []), context: context) }
            let area = try Geometry.multiPolygon(polygons, context: context)
            return try area.isValid ? area : try area.makeValid().polygonalPart()
        } catch let error as GeometryError {
            throw ShelterbeltError(.badInput, file: label.path, layer: label.name, feature: raw.id,
                                   problem: "closed polyline cannot be read as an area: \(error.message)")
        }
    }

    static func polygonal(_ raw: RawFeature, in context: GEOSContext, label: LayerLabel, notes: inout InputNotes) throws -> Geometry? {
        guard let read = raw.geometry else { notes.record(.nullGeometry, feature: raw.id); return nil }
        if read.notes.hadZ { notes.record(.droppedZ, feature: raw.id) }
        if read.notes.hadM { notes.record(.droppedM, feature: raw.id) }
        if read.notes.wasCurve { notes.record(.linearizedCurves, feature: raw.id) }
        if read.isEmpty { notes.record(.emptyGeometry, feature: raw.id); return nil }
        switch read.kind {
        case .point: notes.record(.points, feature: raw.id); return nil
        case .line where !label.closedLinesAreAreas: notes.record(.lines, feature: raw.id); return nil
        case .line:
            guard let area = try closedLines(raw, read, in: context, label: label) else { notes.record(.lines, feature: raw.id); return nil }
            notes.record(.closedLines, feature: raw.id)
            return area
        case .other: notes.record(.otherGeometry, feature: raw.id); return nil
        case .polygonal, .collection: break
        }
        do {
            var geometry = try Geometry(wkb: read.wkb, context: context)
            if read.kind == .collection { geometry = try geometry.polygonalPart() }
            if try geometry.isEmpty { notes.record(.otherGeometry, feature: raw.id); return nil }
            if try !SimpleRing.isCertainlyValid(geometry) && !geometry.isValid {
                geometry = try geometry.makeValid().polygonalPart()
                guard try !geometry.isEmpty else { notes.record(.collapsed, feature: raw.id); return nil }
                notes.record(.repaired, feature: raw.id)
            }
            return geometry
        } catch let error as GeometryError {
            throw ShelterbeltError(.badInput, file: label.path, layer: label.name, feature: raw.id,
                                   problem: "geometry cannot be used: \(error.message)", remedy: "check or redraw this feature")
        }
    }
}
