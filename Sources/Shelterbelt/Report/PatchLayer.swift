import Foundation
import GeoKit

/// The treated patches as the report hands them on: a GeoPackage in WGS84 lon/lat with each patch's own
/// attributes and its geodesic area in the report's unit, written while the patches stream through the
/// engine (GeoJSON of a city's million patches is hundreds of MB that no desktop GIS opens quickly).
/// Worker threads add batches in turn; features keep their ids, so the layer reads in the subject's order.
/// (Checked by hand: the GDAL writer is touched only while `lock` is held.)
final class PatchLayer: @unchecked Sendable {
    private let writer: VectorWriter
    private let layer: LayerWriter
    private let lock = NSLock()

    /// `fields` are the subject's; the area and unit columns follow them, under names the subject does not use.
    init(path: String, fields: [FieldDefinition]) throws {
        writer = try VectorWriter(path: path, driver: "GPKG")
        let taken = Set(fields.map { $0.name.lowercased() })
        func unused(_ name: String) -> String {
            var name = name
            while taken.contains(name.lowercased()) { name = "report_" + name }
            return name
        }
        layer = try writer.createLayer(
            "patches",
            fields: fields + [FieldDefinition(unused("area"), .real), FieldDefinition(unused("unit"), .string)],
            geometry: .unknown, crs: try SpatialReference("EPSG:4326"))
        try writer.beginTransaction()
    }

    /// One patch as written: its id, WGS84 WKB and values (the subject's, then area and unit).
    struct Row: Sendable {
        let fid: Int64
        let wkb: [UInt8]
        let values: [FieldValue]
    }

    func add(_ rows: [Row]) throws {
        lock.lock()
        defer { lock.unlock() }
        for row in rows { try layer.add(row.values, wkb: row.wkb, fid: row.fid) }
    }

    func close() throws {
        lock.lock()
        defer { lock.unlock() }
        try writer.commitTransaction()
        try writer.close()
    }
}
