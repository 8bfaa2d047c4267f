import CPROJ

/// A PROJ transformation between two CRSs with its own PROJ context, so each worker owns one.
/// Axis order is always the traditional GIS one: x = easting or longitude, y = northing or latitude.
public final class CoordinateTransform {
    private let context: OpaquePointer
    private let transform: OpaquePointer
    public let source: String
    public let target: String

    /// `source` and `target` are anything PROJ accepts: "EPSG:4524", WKT, PROJJSON.
    public init(from source: String, to target: String) throws {
        self.source = source
        self.target = target
        context = proj_context_create()
        guard let raw = proj_create_crs_to_crs(context, source, target, nil) else {
            let message = String(cString: proj_context_errno_string(context, proj_context_errno(context)))
            proj_context_destroy(context)
            throw TransformError(message: "cannot transform between these coordinate systems: \(message)")
        }
        defer { proj_destroy(raw) }
        guard let normalized = proj_normalize_for_visualization(context, raw) else {
            proj_context_destroy(context)
            throw TransformError(message: "cannot normalise the axis order of the transformation")
        }
        transform = normalized
    }

    deinit {
        proj_destroy(transform)
        proj_context_destroy(context)
    }

    /// Transforms one point; nil when PROJ cannot (e.g. outside the projection's domain).
    public func apply(_ point: Point) -> Point? {
        let result = proj_trans(transform, PJ_FWD, proj_coord(point.x, point.y, 0, 0))
        guard result.xy.x.isFinite, result.xy.y.isFinite else { return nil }
        return Point(x: result.xy.x, y: result.xy.y)
    }

    /// A copy of `geometry` in the target CRS.
    public func apply(_ geometry: Geometry) throws -> Geometry {
        do {
            return try geometry.mapCoordinates { x, y in
                guard let moved = apply(Point(x: x, y: y)) else { return false }
                x = moved.x
                y = moved.y
                return true
            }
        } catch {
            throw TransformError(message: "a coordinate could not be transformed from \(source) to \(target)")
        }
    }
}

public struct TransformError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public var description: String { message }
}
