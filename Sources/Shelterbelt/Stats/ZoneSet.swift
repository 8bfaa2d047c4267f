import GeoKit

/// The zones of an overlay, read once, repaired, brought into the working CRS and merged by name
/// (a zone drawn as several features is one zone). Held as WKB so every worker can rebuild it
/// in its own GEOS context.
public struct ZoneSet: Sendable {
    public let source: LayerSource
    public let names: [String]
    let wkb: [[UInt8]]
    /// The zones cut small for fast overlays; empty when read with `cut: false`.
    let pieces: [ZonePiece]
    /// Area of each zone in m², by the request's area method.
    public let areas: [Double]
    /// Whether some zones overlap (then the area outside every zone is computed by difference); not tested, and
    /// false, when read with `cut: false`.
    public let overlapping: Bool
    public let notes: InputNotes

    /// Candidate names for the zone field when none is given, in order of preference.
    static let nameFields = ["name_zh", "name", "NAME", "名称", "zone", "ZONE", "id"]

    /// Zone sets read so far in this run: `report` and `targets` measure against the same layers again and
    /// again, and reading, densifying and cutting a layer costs more than most of the overlays that follow.
    private static let loaded = Locked<[String: ZoneSet]>([:])

    /// `cut: false` is for callers that take each zone whole (zonal statistics measure every zone on its own):
    /// cutting the zones into pieces and testing them for overlap cost more than the rest of the reading.
    public static func load(
        _ source: LayerSource, nameField: String?, method: AreaMethod, edges: EdgeRule = .straight, cut: Bool = true
    ) throws -> ZoneSet {
        let key = "\(source)|\(nameField ?? "")|\(method)|\(edges)|\(cut)"
        if let known = loaded.value[key] { return known }
        let zones = try read(source, nameField: nameField, method: method, edges: edges, cut: cut)
        loaded.update { $0[key] = zones }
        return zones
    }

    private static func read(
        _ source: LayerSource, nameField: String?, method: AreaMethod, edges: EdgeRule, cut: Bool
    ) throws -> ZoneSet {
        let opened = try source.open()
        let field: Int? =
            try nameField.map { try opened.field($0, option: "--zone-field") }
            ?? nameFields.lazy.compactMap { opened.layer.fieldIndex($0) }.first
        let reader = try FeatureSource(opened, fields: field.map { [$0] } ?? [], to: method, edges: edges)
        var order: [String] = []
        var parts: [String: [Geometry]] = [:]
        var features: [String: [Int64]] = [:]
        while let item = try reader.nextKept(), let geometry = item.geometry {
            let name = item.raw.key ?? "\(item.id)"
            if parts[name] == nil { order.append(name) }
            parts[name, default: []].append(geometry)
            features[name, default: []].append(item.id)
        }
        guard !order.isEmpty else {
            throw ShelterbeltError(
                .badInput, file: source.path, layer: opened.name, problem: "has no polygon to use as a zone",
                remedy: "zones must be polygons (watersheds, parks, banners …)")
        }
        for name in order where features[name, default: []].count > 1 {
            let ids = features[name, default: []]
            let shown = ids.prefix(5).map(String.init).joined(separator: ", ")
            reader.remark(
                "\(ids.count) features share the zone name '\(name)' (features \(shown)) "
                    + "and are measured as one zone")
        }
        let context = reader.context
        let meter = AreaMeter(method, edges: edges)
        let merged = try order.map { name -> Geometry in
            let pieces = parts[name, default: []]
            return pieces.count == 1 ? pieces[0] : try Geometry.collection(pieces, context: context).unaryUnion()
        }
        let pieces = cut ? try merged.enumerated().flatMap { try ZonePiece.subdivide($1, index: $0) } : []
        return ZoneSet(
            source: source, names: order, wkb: merged.map(\.wkb), pieces: pieces, areas: try merged.map(meter.area),
            overlapping: cut ? try anyOverlap(pieces, context: context) : false, notes: reader.notes)
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
}
