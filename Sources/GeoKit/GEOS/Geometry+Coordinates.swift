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
        switch kind {
        case .polygon: return isEmpty ? [] : [rings(ofPolygon: handle)]
        case .multiPolygon, .collection:
            return (0..<partCount).flatMap { index -> [PolygonRings] in
                let part = GEOSGetGeometryN_r(context.handle, handle, Int32(index))!
                guard GEOSGeomTypeId_r(context.handle, part) == GEOS_POLYGON.rawValue,
                      GEOSisEmpty_r(context.handle, part) == 0 else { return [] }
                return [rings(ofPolygon: part)]
            }
        default: return []
        }
    }

    private func rings(ofPolygon polygon: OpaquePointer) -> PolygonRings {
        let exterior = points(ofRing: GEOSGetExteriorRing_r(context.handle, polygon)!)
        let holeCount = GEOSGetNumInteriorRings_r(context.handle, polygon)
        let holes = (0..<max(holeCount, 0)).map { points(ofRing: GEOSGetInteriorRingN_r(context.handle, polygon, $0)!) }
        return PolygonRings(exterior: exterior, holes: holes)
    }

    private func points(ofRing ring: OpaquePointer) -> [Point] {
        let sequence = GEOSGeom_getCoordSeq_r(context.handle, ring)!
        var size: UInt32 = 0
        GEOSCoordSeq_getSize_r(context.handle, sequence, &size)
        return [Point](unsafeUninitializedCapacity: Int(size)) { buffer, count in
            buffer.withMemoryRebound(to: Double.self) { doubles in
                _ = GEOSCoordSeq_copyToBuffer_r(context.handle, sequence, doubles.baseAddress, 0, 0)
            }
            count = Int(size)
        }
    }

    /// Coordinates of a point, line or ring geometry (for points and lines).
    public var linePoints: [Point] {
        guard kind == .point || kind == .lineString || kind == .linearRing, !isEmpty else { return [] }
        return points(ofRing: handle)
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
