import GeoKit

/// A manifest layer read into memory for `layers list` and `layers check`: every feature's geometry
/// in CGCS2000 lon/lat (the geodesic working CRS), named by its id field. Invalid polygons come
/// repaired, as `stats` would use them; `notes` says which were.
struct LoadedLayer {
    struct Feature {
        let fid: Int64
        /// The `id_field` value, or `#fid` when the feature has none.
        let id: String
        let geometry: Geometry
    }

    let definition: LayerDefinition
    let crs: SpatialReference
    /// Extent in the layer's own CRS.
    let extent: Envelope?
    let featuresRead: Int
    let features: [Feature]
    let notes: InputNotes
    /// Mapped fields (id_field, name_zh_field, name_en_field) the layer does not have.
    let missingFields: [String]
    let context: GEOSContext
    let meter = AreaMeter(.geodesic)

    init(_ definition: LayerDefinition, context: GEOSContext) throws {
        let opened = try definition.source.open()
        let fields = [definition.idField, definition.nameZhField, definition.nameEnField]
        let transform = try Reprojection.transform(from: opened, to: .geodesic)
        let idField = opened.layer.fieldIndex(definition.idField)
        var notes = InputNotes()
        var features: [Feature] = []
        var read = 0
        while let raw = try opened.nextRaw(keyField: idField) {
            read += 1
            let geometry = definition.kind.isLinear
                ? try Self.line(raw, in: context, notes: &notes)
                : try ZoneSet.polygonal(raw, in: context, label: opened.label, notes: &notes)
            guard let geometry else { continue }
            let moved = try Reprojection.apply(transform, to: geometry, feature: raw.id, of: opened.label, notes: &notes)
            features.append(Feature(fid: raw.id, id: raw.key ?? "#\(raw.id)", geometry: moved))
        }
        self.definition = definition
        crs = opened.crs
        extent = opened.layer.extent
        featuresRead = read
        self.features = features
        self.notes = notes
        missingFields = fields.filter { opened.layer.fieldIndex($0) == nil }
        self.context = context
    }

    /// A centre line as read; anything else in a line layer is noted and left out.
    private static func line(_ raw: RawFeature, in context: GEOSContext, notes: inout InputNotes) throws -> Geometry? {
        guard let read = raw.geometry else { notes.record(.nullGeometry, feature: raw.id); return nil }
        if read.isEmpty { notes.record(.emptyGeometry, feature: raw.id); return nil }
        guard read.kind == .line else { notes.record(.otherGeometry, feature: raw.id); return nil }
        return try Geometry(wkb: read.wkb, context: context)
    }

    /// The layer's features as one geometry, overlaps dissolved.
    func union() throws -> Geometry {
        try Geometry.collection(features.map(\.geometry), context: context).unaryUnion()
    }

    /// Area in m² covered by the layer (overlaps counted once); nil for line layers.
    func coveredArea() throws -> Double? {
        definition.kind.isLinear ? nil : try meter.area(try union())
    }

    /// The id of a feature, by its OGR feature id.
    func id(ofFid fid: Int64) -> String { features.first { $0.fid == fid }?.id ?? "#\(fid)" }
}
