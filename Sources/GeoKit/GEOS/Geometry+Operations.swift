import CGEOS

/// Overlay, repair and measurement operations. Each returns a new geometry in the same context.
extension Geometry {
    public func intersection(_ other: Geometry) throws -> Geometry {
        try .make("intersection", context) { GEOSIntersection_r($0, handle, other.handle) }
    }

    public func difference(_ other: Geometry) throws -> Geometry {
        try .make("difference", context) { GEOSDifference_r($0, handle, other.handle) }
    }

    public func union(_ other: Geometry) throws -> Geometry {
        try .make("union", context) { GEOSUnion_r($0, handle, other.handle) }
    }

    /// The part inside an axis-aligned rectangle, by GEOS's linear-time rectangle clipper
    /// (much faster than `intersection` for large polygons).
    public func clipped(to envelope: Envelope) throws -> Geometry {
        try .make("clipping to a rectangle", context) {
            GEOSClipByRect_r($0, handle, envelope.minX, envelope.minY, envelope.maxX, envelope.maxY)
        }
    }

    /// The union of all parts of this geometry (dissolves overlaps inside it).
    public func unaryUnion() throws -> Geometry {
        try .make("union", context) { GEOSUnaryUnion_r($0, handle) }
    }

    /// Repairs an invalid geometry with the "structure" method, which keeps the area a user drew
    /// (a bow-tie becomes two triangles) and drops collapsed parts instead of turning them into lines.
    public func makeValid() throws -> Geometry {
        let params = try context.object("make-valid parameters") { GEOSMakeValidParams_create_r($0) }
        defer { GEOSMakeValidParams_destroy_r(context.handle, params) }
        guard GEOSMakeValidParams_setMethod_r(context.handle, params, GEOS_MAKE_VALID_STRUCTURE) != 0,
            GEOSMakeValidParams_setKeepCollapsed_r(context.handle, params, 0) != 0
        else {
            throw context.takeError("make-valid parameters")
        }
        return try .make("make-valid", context) { GEOSMakeValidWithParams_r($0, handle, params) }
    }

    /// The geometry without vertices closer than `tolerance` to the line between their neighbours (Douglas-Peucker),
    /// keeping rings valid and apart.
    public func simplified(_ tolerance: Double) throws -> Geometry {
        try .make("simplify", context) { GEOSTopologyPreserveSimplify_r($0, handle, tolerance) }
    }

    public func buffer(_ width: Double, quadrantSegments: Int32 = 16) throws -> Geometry {
        try .make("buffer", context) { GEOSBuffer_r($0, handle, width, quadrantSegments) }
    }

    /// Only the polygons of this geometry, at any depth of nesting (an overlay can return lines and points
    /// where shapes touch, and a collection may hold collections).
    public func polygonalPart() throws -> Geometry {
        switch try kind {
        case .polygon, .multiPolygon: return self
        case .collection: return try Geometry.multiPolygon(try polygonsInside(), context: context)
        default: return try Geometry.multiPolygon([], context: context)
        }
    }

    /// The non-empty polygons of this geometry, collections and multipolygons opened at any depth.
    private func polygonsInside() throws -> [Geometry] {
        switch try kind {
        case .polygon: return try isEmpty ? [] : [self]
        case .multiPolygon, .collection: return try parts.flatMap { try $0.polygonsInside() }
        default: return []
        }
    }

    /// A multipolygon made of copies of the given polygons.
    public static func multiPolygon(_ polygons: [Geometry], context: GEOSContext) throws -> Geometry {
        try collection(of: polygons, type: GEOS_MULTIPOLYGON, context: context, "building a multipolygon")
    }

    /// A multilinestring made of copies of the given lines.
    public static func multiLineString(_ lines: [Geometry], context: GEOSContext) throws -> Geometry {
        try collection(of: lines, type: GEOS_MULTILINESTRING, context: context, "building a multilinestring")
    }

    /// A collection of copies of the given geometries, e.g. to union them in one call.
    public static func collection(_ geometries: [Geometry], context: GEOSContext) throws -> Geometry {
        try collection(of: geometries, type: GEOS_GEOMETRYCOLLECTION, context: context, "building a collection")
    }

    private static func collection(
        of members: [Geometry], type: GEOSGeomTypes, context: GEOSContext,
        _ operation: String
    ) throws -> Geometry {
        var handles: [OpaquePointer?] = []
        for member in members {
            guard let clone = GEOSGeom_clone_r(context.handle, member.handle) else {
                handles.forEach { GEOSGeom_destroy_r(context.handle, $0) }
                throw context.takeError(operation)
            }
            handles.append(clone)
        }
        // On failure GEOS has not taken the members: they are still ours to free.
        let made = handles.withUnsafeMutableBufferPointer {
            GEOSGeom_createCollection_r(context.handle, Int32(type.rawValue), $0.baseAddress, UInt32($0.count))
        }
        guard let made else {
            handles.forEach { GEOSGeom_destroy_r(context.handle, $0) }
            throw context.takeError(operation)
        }
        return Geometry(owning: made, in: context)
    }

    public func intersects(_ other: Geometry) throws -> Bool {
        try context.predicate("intersects") { GEOSIntersects_r($0, handle, other.handle) }
    }

    /// Whether the DE-9IM matrix of the pair matches a pattern such as "T********" (interiors meet).
    public func relate(_ other: Geometry, pattern: String) throws -> Bool {
        try context.predicate("relate") { GEOSRelatePattern_r($0, handle, other.handle, pattern) }
    }

    /// Minimum planar distance (in coordinate units).
    public func distance(to other: Geometry) throws -> Double {
        try context.measure("distance") { GEOSDistance_r($0, handle, other.handle, $1) }
    }

    /// The two closest points, this geometry's first.
    public func nearestPoints(to other: Geometry) throws -> (Point, Point) {
        let sequence = try context.object("nearest points") { GEOSNearestPoints_r($0, handle, other.handle) }
        defer { GEOSCoordSeq_destroy_r(context.handle, sequence) }
        var a = Point(x: 0, y: 0), b = Point(x: 0, y: 0)
        guard GEOSCoordSeq_getXY_r(context.handle, sequence, 0, &a.x, &a.y) != 0,
            GEOSCoordSeq_getXY_r(context.handle, sequence, 1, &b.x, &b.y) != 0
        else {
            throw context.takeError("nearest points")
        }
        return (a, b)
    }
}
