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
        let idField = opened.layer.fieldIndex(definition.idField)
        let reader = try FeatureSource(opened, fields: idField.map { [$0] } ?? [], to: .geodesic, context: context)
        var features: [Feature] = []
        while let item = try reader.nextKept(), let geometry = item.geometry {
            features.append(Feature(fid: item.id, id: item.raw.key ?? "#\(item.id)", geometry: geometry))
        }
        self.definition = definition
        crs = opened.crs
        extent = opened.layer.extent
        featuresRead = reader.read
        self.features = features
        notes = reader.notes
        missingFields = fields.filter { opened.layer.fieldIndex($0) == nil }
        self.context = context
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
