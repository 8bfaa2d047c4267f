import CGEOS

/// Overlay, repair and measurement operations. Each returns a new geometry in the same context.
extension Geometry {
    public func intersection(_ other: Geometry) throws -> Geometry {
        try .make(GEOSIntersection_r(context.handle, handle, other.handle), context, "intersection")
    }

    public func difference(_ other: Geometry) throws -> Geometry {
        try .make(GEOSDifference_r(context.handle, handle, other.handle), context, "difference")
    }

    public func union(_ other: Geometry) throws -> Geometry {
        try .make(GEOSUnion_r(context.handle, handle, other.handle), context, "union")
    }

    /// The part inside an axis-aligned rectangle, by GEOS's linear-time rectangle clipper
    /// (much faster than `intersection` for large polygons).
    public func clipped(to envelope: Envelope) throws -> Geometry {
        try .make(GEOSClipByRect_r(context.handle, handle, envelope.minX, envelope.minY, envelope.maxX, envelope.maxY),
                  context, "clipping to a rectangle")
    }

    /// The union of all parts of this geometry (dissolves overlaps inside it).
    public func unaryUnion() throws -> Geometry {
        try .make(GEOSUnaryUnion_r(context.handle, handle), context, "union")
    }

    /// Repairs an invalid geometry with the "structure" method, which keeps the area a user drew
    /// (a bow-tie becomes two triangles) and drops collapsed parts instead of turning them into lines.
    public func makeValid() throws -> Geometry {
        let params = GEOSMakeValidParams_create_r(context.handle)
        defer { GEOSMakeValidParams_destroy_r(context.handle, params) }
        _ = GEOSMakeValidParams_setMethod_r(context.handle, params, GEOS_MAKE_VALID_STRUCTURE)
        _ = GEOSMakeValidParams_setKeepCollapsed_r(context.handle, params, 0)
        return try .make(GEOSMakeValidWithParams_r(context.handle, handle, params), context, "make-valid")
    }

    public func buffer(_ width: Double, quadrantSegments: Int32 = 16) throws -> Geometry {
        try .make(GEOSBuffer_r(context.handle, handle, width, quadrantSegments), context, "buffer")
    }

    /// Only the polygons of this geometry (an overlay can return lines and points where shapes touch).
    public func polygonalPart() throws -> Geometry {
        switch kind {
        case .polygon, .multiPolygon: return self
        case .collection:
            let polygons = parts.flatMap { part in part.kind == .multiPolygon ? part.parts : [part] }
                .filter { $0.kind == .polygon && !$0.isEmpty }
            return try Geometry.multiPolygon(polygons, context: context)
        default: return try Geometry.multiPolygon([], context: context)
        }
    }

    /// A multipolygon made of copies of the given polygons.
    public static func multiPolygon(_ polygons: [Geometry], context: GEOSContext) throws -> Geometry {
        var handles: [OpaquePointer?] = polygons.map { GEOSGeom_clone_r(context.handle, $0.handle) }
        let made = handles.withUnsafeMutableBufferPointer {
            GEOSGeom_createCollection_r(context.handle, Int32(GEOS_MULTIPOLYGON.rawValue), $0.baseAddress, UInt32($0.count))
        }
        return try .make(made, context, "building a multipolygon")
    }

    /// A collection of copies of the given geometries, e.g. to union them in one call.
    public static func collection(_ geometries: [Geometry], context: GEOSContext) throws -> Geometry {
        var handles: [OpaquePointer?] = geometries.map { GEOSGeom_clone_r(context.handle, $0.handle) }
        let made = handles.withUnsafeMutableBufferPointer {
            GEOSGeom_createCollection_r(context.handle, Int32(GEOS_GEOMETRYCOLLECTION.rawValue), $0.baseAddress, UInt32($0.count))
        }
        return try .make(made, context, "building a collection")
    }

    public func intersects(_ other: Geometry) -> Bool { GEOSIntersects_r(context.handle, handle, other.handle) == 1 }

    /// Whether the DE-9IM matrix of the pair matches a pattern such as "T********" (interiors meet).
    public func relate(_ other: Geometry, pattern: String) -> Bool {
        GEOSRelatePattern_r(context.handle, handle, other.handle, pattern) == 1
    }

    /// Minimum planar distance (in coordinate units).
    public func distance(to other: Geometry) -> Double {
        var distance = 0.0
        _ = GEOSDistance_r(context.handle, handle, other.handle, &distance)
        return distance
    }

    /// The two closest points, this geometry's first.
    public func nearestPoints(to other: Geometry) -> (Point, Point)? {
        guard let seq = GEOSNearestPoints_r(context.handle, handle, other.handle) else { return nil }
        defer { GEOSCoordSeq_destroy_r(context.handle, seq) }
        var a = Point(x: 0, y: 0), b = Point(x: 0, y: 0)
        GEOSCoordSeq_getXY_r(context.handle, seq, 0, &a.x, &a.y)
        GEOSCoordSeq_getXY_r(context.handle, seq, 1, &b.x, &b.y)
        return (a, b)
    }
}
