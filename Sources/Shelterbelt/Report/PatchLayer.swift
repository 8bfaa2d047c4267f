import Foundation
import GeoKit

/// The treated patches as the report hands them on: a GeoPackage in WGS84 lon/lat with each patch's own
/// attributes and its geodesic area in the report's unit, written while the patches stream through the
/// engine (GeoJSON of a city's million patches is hundreds of MB that no desktop GIS opens quickly).
/// Worker threads hand their batches to one writer thread through a bounded queue, so they never wait on
/// SQLite while it has room; all features go in one transaction. Features keep their ids, so the layer
/// reads in the subject's order. (Checked by hand: the GDAL writer is touched only by the writer thread
/// until `close` has waited for it to end.)
final class PatchLayer: @unchecked Sendable {
    private let writer: VectorWriter
    private let queue = BoundedQueue<[Row]>(capacity: 16)
    private let failure = Locked<Error?>(nil)
    private let finished = DispatchSemaphore(value: 0)

    /// `fields` are the subject's; the area and unit columns follow them, under names the subject does not use.
    init(path: String, fields: [FieldDefinition]) throws {
        writer = try VectorWriter(path: path, driver: "GPKG")
        let taken = Set(fields.map { $0.name.lowercased() })
        func unused(_ name: String) -> String {
            var name = name
            while taken.contains(name.lowercased()) { name = "report_" + name }
            return name
        }
        // Handed to the writer thread, which alone adds to it (the class comment).
        nonisolated(unsafe) let layer = try writer.createLayer(
            "patches",
            fields: fields + [FieldDefinition(unused("area"), .real), FieldDefinition(unused("unit"), .string)],
            geometry: .unknown, crs: try SpatialReference("EPSG:4326"))
        try writer.beginTransaction()
        // The thread holds the queue, the layer and the failure, not `self`: a layer dropped without `close`
        // (the run failed) closes the queue in `deinit`, and the thread ends.
        let thread = Thread { [queue, failure, finished] in
            while let rows = queue.pop() {
                do {
                    for row in rows { try layer.add(row.values, wkb: row.wkb, fid: row.fid) }
                } catch {
                    failure.update { $0 = error }
                    queue.close(discard: true)
                }
            }
            finished.signal()
        }
        thread.start()
    }

    deinit { queue.close(discard: true) }

    /// One patch as written: its id, WGS84 WKB and values (the subject's, then area and unit).
    struct Row: Sendable {
        let fid: Int64
        let wkb: [UInt8]
        let values: [FieldValue]
    }

    /// Queues `rows` for the writer thread (waiting only while the queue is full); throws the writer's
    /// error once it has failed.
    func add(_ rows: [Row]) throws {
        if let error = failure.value { throw error }
        queue.push(rows)
    }

    /// Waits for the writer thread to write what is queued, then commits and closes the file.
    func close() throws {
        queue.close()
        finished.wait()
        if let error = failure.value { throw error }
        try writer.commitTransaction()
        try writer.close()
    }
}
