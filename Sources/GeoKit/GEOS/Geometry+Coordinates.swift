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
        var polygons: [PolygonRings] = []
        forEachRing { ring, isHole in
            if isHole {
                polygons[polygons.count - 1].holes.append(Array(ring))
            } else {
                polygons.append(PolygonRings(exterior: Array(ring), holes: []))
            }
        }
        return polygons
    }

    /// Calls `body` with the coordinates of each ring of every polygon in this geometry, each exterior
    /// before its holes, closing point included. Nothing is allocated for rings that fit on the stack
    /// (`polygons` builds arrays), which counts when areas walk millions of vertices; the buffer is
    /// valid only during the call.
    public func forEachRing(_ body: (_ ring: UnsafeBufferPointer<Point>, _ isHole: Bool) -> Void) {
        switch kind {
        case .polygon: if !isEmpty { forEachRing(ofPolygon: handle, body) }
        case .multiPolygon, .collection:
            for index in 0..<partCount {
                let part = GEOSGetGeometryN_r(context.handle, handle, Int32(index))!
                guard GEOSGeomTypeId_r(context.handle, part) == GEOS_POLYGON.rawValue,
                      GEOSisEmpty_r(context.handle, part) == 0 else { continue }
                forEachRing(ofPolygon: part, body)
            }
        default: break
        }
    }

    private func forEachRing(ofPolygon polygon: OpaquePointer,
                             _ body: (_ ring: UnsafeBufferPointer<Point>, _ isHole: Bool) -> Void) {
        withPoints(ofRing: GEOSGetExteriorRing_r(context.handle, polygon)!) { body($0, false) }
        for hole in 0..<max(GEOSGetNumInteriorRings_r(context.handle, polygon), 0) {
            withPoints(ofRing: GEOSGetInteriorRingN_r(context.handle, polygon, hole)!) { body($0, true) }
        }
    }

    /// The coordinates of a ring or line, copied into a temporary buffer for the duration of `body`.
    private func withPoints<Result>(ofRing ring: OpaquePointer,
                                    _ body: (UnsafeBufferPointer<Point>) -> Result) -> Result {
        let sequence = GEOSGeom_getCoordSeq_r(context.handle, ring)!
        var size: UInt32 = 0
        GEOSCoordSeq_getSize_r(context.handle, sequence, &size)
        return withUnsafeTemporaryAllocation(of: Point.self, capacity: Int(size)) { buffer in
            buffer.withMemoryRebound(to: Double.self) { doubles in
                _ = GEOSCoordSeq_copyToBuffer_r(context.handle, sequence, doubles.baseAddress, 0, 0)
            }
            return body(UnsafeBufferPointer(buffer))
        }
    }

    /// Coordinates of a point, line or ring geometry (for points and lines).
    public var linePoints: [Point] {
        guard kind == .point || kind == .lineString || kind == .linearRing, !isEmpty else { return [] }
        return withPoints(ofRing: handle) { Array($0) }
    }

    public static func point(_ p: Point, context: GEOSContext) throws -> Geometry {
        try .make(GEOSGeom_createPointFromXY_r(context.handle, p.x, p.y), context, "building a point")
    }

    public static func rectangle(_ envelope: Envelope, context: GEOSContext) throws -> Geometry {
        try .make(GEOSGeom_createRectangle_r(context.handle, envelope.minX, envelope.minY, envelope.maxX, envelope.maxY),
                  context, "building a rectangle")
    }

    public static func lineString(_ points: [Point], context: GEOSContext) throws -> Geometry {
        try .make(GEOSGeom_createLineString_r(context.handle, sequence(points, context)), context, "building a line")
    }

    /// A polygon from closed rings (the first point must equal the last).
    public static func polygon(_ rings: PolygonRings, context: GEOSContext) throws -> Geometry {
        guard let shell = GEOSGeom_createLinearRing_r(context.handle, sequence(rings.exterior, context)) else {
            throw context.takeError("building a ring")
        }
        var holes: [OpaquePointer?] = []
        for hole in rings.holes {
            guard let made = GEOSGeom_createLinearRing_r(context.handle, sequence(hole, context)) else {
                GEOSGeom_destroy_r(context.handle, shell)
                holes.forEach { GEOSGeom_destroy_r(context.handle, $0) }
                throw context.takeError("building a ring")
            }
            holes.append(made)
        }
        let made = holes.withUnsafeMutableBufferPointer {
            GEOSGeom_createPolygon_r(context.handle, shell, $0.baseAddress, UInt32($0.count))
        }
        return try .make(made, context, "building a polygon")
    }

    private static func sequence(_ points: [Point], _ context: GEOSContext) -> OpaquePointer {
        points.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: Double.self) {
                GEOSCoordSeq_copyFromBuffer_r(context.handle, $0.baseAddress, UInt32(points.count), 0, 0)!
            }
        }
    }

    /// A copy with every (x, y) replaced by `body`, which returns false when a point cannot be mapped.
    public func mapCoordinates(_ body: (inout Double, inout Double) -> Bool) throws -> Geometry {
        try withoutActuallyEscaping(body) { body in
            var closure = body
            return try withUnsafeMutablePointer(to: &closure) { pointer in
                let made = GEOSGeom_transformXY_r(context.handle, handle, { x, y, userdata in
                    let body = userdata!.assumingMemoryBound(to: ((inout Double, inout Double) -> Bool).self).pointee
                    return body(&x!.pointee, &y!.pointee) ? 1 : 0
                }, pointer)
                return try .make(made, context, "transforming coordinates")
            }
        }
    }
}
