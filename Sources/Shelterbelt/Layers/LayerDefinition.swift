import Foundation

/// One `[[layer]]` of a layer manifest: where the layer is, what it is, and which of its fields hold
/// the id and names (a bureau's own data keeps its own field names; the manifest maps them).
public struct LayerDefinition: Sendable {
    public let id: String
    /// The path as written in the manifest, relative to it.
    public let path: String
    /// The path resolved against the manifest's folder.
    public let file: String
    public let kind: LayerKind
    public let nameZh: String
    public let nameEn: String
    /// Whether the features must not overlap (watersheds, banners, zones).
    public let partition: Bool
    public let idField: String
    public let nameZhField: String
    public let nameEnField: String
    public let publishedAreaKm2: Double?
    /// Relative tolerance of the measured area against the published one.
    public let tolerance: Double?

    /// Reads and checks one `[[layer]]` table; `directory` is the manifest's folder.
    init(_ table: ConfigTable, directory: String) throws {
        id = try table.string("id")
        let table = table.identified(id)
        path = try table.string("path")
        file = path.hasPrefix("/") ? path : (directory as NSString).appendingPathComponent(path)
        guard FileManager.default.fileExists(atPath: file) else {
            throw table.error("path", "\(file) does not exist", remedy: "paths are relative to the manifest's folder")
        }
        let kindText = try table.string("kind")
        guard let kind = LayerKind(rawValue: kindText) else {
            throw table.error(
                "kind", "'\(kindText)' is not a layer kind",
                remedy: "use one of: \(LayerKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self.kind = kind
        nameZh = try table.string("name_zh")
        nameEn = try table.string("name_en")
        partition = try table.bool("partition") ?? false
        if partition && kind.isLinear {
            throw table.error("partition", "a \(kind.rawValue) layer has no area to partition")
        }
        idField = try table.optionalString("id_field") ?? "id"
        nameZhField = try table.optionalString("name_zh_field") ?? "name_zh"
        nameEnField = try table.optionalString("name_en_field") ?? "name_en"
        publishedAreaKm2 = try table.double("published_area_km2")
        if let published = publishedAreaKm2, !(published > 0) {
            throw table.error("published_area_km2", "must be above 0, not \(published)")
        }
        tolerance = try table.double("tolerance")
        if let tolerance {
            guard tolerance > 0, tolerance < 1 else {
                throw table.error("tolerance", "must be a fraction between 0 and 1 (0.02 = 2 %), not \(tolerance)")
            }
            guard publishedAreaKm2 != nil else {
                throw table.error("tolerance", "is given but published_area_km2 is not")
            }
        }
    }

    /// The published area in m².
    public var publishedArea: Double? { publishedAreaKm2.map { $0 * 1_000_000 } }

    /// How far a measured area (m²) is off the published one: (measured − published) / published.
    public func deviation(of area: Double?) -> Double? {
        guard let area, let published = publishedArea else { return nil }
        return (area - published) / published
    }

    /// Where to read the layer from.
    public var source: LayerSource { LayerSource(path: file, role: .layerSet, shapes: kind.isLinear ? .lines : .areas) }
}
