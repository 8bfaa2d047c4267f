import CGEOS

/// A geometry indexed for repeated predicate tests (point-in-polygon with a segment index).
/// Keeps its base geometry alive, as GEOS requires.
public final class PreparedGeometry {
    public let geometry: Geometry
    private let handle: OpaquePointer

    public init(_ geometry: Geometry) throws {
        guard let made = GEOSPrepare_r(geometry.context.handle, geometry.handle) else {
            throw geometry.context.takeError("preparing a geometry")
        }
        self.geometry = geometry
        self.handle = made
    }

    deinit { GEOSPreparedGeom_destroy_r(geometry.context.handle, handle) }

    private var context: GEOSContextHandle_t { geometry.context.handle }

    /// True when `other` lies in the interior, not touching the boundary: the fast path of an overlay.
    public func containsProperly(_ other: Geometry) -> Bool { GEOSPreparedContainsProperly_r(context, handle, other.handle) == 1 }
    public func intersects(_ other: Geometry) -> Bool { GEOSPreparedIntersects_r(context, handle, other.handle) == 1 }
    public func covers(_ other: Geometry) -> Bool { GEOSPreparedCovers_r(context, handle, other.handle) == 1 }

    public func distance(to other: Geometry) -> Double {
        var distance = 0.0
        _ = GEOSPreparedDistance_r(context, handle, other.handle, &distance)
        return distance
    }
}
