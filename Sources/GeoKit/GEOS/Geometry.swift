import CGEOS

/// A GEOS geometry owned by Swift: destroyed when the last reference goes.
///
/// Every GEOS call goes through one of `GEOSContext`'s checked call shapes, so an exception inside GEOS
/// becomes a `GeometryError` naming the operation, never a false, a zero or a NULL taken at face value.
public final class Geometry {
    public let context: GEOSContext
    let handle: OpaquePointer

    /// Takes ownership of a handle returned by a GEOS constructor or operation.
    init(owning handle: OpaquePointer, in context: GEOSContext) {
        self.handle = handle
        self.context = context
    }

    /// Runs a GEOS call that makes a new geometry, turning NULL into the context's error.
    static func make(_ operation: String, _ context: GEOSContext, _ call: (GEOSContextHandle_t) -> OpaquePointer?)
        throws -> Geometry
    {
        Geometry(owning: try context.object(operation, call), in: context)
    }

    deinit { GEOSGeom_destroy_r(context.handle, handle) }

    public convenience init(wkb: UnsafeRawBufferPointer, context: GEOSContext) throws {
        guard let base = wkb.baseAddress else { throw GeometryError(operation: "reading WKB", message: "no bytes") }
        let made = try context.object("reading WKB") {
            GEOSWKBReader_read_r($0, context.wkbReader, base.assumingMemoryBound(to: UInt8.self), wkb.count)
        }
        self.init(owning: made, in: context)
    }

    public convenience init(wkb: [UInt8], context: GEOSContext) throws {
        let made = try wkb.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else {
                throw GeometryError(operation: "reading WKB", message: "no bytes")
            }
            return try context.object("reading WKB") {
                GEOSWKBReader_read_r($0, context.wkbReader, base.assumingMemoryBound(to: UInt8.self), bytes.count)
            }
        }
        self.init(owning: made, in: context)
    }

    public convenience init(wkt: String, context: GEOSContext) throws {
        let reader = try context.object("creating a WKT reader") { GEOSWKTReader_create_r($0) }
        defer { GEOSWKTReader_destroy_r(context.handle, reader) }
        self.init(owning: try context.object("reading WKT") { GEOSWKTReader_read_r($0, reader, wkt) }, in: context)
    }

    /// A copy of this geometry that belongs to another context.
    public func copy(into other: GEOSContext) throws -> Geometry { try Geometry(wkb: wkb, context: other) }

    /// ISO WKB, 2D, little-endian (empty when GEOS cannot write it, which a valid handle never causes).
    public var wkb: [UInt8] {
        var size = 0
        guard let bytes = GEOSWKBWriter_write_r(context.handle, context.wkbWriter, handle, &size) else { return [] }
        defer { GEOSFree_r(context.handle, bytes) }
        return Array(UnsafeBufferPointer(start: bytes, count: size))
    }

    public var wkt: String {
        guard let writer = GEOSWKTWriter_create_r(context.handle) else { return "" }
        defer { GEOSWKTWriter_destroy_r(context.handle, writer) }
        GEOSWKTWriter_setTrim_r(context.handle, writer, 1)
        guard let text = GEOSWKTWriter_write_r(context.handle, writer, handle) else { return "" }
        defer { GEOSFree_r(context.handle, text) }
        return String(cString: text)
    }

    public var kind: GeometryKind {
        get throws {
            let id = try context.count("reading the geometry type") { GEOSGeomTypeId_r($0, handle) }
            guard let kind = GeometryKind(rawValue: Int32(id)) else {
                throw GeometryError(operation: "reading the geometry type", message: "unknown GEOS type id \(id)")
            }
            return kind
        }
    }

    public var isEmpty: Bool { get throws { try context.predicate("testing emptiness") { GEOSisEmpty_r($0, handle) } } }
    public var isValid: Bool { get throws { try context.predicate("testing validity") { GEOSisValid_r($0, handle) } } }

    /// Why the geometry is invalid ("Valid Geometry" when it is not).
    public var validityReason: String {
        guard let text = GEOSisValidReason_r(context.handle, handle) else { return "unknown" }
        defer { GEOSFree_r(context.handle, text) }
        return String(cString: text)
    }

    /// Area in the units of the coordinates squared (meaningful only for projected coordinates).
    public var planarArea: Double { get throws { try context.measure("area") { GEOSArea_r($0, handle, $1) } } }

    public var envelope: Envelope {
        get throws {
            guard try !isEmpty else { return .empty }
            return Envelope(
                minX: try context.measure("envelope") { GEOSGeom_getXMin_r($0, handle, $1) },
                minY: try context.measure("envelope") { GEOSGeom_getYMin_r($0, handle, $1) },
                maxX: try context.measure("envelope") { GEOSGeom_getXMax_r($0, handle, $1) },
                maxY: try context.measure("envelope") { GEOSGeom_getYMax_r($0, handle, $1) })
        }
    }

    /// Number of coordinates in all parts and rings.
    public var pointCount: Int {
        get throws { try context.count("counting coordinates") { GEOSGetNumCoordinates_r($0, handle) } }
    }

    public var partCount: Int {
        get throws { try context.count("counting parts") { GEOSGetNumGeometries_r($0, handle) } }
    }

    /// The parts of a multi-geometry or collection (a single geometry is its own only part), as copies.
    public var parts: [Geometry] {
        get throws {
            try (0..<partCount).map { index in
                try Geometry.make("copying a part", context) { context in
                    GEOSGetGeometryN_r(context, handle, Int32(index)).flatMap { GEOSGeom_clone_r(context, $0) }
                }
            }
        }
    }
}

/// GEOS geometry type ids.
public enum GeometryKind: Int32, Sendable {
    case point = 0, lineString, linearRing, polygon, multiPoint, multiLineString, multiPolygon, collection

    public var isPolygonal: Bool { self == .polygon || self == .multiPolygon }
}

/// An axis-aligned bounding box.
public struct Envelope: Equatable, Sendable {
    public var minX, minY, maxX, maxY: Double

    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX; self.minY = minY; self.maxX = maxX; self.maxY = maxY
    }

    public static let empty = Envelope(minX: .infinity, minY: .infinity, maxX: -.infinity, maxY: -.infinity)
    public var isEmpty: Bool { minX > maxX || minY > maxY }

    public func intersects(_ other: Envelope) -> Bool {
        !(other.minX > maxX || other.maxX < minX || other.minY > maxY || other.maxY < minY)
    }

    /// Whether `other` lies inside this envelope (boundary included).
    public func contains(_ other: Envelope) -> Bool {
        other.minX >= minX && other.maxX <= maxX && other.minY >= minY && other.maxY <= maxY
    }

    public func union(_ other: Envelope) -> Envelope {
        Envelope(
            minX: min(minX, other.minX), minY: min(minY, other.minY),
            maxX: max(maxX, other.maxX), maxY: max(maxY, other.maxY))
    }
}
