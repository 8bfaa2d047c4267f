import CGEOS

/// A GEOS geometry owned by Swift: destroyed when the last reference goes.
public final class Geometry {
    public let context: GEOSContext
    let handle: OpaquePointer

    /// Takes ownership of a handle returned by a GEOS constructor or operation.
    init(owning handle: OpaquePointer, in context: GEOSContext) {
        self.handle = handle
        self.context = context
    }

    /// Wraps the result of a GEOS call, turning NULL into the context's error.
    static func make(_ result: OpaquePointer?, _ context: GEOSContext, _ operation: String) throws -> Geometry {
        guard let result else { throw context.takeError(operation) }
        return Geometry(owning: result, in: context)
    }

    deinit { GEOSGeom_destroy_r(context.handle, handle) }

    public convenience init(wkb: UnsafeRawBufferPointer, context: GEOSContext) throws {
        let made = GEOSWKBReader_read_r(context.handle, context.wkbReader,
                                        wkb.baseAddress!.assumingMemoryBound(to: UInt8.self), wkb.count)
        guard let made else { throw context.takeError("reading WKB") }
        self.init(owning: made, in: context)
    }

    public convenience init(wkb: [UInt8], context: GEOSContext) throws {
        let made = wkb.withUnsafeBytes { GEOSWKBReader_read_r(context.handle, context.wkbReader, $0.baseAddress!.assumingMemoryBound(to: UInt8.self), $0.count) }
        guard let made else { throw context.takeError("reading WKB") }
        self.init(owning: made, in: context)
    }

    public convenience init(wkt: String, context: GEOSContext) throws {
        let reader = GEOSWKTReader_create_r(context.handle)
        defer { GEOSWKTReader_destroy_r(context.handle, reader) }
        guard let made = GEOSWKTReader_read_r(context.handle, reader, wkt) else { throw context.takeError("reading WKT") }
        self.init(owning: made, in: context)
    }

    /// A copy of this geometry that belongs to another context.
    public func copy(into other: GEOSContext) throws -> Geometry { try Geometry(wkb: wkb, context: other) }

    /// ISO WKB, 2D, little-endian.
    public var wkb: [UInt8] {
        var size = 0
        guard let bytes = GEOSWKBWriter_write_r(context.handle, context.wkbWriter, handle, &size) else { return [] }
        defer { GEOSFree_r(context.handle, bytes) }
        return Array(UnsafeBufferPointer(start: bytes, count: size))
    }

    public var wkt: String {
        let writer = GEOSWKTWriter_create_r(context.handle)
        defer { GEOSWKTWriter_destroy_r(context.handle, writer) }
        GEOSWKTWriter_setTrim_r(context.handle, writer, 1)
        guard let text = GEOSWKTWriter_write_r(context.handle, writer, handle) else { return "" }
        defer { GEOSFree_r(context.handle, text) }
        return String(cString: text)
    }

    public var kind: GeometryKind { GeometryKind(rawValue: GEOSGeomTypeId_r(context.handle, handle)) ?? .collection }
    public var isEmpty: Bool { GEOSisEmpty_r(context.handle, handle) == 1 }
    public var isValid: Bool { GEOSisValid_r(context.handle, handle) == 1 }

    /// Why the geometry is invalid ("Valid Geometry" when it is not).
    public var validityReason: String {
        guard let text = GEOSisValidReason_r(context.handle, handle) else { return "unknown" }
        defer { GEOSFree_r(context.handle, text) }
        return String(cString: text)
    }

    /// Area in the units of the coordinates squared (meaningful only for projected coordinates).
    public var planarArea: Double {
        var area = 0.0
        _ = GEOSArea_r(context.handle, handle, &area)
        return area
    }

    public var envelope: Envelope {
        var env = Envelope(minX: 0, minY: 0, maxX: 0, maxY: 0)
        guard !isEmpty else { return .empty }
        _ = GEOSGeom_getXMin_r(context.handle, handle, &env.minX)
        _ = GEOSGeom_getYMin_r(context.handle, handle, &env.minY)
        _ = GEOSGeom_getXMax_r(context.handle, handle, &env.maxX)
        _ = GEOSGeom_getYMax_r(context.handle, handle, &env.maxY)
        return env
    }

    /// Number of coordinates in all parts and rings.
    public var pointCount: Int { Int(GEOSGetNumCoordinates_r(context.handle, handle)) }

    public var partCount: Int { Int(GEOSGetNumGeometries_r(context.handle, handle)) }

    /// The parts of a multi-geometry or collection (a single geometry is its own only part), as copies.
    public var parts: [Geometry] {
        (0..<partCount).map { index in
            let part = GEOSGetGeometryN_r(context.handle, handle, Int32(index))!
            return Geometry(owning: GEOSGeom_clone_r(context.handle, part)!, in: context)
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
        Envelope(minX: min(minX, other.minX), minY: min(minY, other.minY),
                 maxX: max(maxX, other.maxX), maxY: max(maxY, other.maxY))
    }
}
