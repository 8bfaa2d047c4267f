import GeoKit

/// What an engine reads its features from, before cleaning: an OGR layer (`OpenedLayer`), or features made in
/// memory (`InMemoryLayer`), so that an engine can be tested on exactly the features a test needs.
public protocol FeatureReader {
    var label: LayerLabel { get }
    /// The CRS the features' coordinates are in.
    var crs: SpatialReference { get }
    var webMapOffset: WebMapOffset? { get }
    var skipBadCoordinates: Bool { get }
    /// What GDAL (or anything else) warned of on opening.
    var warnings: [String] { get }
    /// Features there are, when known without reading them.
    var featureCount: Int? { get }
    /// Index of a field, or an error listing the fields there are.
    func field(_ name: String, option: String) throws -> Int
    /// The next feature with the values of `fields`; nil at the end.
    func nextRaw(fields: [Int]) throws -> RawFeature?
    /// One feature by id, for a second look.
    func raw(id: Int64, fields: [Int]) throws -> RawFeature
}

extension OpenedLayer: FeatureReader {
    public var skipBadCoordinates: Bool { source.skipBadCoordinates }
    public var featureCount: Int? { layer.featureCount }
}

/// Features made in memory, read like a layer: WKB geometries with their values.
public final class InMemoryLayer: FeatureReader {
    public let label: LayerLabel
    public let crs: SpatialReference
    public let webMapOffset: WebMapOffset? = nil
    public let skipBadCoordinates = false
    public let warnings: [String] = []
    private let fieldNames: [String]
    private let features: [RawFeature]
    private var position = 0

    /// `features` carry one value per name of `fields`.
    public init(name: String, crs: String, fields: [String], features: [RawFeature]) throws {
        label = LayerLabel(path: "(memory)", name: name)
        self.crs = try SpatialReference(crs)
        fieldNames = fields
        self.features = features
    }

    public var featureCount: Int? { features.count }

    public func field(_ name: String, option: String) throws -> Int {
        guard let index = fieldNames.firstIndex(of: name) else {
            throw ShelterbeltError(.usage, layer: label.name, problem: "has no field '\(name)' (\(option))")
        }
        return index
    }

    public func nextRaw(fields: [Int]) throws -> RawFeature? {
        guard position < features.count else { return nil }
        defer { position += 1 }
        return select(features[position], fields)
    }

    public func raw(id: Int64, fields: [Int]) throws -> RawFeature {
        guard let feature = features.first(where: { $0.id == id }) else {
            throw ShelterbeltError(.internalError, layer: label.name, feature: id, problem: "no such feature")
        }
        return select(feature, fields)
    }

    private func select(_ feature: RawFeature, _ fields: [Int]) -> RawFeature {
        RawFeature(id: feature.id, geometry: feature.geometry, values: fields.map { feature.values[$0] })
    }
}
