import Foundation
import GeoKit

/// The report's map data as RFC 7946 GeoJSON through `GeoJSONWriter` (WGS84 lon/lat, counter-clockwise
/// exterior rings, no crs member, bbox): what the report's maps show — the layout layers, the zone
/// statistics, the sites and the conflict geometries. The patches, too many for GeoJSON at a city's scale,
/// are a GeoPackage (`PatchLayer`). Properties are the summary's row for the feature (ids, Chinese and
/// English names, areas in the report's unit) with `unit` naming that unit.
enum ReportGeoJSON {
    /// (file name, document) pairs.
    static func documents(_ content: ReportContent, unit: AreaUnit, precision: Int) throws -> [(String, String)] {
        let context = GEOSContext()
        let summary = content.summary
        let unitMember: (String, JSONValue) = ("unit", .string(unit.rawValue))
        func geometry(_ wkbs: [[UInt8]]) throws -> Geometry {
            let parts = try wkbs.map { try Geometry(wkb: $0, context: context) }
            return parts.count == 1 ? parts[0] : try Geometry.collection(parts, context: context).unaryUnion()
        }
        func text(_ value: JSONValue?) -> JSONValue? {
            switch value {
            case .string?, .integer?: value
            default: nil
            }
        }
        var documents: [(String, String)] = []

        // The layout layers: rows of the layout table, in the same order as the features.
        if let table = summary.table("layout") {
            var row = 0
            for layer in content.layout {
                var features: [GeoJSONFeature] = []
                for feature in layer.features {
                    features.append(
                        GeoJSONFeature(
                            id: text(table.value(row: row, key: "id")), geometry: try geometry([feature.wkb]),
                            properties: table.members(row: row) + [unitMember]))
                    row += 1
                }
                documents.append(
                    (
                        "layout-\(layer.definition.id).geojson",
                        try GeoJSONWriter.document(features, precision: precision)
                    ))
            }
        }

        // Zone statistics: each zone with its row of the table.
        for table in summary.tables {
            guard let shapes = content.zoneShapes[table.id] else { continue }
            let features = try shapes.indices.filter { !shapes[$0].isEmpty }.map { row in
                GeoJSONFeature(
                    id: text(table.value(row: row, key: "id")), geometry: try geometry(shapes[row]),
                    properties: table.members(row: row) + [unitMember])
            }
            documents.append(("stats-\(table.id).geojson", try GeoJSONWriter.document(features, precision: precision)))
        }

        // Sites with their verdict, and the conflict geometries with their finding.
        if let table = summary.table("screening") {
            let siteKeys = ["site_id", "site_name", "site_area", "verdict", "verdict_zh"]
            let sites = try content.sites.map { site in
                GeoJSONFeature(
                    id: text(table.value(row: site.row, key: "site_id")), geometry: try geometry([site.wkb]),
                    properties: table.members(row: site.row).filter { siteKeys.contains($0.0) } + [unitMember])
            }
            documents.append(("sites.geojson", try GeoJSONWriter.document(sites, precision: precision)))
            let conflicts = try content.conflicts.map { conflict in
                GeoJSONFeature(
                    geometry: try geometry([conflict.wkb]), properties: table.members(row: conflict.row) + [unitMember])
            }
            documents.append(("conflicts.geojson", try GeoJSONWriter.document(conflicts, precision: precision)))
        }
        return documents
    }
}
