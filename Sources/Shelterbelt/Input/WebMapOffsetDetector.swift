import Foundation
import GeoKit

/// Tells whether a lon/lat polygon layer that claims WGS84/CGCS2000 is really in a web map's offset
/// coordinates (GCJ-02 or BD-09), by how closely its vertices follow known boundaries (the banners,
/// the city outline) under each reading. Only vertices near those boundaries take part, so a layer
/// that has nothing to do with them gets no verdict rather than a wrong one.
///
/// Not thread-safe (it owns a GEOS context): use one detector per thread.
public final class WebMapOffsetDetector {
    /// A vertex takes part when, under some reading, it lies this close to a reference boundary.
    static let nearMetres = 2_000.0
    /// The largest shift of any reading in China (BD-09: about 1.3 km), to skip far vertices early.
    static let largestShiftMetres = 1_500.0
    static let maxSamples = 2_000
    static let minVertices = 30
    /// Boundaries from two sources differ: the detailed AMap banners (taken back to WGS84) lie a median
    /// 139 m from the generalised tianditu banners (203 m from the city outline, whose Yellow River reach
    /// differs most), and 366 m (400 m) when left in GCJ-02. So an offset is called only when the declared
    /// reading is off by more than that noise and an offset reading's median is at most 2/3 of the
    /// declared one: 0.38 (0.51) there, while a layer unrelated to the boundaries stays above 0.85.
    static let minDeclaredMedianMetres = 150.0
    static let requiredImprovement = 1.5

    private let context = GEOSContext()
    private let frame: LocalFrame
    /// The reference boundaries as lines in the local frame (nil when the reference has no polygon).
    private let boundary: PreparedGeometry?

    /// `reference`: polygons in lon/lat (CGCS2000 or WGS84) whose boundaries the layers should follow.
    public init(reference: [Geometry]) throws {
        let rings = try reference.flatMap { try $0.polygons }.flatMap { [$0.exterior] + $0.holes }
        let envelope = rings.joined().reduce(Envelope.empty) {
            $0.union(Envelope(minX: $1.x, minY: $1.y, maxX: $1.x, maxY: $1.y))
        }
        let frame = LocalFrame(middleLatitude: envelope.isEmpty ? 0 : (envelope.minY + envelope.maxY) / 2)
        self.frame = frame
        guard !rings.isEmpty else {
            boundary = nil
            return
        }
        let context = self.context
        let lines = try rings.map { ring in try Geometry.lineString(ring.map(frame.project), context: context) }
        // The union merges the edges neighbours share into one MultiLineString, which GEOS prepares with a
        // segment index for distances (a GeometryCollection would be searched segment by segment).
        boundary = try PreparedGeometry(Geometry.collection(lines, context: context).unaryUnion())
    }

    /// Compares the layer's fit to the reference as declared, as GCJ-02 and as BD-09.
    public func assess(_ layer: [Geometry]) throws -> WebMapOffsetAssessment {
        let vertices = Self.sample(try layer.flatMap { try $0.polygons }.flatMap { [$0.exterior] + $0.holes })
        var declared: [Double] = [], gcj02: [Double] = [], bd09: [Double] = []
        for vertex in vertices {
            let asDeclared = try distance(vertex)
            guard asDeclared <= Self.nearMetres + Self.largestShiftMetres else { continue }
            let asGCJ02 = try distance(WebMapOffset.gcj02.toWGS84(vertex))
            let asBD09 = try distance(WebMapOffset.bd09.toWGS84(vertex))
            guard min(asDeclared, asGCJ02, asBD09) <= Self.nearMetres else { continue }
            declared.append(asDeclared)
            gcj02.append(asGCJ02)
            bd09.append(asBD09)
        }
        return WebMapOffsetAssessment(
            declaredMedian: Self.median(declared), gcj02Median: Self.median(gcj02),
            bd09Median: Self.median(bd09), verticesUsed: declared.count)
    }

    /// The same for polygons given as WKB (e.g. `RawFeature.geometry?.wkb`).
    public func assess(wkb: [[UInt8]]) throws -> WebMapOffsetAssessment {
        try assess(wkb.map { try Geometry(wkb: $0, context: context) })
    }

    /// Metres from a lon/lat point to the nearest reference boundary.
    private func distance(_ point: Point) throws -> Double {
        guard let boundary else { return .infinity }
        return try boundary.distance(to: try Geometry.point(frame.project(point), context: context))
    }

    /// Up to `maxSamples` vertices spread evenly over the rings (closing points left out).
    private static func sample(_ rings: [[Point]]) -> [Point] {
        let vertices = rings.flatMap { $0.dropLast() }
        let stride = max(1, (vertices.count + maxSamples - 1) / maxSamples)
        return Swift.stride(from: 0, to: vertices.count, by: stride).map { vertices[$0] }
    }

    private static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}

/// Lon/lat scaled to metres around one latitude (GRS80 radii of curvature there): over the 3.4° of
/// latitude of Ordos distances are within about 3 % of the geodesic ones, ample to compare readings.
private struct LocalFrame {
    let metresPerDegreeX: Double
    let metresPerDegreeY: Double

    init(middleLatitude: Double) {
        let a = Ellipsoid.grs80.semiMajorAxis, f = Ellipsoid.grs80.flattening
        let e2 = f * (2 - f)
        let sinPhi = sin(middleLatitude * .pi / 180)
        let w = (1 - e2 * sinPhi * sinPhi).squareRoot()
        metresPerDegreeX = a / w * cos(middleLatitude * .pi / 180) * .pi / 180
        metresPerDegreeY = a * (1 - e2) / (w * w * w) * .pi / 180
    }

    func project(_ point: Point) -> Point { Point(x: point.x * metresPerDegreeX, y: point.y * metresPerDegreeY) }
}

/// How a layer fits the reference boundaries under each reading of its coordinates.
public struct WebMapOffsetAssessment: Sendable {
    public enum Verdict: Sendable, Equatable {
        /// The layer fits as declared, or no offset reading fits clearly better.
        case asDeclared
        /// The layer fits only when read as this web map's coordinates.
        case offset(WebMapOffset)
        /// Too few of its vertices follow the reference boundaries to tell.
        case undecided
    }

    /// Median distances in metres from the vertices used to the reference boundaries, with the layer
    /// read as declared, as GCJ-02 and as BD-09; NaN when no vertex was used.
    public let declaredMedian: Double
    public let gcj02Median: Double
    public let bd09Median: Double
    /// Sampled vertices that lie near a reference boundary under some reading.
    public let verticesUsed: Int

    /// The reading with the smallest median (nil: as declared), whatever the verdict.
    public var bestReading: WebMapOffset? {
        if gcj02Median < min(declaredMedian, bd09Median) { return .gcj02 }
        if bd09Median < min(declaredMedian, gcj02Median) { return .bd09 }
        return nil
    }

    public var verdict: Verdict {
        guard verticesUsed >= WebMapOffsetDetector.minVertices else { return .undecided }
        guard let best = bestReading, declaredMedian > WebMapOffsetDetector.minDeclaredMedianMetres,
            median(best) * WebMapOffsetDetector.requiredImprovement < declaredMedian
        else { return .asDeclared }
        return .offset(best)
    }

    public func median(_ reading: WebMapOffset) -> Double {
        switch reading {
        case .gcj02: return gcj02Median
        case .bd09: return bd09Median
        }
    }
}
