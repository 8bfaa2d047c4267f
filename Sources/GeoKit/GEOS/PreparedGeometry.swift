import CGEOS

/// A geometry indexed for repeated predicate tests (point-in-polygon with a segment index).
/// Keeps its base geometry alive, as GEOS requires.
public final class PreparedGeometry {
    public let geometry: Geometry
    private let handle: OpaquePointer

    public init(_ geometry: Geometry) throws {
        handle = try geometry.context.object("preparing a geometry") { GEOSPrepare_r($0, geometry.handle) }
        self.geometry = geometry
    }

    deinit { GEOSPreparedGeom_destroy_r(geometry.context.handle, handle) }

    private var context: GEOSContext { geometry.context }

    /// True when `other` lies in the interior, not touching the boundary: the fast path of an overlay.
    public func containsProperly(_ other: Geometry) throws -> Bool {
        try context.predicate("contains-properly") { GEOSPreparedContainsProperly_r($0, handle, other.handle) }
    }

    public func intersects(_ other: Geometry) throws -> Bool {
        try context.predicate("intersects") { GEOSPreparedIntersects_r($0, handle, other.handle) }
    }

    public func covers(_ other: Geometry) throws -> Bool {
        try context.predicate("covers") { GEOSPreparedCovers_r($0, handle, other.handle) }
    }

    public func distance(to other: Geometry) throws -> Double {
        try context.measure("distance") { GEOSPreparedDistance_r($0, handle, other.handle, $1) }
    }
}
