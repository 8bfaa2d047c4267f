import CPROJ

/// A PROJ transformation between two CRSs with its own PROJ context, so each worker owns one.
/// Axis order is always the traditional GIS one: x = easting or longitude, y = northing or latitude.
/// It may be handed to another thread (hence Sendable) but is used by one thread at a time;
/// `copy()` gives each thread its own.
public final class CoordinateTransform: @unchecked Sendable {
    private let context: OpaquePointer
    private let transform: OpaquePointer
    public let source: String
    public let target: String
    /// Whether PROJ knows no datum transformation here and takes the two datums as equal ("ballpark").
    public let isBallpark: Bool
    /// The datum of the source CRS (e.g. "Xian 1980"), when PROJ can tell.
    public let sourceDatum: String?

    /// `source` and `target` are anything PROJ accepts: "EPSG:4524", WKT, PROJJSON.
    public init(from source: String, to target: String) throws {
        self.source = source
        self.target = target
        context = Self.quietContext()
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
        isBallpark = proj_coordoperation_has_ballpark_transformation(context, normalized) == 1
        sourceDatum = Self.datumName(of: normalized, context: context)
    }

    private init(copying other: CoordinateTransform) throws {
        context = Self.quietContext()
        guard let cloned = proj_clone(context, other.transform) else {
            proj_context_destroy(context)
            throw TransformError(message: "cannot copy the transformation from \(other.source) to \(other.target)")
        }
        transform = cloned
        (source, target, isBallpark, sourceDatum) = (other.source, other.target, other.isBallpark, other.sourceDatum)
    }

    /// The same transformation with its own PROJ context, for another thread. Much cheaper than
    /// building it again, which searches PROJ's database (tens of milliseconds for WGS 84 → CGCS2000).
    public func copy() throws -> CoordinateTransform { try CoordinateTransform(copying: self) }

    /// A PROJ context that does not print: failures come back as errors with PROJ's message.
    private static func quietContext() -> OpaquePointer {
        let context = proj_context_create()!
        proj_log_level(context, PJ_LOG_NONE)
        return context
    }

    private static func datumName(of operation: OpaquePointer, context: OpaquePointer) -> String? {
        guard let crs = proj_get_source_crs(context, operation) else { return nil }
        defer { proj_destroy(crs) }
        // A projected CRS's datum is its base geographic CRS's; "forced" also names datum ensembles (WGS 84).
        guard let datum = proj_crs_get_datum_forced(context, crs) else { return nil }
        defer { proj_destroy(datum) }
        return proj_get_name(datum).map { String(cString: $0) }
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

    /// Transforms points in place, all in one PROJ call; false when any cannot be transformed.
    public func apply(_ points: inout [Point]) -> Bool {
        guard !points.isEmpty else { return true }
        let count = points.count
        let stride = MemoryLayout<Point>.stride
        return points.withUnsafeMutableBytes { bytes in
            let x = bytes.baseAddress!.assumingMemoryBound(to: Double.self)
            let y = (bytes.baseAddress! + MemoryLayout<Double>.stride).assumingMemoryBound(to: Double.self)
            _ = proj_trans_generic(transform, PJ_FWD, x, stride, count, y, stride, count, nil, 0, 0, nil, 0, 0)
            return (0..<count).allSatisfy { x[$0 * 2].isFinite && y[$0 * 2].isFinite }
        }
    }

    /// A copy of `geometry` in the target CRS. Polygons go ring by ring through one PROJ call each;
    /// other geometries point by point.
    public func apply(_ geometry: Geometry) throws -> Geometry {
        let kind = try geometry.kind
        if kind.isPolygonal, try !geometry.isEmpty {
            var polygons = try geometry.polygons
            for index in polygons.indices {
                guard apply(&polygons[index].exterior),
                    polygons[index].holes.indices.allSatisfy({ apply(&polygons[index].holes[$0]) })
                else {
                    throw TransformError(message: "a coordinate could not be transformed from \(source) to \(target)")
                }
            }
            let rebuilt = try polygons.map { try Geometry.polygon($0, context: geometry.context) }
            return kind == .polygon ? rebuilt[0] : try Geometry.multiPolygon(rebuilt, context: geometry.context)
        }
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
