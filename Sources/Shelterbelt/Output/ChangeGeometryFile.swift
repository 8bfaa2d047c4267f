import Foundation
import GeoKit

/// `--changes FILE`: the pieces whose class changed, for the report maps and for QGIS/ArcGIS. A `.gpkg` holds them
/// in the run's working CRS; `.geojson` or `.json` is RFC 7946 (WGS84 lon/lat). Each piece lies in one zone and
/// carries its before and after class, its zone, the AFTER feature it belongs to and its area as the matrix counts
/// it. Written atomically (`AtomicFile`).
public enum ChangeGeometryFile {
    public enum Kind: Sendable {
        case geoPackage, geoJSON
    }

    /// The kind `path` asks for by its extension, or nil.
    public static func kind(of path: String) -> Kind? {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "gpkg": .geoPackage
        case "geojson", "json": .geoJSON
        default: nil
        }
    }

    public static func write(_ report: ChangeReport, to path: String, kind: Kind) throws {
        do {
            switch kind {
            case .geoJSON: try AtomicFile.write(try geoJSON(report), to: path)
            case .geoPackage: try AtomicFile.write(to: path, fileExtension: "gpkg") { try geoPackage(report, $0) }
            }
        } catch let error as GDALError {
            throw ShelterbeltError(.cannotWriteOutput, file: path, problem: "cannot be written: \(error.message)")
        } catch let error as GeometryError {
            throw ShelterbeltError(.internalError, file: path, problem: "a changed piece cannot be written: \(error)")
        }
    }

    static func values(_ piece: ChangedPiece, _ report: ChangeReport) -> [FieldValue] {
        [
            .string(piece.before), .string(piece.after), .string(zoneName(piece.zone, report.result)),
            .integer(Int(truncatingIfNeeded: piece.afterId)), .real(piece.area),
            .real(report.unit.fromSquareMetres(piece.area)),
        ]
    }

    static func fields(_ unit: AreaUnit) -> [FieldDefinition] {
        [
            FieldDefinition("before", .string), FieldDefinition("after", .string), FieldDefinition("zone", .string),
            FieldDefinition("after_fid", .integer), FieldDefinition("area_m2", .real),
            FieldDefinition("area_\(unit.rawValue)", .real),
        ]
    }

    /// A zone's name; the area outside every zone as the tables name it; empty when the run has no zones.
    static func zoneName(_ zone: Int, _ result: ChangeResult) -> String {
        switch zone {
        case CellKey.outside: StatsReport.label(.outside)
        case CellKey.total: ""
        default: result.zones?.names[zone] ?? ""
        }
    }

    private static func geoPackage(_ report: ChangeReport, _ path: String) throws {
        let writer = try VectorWriter(path: path, driver: "GPKG")
        let layer = try writer.createLayer(
            "changes", fields: fields(report.unit), geometry: .multiPolygon,
            crs: try SpatialReference(report.result.method.workingCRS))
        let context = GEOSContext()
        for piece in report.result.changes {
            // One geometry type per layer: a polygon piece is written as a one-part multipolygon.
            let shape = try Geometry(wkb: piece.wkb, context: context)
            let multi = try shape.kind == .polygon ? Geometry.multiPolygon([shape], context: context) : shape
            try layer.add(values(piece, report), wkb: multi.wkb)
        }
        try writer.close()
    }

    private static func geoJSON(_ report: ChangeReport) throws -> String {
        let context = GEOSContext()
        let toWGS84 = try CoordinateTransform(from: report.result.method.workingCRS, to: "EPSG:4326")
        let names = fields(report.unit).map(\.name)
        let features = try report.result.changes.map { piece in
            let properties = zip(names, values(piece, report)).map { name, value -> (String, JSONValue) in
                switch value {
                case .string(let text): (name, .string(text))
                case .integer(let number): (name, .integer(number))
                case .real(let number): (name, .number(number))
                case .null: (name, .null)
                }
            }
            return GeoJSONFeature(
                geometry: try toWGS84.apply(try Geometry(wkb: piece.wkb, context: context)), properties: properties)
        }
        return try GeoJSONWriter.document(
            features, foreign: [("input_notes", InputNotesText.json(report.result.inputNotes))])
    }
}
