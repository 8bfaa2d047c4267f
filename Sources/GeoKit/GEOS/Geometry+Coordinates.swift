import CGEOS

/// A planar coordinate pair: (x, y) = (easting, northing) or (longitude, latitude).
public struct Point: Hashable, Sendable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) { self.x = x; self.y = y }
}

/// The rings of one polygon, each closed (first point repeated last).
public struct PolygonRings: Sendable {
    public var exterior: [Point]
    public var holes: [[Point]]
    public init(exterior: [Point], holes: [[Point]]) { self.exterior = exterior; self.holes = holes }
}

/// Reading and building coordinates.
extension Geometry {
    /// Rings of every polygon in this geometry (empty for non-polygonal geometries).
    public var polygons: [PolygonRings] {
        get throws {
            var polygons: [PolygonRings] = []
            try forEachRing { ring, isHole in
                if isHole {
                    polygons[polygons.count - 1].holes.append(Array(ring))
                } else {
                    polygons.append(PolygonRings(exterior: Array(ring), holes: []))
                }
            }
            return polygons
        }
    }

    /// Calls `body` with the coordinates of each ring of every polygon in this geometry, each exterior
    /// before its holes, closing point included. Nothing is allocated for rings that fit on the stack
    /// (`polygons` builds arrays), which counts when areas walk millions of vertices; the buffer is
    /// valid only during the call.
    public func forEachRing(_ body: (_ ring: UnsafeBufferPointer<Point>, _ isHole: Bool) throws -> Void) throws {
        switch try kind {
        case .polygon: if try !isEmpty { try forEachRing(ofPolygon: handle, body) }
        case .multiPolygon, .collection:
            for index in 0..<(try partCount) {
                let part = try context.object("reading a part") { GEOSGetGeometryN_r($0, handle, Int32(index)) }
                guard
                    try context.count("reading a part's type", { GEOSGeomTypeId_r($0, part) }) == GEOS_POLYGON.rawValue,
                    try !context.predicate("testing emptiness", { GEOSisEmpty_r($0, part) })
                else { continue }
                try forEachRing(ofPolygon: part, body)
            }
        default: break
        }
    }

    private func forEachRing(
        ofPolygon polygon: OpaquePointer,
        _ body: (_ ring: UnsafeBufferPointer<Point>, _ isHole: Bool) throws -> Void
    ) throws {
        try withPoints(ofRing: try context.object("reading a ring") { GEOSGetExteriorRing_r($0, polygon) }) {
            try body($0, false)
        }
        for hole in 0..<(try context.count("counting holes") { GEOSGetNumInteriorRings_r($0, polygon) }) {
            let ring = try context.object("reading a ring") { GEOSGetInteriorRingN_r($0, polygon, Int32(hole)) }
            try withPoints(ofRing: ring) { try body($0, true) }
        }
    }

    /// The coordinates of a ring or line, copied into a temporary buffer for the duration of `body`.
    private func withPoints<Result>(
        ofRing ring: OpaquePointer,
        _ body: (UnsafeBufferPointer<Point>) throws -> Result
    ) throws -> Result {
        let sequence = try context.object("reading coordinates") { GEOSGeom_getCoordSeq_r($0, ring) }
        var size: UInt32 = 0
        guard GEOSCoordSeq_getSize_r(context.handle, sequence, &size) != 0 else {
            throw context.takeError("reading coordinates")
        }
        return try withUnsafeTemporaryAllocation(of: Point.self, capacity: Int(size)) { buffer in
            let copied = buffer.withMemoryRebound(to: Double.self) { doubles in
                GEOSCoordSeq_copyToBuffer_r(context.handle, sequence, doubles.baseAddress, 0, 0)
            }
            guard copied != 0 else { throw context.takeError("reading coordinates") }
            return try body(UnsafeBufferPointer(buffer))
        }
    }

    /// Coordinates of a point, line or ring geometry (for points and lines).
    public var linePoints: [Point] {
        get throws {
            let kind = try kind
            guard kind == .point || kind == .lineString || kind == .linearRing, try !isEmpty else { return [] }
            return try withPoints(ofRing: handle) { Array($0) }
        }
    }

    public static func point(_ p: Point, context: GEOSContext) throws -> Geometry {
        try .make("building a point", context) { GEOSGeom_createPointFromXY_r($0, p.x, p.y) }
    }

    public static func rectangle(_ envelope: Envelope, context: GEOSContext) throws -> Geometry {
        try .make("building a rectangle", context) {
            GEOSGeom_createRectangle_r($0, envelope.minX, envelope.minY, envelope.maxX, envelope.maxY)
        }
    }

    public static func lineString(_ points: [Point], context: GEOSContext) throws -> Geometry {
        let coordinates = try sequence(points, context)
        return try .make("building a line", context) { GEOSGeom_createLineString_r($0, coordinates) }
    }

    /// A polygon from closed rings (the first point must equal the last).
    public static func polygon(_ rings: PolygonRings, context: GEOSContext) throws -> Geometry {
        let exterior = try sequence(rings.exterior, context)
        guard let shell = GEOSGeom_createLinearRing_r(context.handle, exterior) else {
            throw context.takeError("building a ring")
        }
        var holes: [OpaquePointer?] = []
        for hole in rings.holes {
            guard let coordinates = try? sequence(hole, context),
                let made = GEOSGeom_createLinearRing_r(context.handle, coordinates)
            else {
                GEOSGeom_destroy_r(context.handle, shell)
                holes.forEach { GEOSGeom_destroy_r(context.handle, $0) }
                throw context.takeError("building a ring")
            }
            holes.append(made)
        }
        return try holes.withUnsafeMutableBufferPointer { buffer in
            try .make("building a polygon", context) {
                GEOSGeom_createPolygon_r($0, shell, buffer.baseAddress, UInt32(buffer.count))
            }
        }
    }

    private static func sequence(_ points: [Point], _ context: GEOSContext) throws -> OpaquePointer {
        try points.withUnsafeBufferPointer { buffer in
            try buffer.withMemoryRebound(to: Double.self) { doubles in
                try context.object("building coordinates") {
                    GEOSCoordSeq_copyFromBuffer_r($0, doubles.baseAddress, UInt32(points.count), 0, 0)
                }
            }
        }
    }

    /// A copy with every (x, y) replaced by `body`, which returns false when a point cannot be mapped.
    public func mapCoordinates(_ body: (inout Double, inout Double) -> Bool) throws -> Geometry {
        try withoutActuallyEscaping(body) { body in
            var closure = body
            return try withUnsafeMutablePointer(to: &closure) { pointer in
                try .make("transforming coordinates", context) {
                    GEOSGeom_transformXY_r(
                        $0, handle,
                        { x, y, userdata in
                            let body = userdata!.assumingMemoryBound(to: ((inout Double, inout Double) -> Bool).self)
                                .pointee
                            return body(&x!.pointee, &y!.pointee) ? 1 : 0
                        }, pointer)
                }
            }
        }
    }
}
