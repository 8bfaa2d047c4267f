import Foundation
import GeoKit

/// A layer manifest (`layers.toml`): a name for the layout, its CRS, and its layers.
///
/// ```toml
/// name_zh = "鄂尔多斯生态格局"
/// name_en = "Ordos ecological layout"
/// crs = "EPSG:4490"
/// corridor_half_width_m = 5000.0
///
/// [[layer]]
/// id = "kongdui"
/// path = "kongdui.geojson"        # relative to the manifest
/// kind = "watershed"
/// name_zh = "十大孔兑"
/// name_en = "Ten tributaries"
/// partition = true                # optional: features must not overlap
/// id_field = "id"                 # optional field mapping (defaults id, name_zh, name_en)
/// published_area_km2 = 10767.0    # optional, with an optional relative tolerance
/// tolerance = 0.05
/// ```
public struct LayerManifest: Sendable {
    public let file: String
    public let nameZh: String
    public let nameEn: String
    /// The CRS the layers are drawn in; a layer in another CRS is reprojected (and `layers check` says so).
    public let crs: String
    /// Half the width of the corridor polygons, as they were drawn (documentation of the layout).
    public let corridorHalfWidthM: Double?
    public let layers: [LayerDefinition]

    public var directory: String { (file as NSString).deletingLastPathComponent }

    public static func load(_ file: String) throws -> LayerManifest {
        let top = try ConfigTable.read(file)
        let (nameZh, nameEn) = (try top.string("name_zh"), try top.string("name_en"))
        let crs = try top.optionalString("crs") ?? "EPSG:4490"
        guard (try? SpatialReference(crs)) != nil else {
            throw top.error("crs", "'\(crs)' is not a CRS GDAL recognises", remedy: "use the form EPSG:4490")
        }
        let halfWidth = try top.double("corridor_half_width_m")
        if let halfWidth, !(halfWidth > 0) {
            throw top.error("corridor_half_width_m", "must be above 0, not \(halfWidth)")
        }
        let directory = (file as NSString).deletingLastPathComponent
        let tables = try top.tables("layer")
        guard !tables.isEmpty else { throw top.error("layer", "the manifest lists no [[layer]]") }
        var layers: [LayerDefinition] = []
        for table in tables {
            let layer = try LayerDefinition(table, directory: directory)
            if let first = layers.firstIndex(where: { $0.id == layer.id }) {
                throw table.identified(layer.id).error("id", "duplicate: [[layer]] \(first + 1) has the same id")
            }
            layers.append(layer)
        }
        return LayerManifest(
            file: file, nameZh: nameZh, nameEn: nameEn, crs: crs,
            corridorHalfWidthM: halfWidth, layers: layers)
    }
}
