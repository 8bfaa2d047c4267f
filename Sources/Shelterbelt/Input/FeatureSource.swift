import GeoKit

/// One layer read for its role, feature by feature: clean geometries in the working CRS with the values of the
/// fields asked for, and the notes of everything the reader repaired, skipped, converted or doubted.
///
/// Every engine reads its layers through this (or, to clean on worker threads as `stats` does, through
/// `OpenedLayer.nextRaw` and one `FeatureCleaner` per thread), so a check or a fix made here holds for every
/// role and every command.
/// The shape of exactextract's `FeatureSource`: next feature, count, and here the notes.
public final class FeatureSource {
    /// One feature: its geometry, or why it has none, and its values.
    public struct Item {
        public let raw: RawFeature
        /// nil when the feature was left out (`skipped` says why; the notes count it).
        public let geometry: Geometry?
        public let shape: FeatureShape
        public let skipped: InputNotes.Kind?
        public var id: Int64 { raw.id }
        public func text(_ field: Int) -> String? { raw.values[field].text }
    }

    public let opened: OpenedLayer
    let cleaner: FeatureCleaner
    let fields: [Int]
    public private(set) var notes = InputNotes()
    /// Features read so far, kept or not.
    public private(set) var read = 0
    /// Polygons as stored, kept to look for web-map coordinates (zones and constraints in lon/lat only).
    private var offsetSample: [[UInt8]]?

    /// Opens `source` and reads the given fields of each feature; `method` names the working CRS.
    public convenience init(
        _ source: LayerSource, fields: [String] = [], to method: AreaMethod = .geodesic,
        edges: EdgeRule = .straight
    ) throws {
        let opened = try source.open()
        try self.init(
            opened,
            fields: try fields.map {
                try opened.field($0, option: "a field this \(source.role.rawValue) layer must have")
            },
            to: method, edges: edges)
    }

    /// `context`: the calling thread's GEOS context, when the geometries are to meet others made in it.
    public init(
        _ opened: OpenedLayer, fields: [Int], to method: AreaMethod = .geodesic, edges: EdgeRule = .straight,
        context: GEOSContext = GEOSContext()
    ) throws {
        self.opened = opened
        self.fields = fields
        cleaner = try FeatureCleaner(opened, to: method, edges: edges, context: context)
        opened.warnings.forEach { notes.remark("GDAL: \($0)") }
        if [.zones, .constraint].contains(opened.source.role), opened.webMapOffset == nil,
            CRSChoice.isLonLatOfWebMaps(opened.crs)
        {
            offsetSample = []
        }
    }

    /// Features the layer says it holds, when the driver knows without reading them all.
    public var count: Int? { opened.layer.featureCount }
    public var context: GEOSContext { cleaner.context }
    public var label: LayerLabel { opened.label }

    /// The next feature, kept or skipped; nil at the end, where GDAL's warnings join the notes.
    public func next() throws -> Item? {
        guard let raw = try opened.nextRaw(fields: fields) else {
            GDALWarnings.shared.drain().forEach { notes.remark("GDAL: \($0)") }
            if let sample = offsetSample {
                offsetSample = nil
                try WebMapCheck.verify(sample, source: opened.source, layer: opened.name)
            }
            return nil
        }
        read += 1
        switch try cleaner.clean(raw, notes: &notes) {
        case .kept(let geometry, let shape):
            if shape == .area, let wkb = raw.geometry?.wkb, let count = offsetSample?.count,
                count < WebMapCheck.sampleFeatures
            {
                offsetSample?.append(wkb)
            }
            return Item(raw: raw, geometry: geometry, shape: shape, skipped: nil)
        case .skipped(let kind): return Item(raw: raw, geometry: nil, shape: .area, skipped: kind)
        }
    }

    /// The next feature that has a usable geometry, the others skipped (and noted).
    public func nextKept() throws -> Item? {
        while let item = try next() {
            if item.geometry != nil { return item }
        }
        return nil
    }

    /// Adds a remark about this layer to its notes (e.g. zones merged by name).
    public func remark(_ text: String) { notes.remark(text) }
}
