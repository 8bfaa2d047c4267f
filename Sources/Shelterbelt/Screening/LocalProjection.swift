import Foundation
import GeoKit

/// Metric work near one site: a transverse Mercator projection on GRS80 whose central meridian is the
/// site's longitude rounded to 0.1°, so scale error within a few kilometres of the site is below
/// 1e-6 (a Gauss-Krüger zone is 1.5° wide and errs by up to 2e-4 at its edge). One per worker thread:
/// projections are cached by central meridian (Ordos needs fewer than 50).
///
/// - Buffers of point and line sites are drawn here (GEOS buffer, 32 segments per quarter circle: a
///   128-gon inscribed in the circle, 0.04 % less area, at most 0.03 % short of the radius between
///   vertices) and brought back to lon/lat.
/// - Distances: the nearest points are found here by GEOS, brought back to lon/lat, and the distance
///   is the geodesic between them on GRS80 (`Geodesic.distance`). Straight lines in this projection
///   are geodesics to within a millimetre over a few kilometres; with edges straight in lon/lat (the
///   default, as areas take them) both geometries get vertices every 0.0009° first, so an east-west edge
///   follows its parallel (1.7 km of it at 40°N bulges 48 mm poleward of the geodesic).
/// - Slivers: an overlap is thin when eroding it by half the tolerance leaves nothing, i.e. no disc
///   of diameter `tolerance_m` fits inside it.
final class LocalProjection {
    static let step = 0.1
    private var cache: [Int: (forward: CoordinateTransform, inverse: CoordinateTransform)] = [:]
    private let geodesic = Geodesic(.grs80)
    /// Longest lon/lat edge taken as it is when distances are measured; nil with geodesic edges.
    private let densifyStep: Double?

    init(edges: EdgeRule) { densifyStep = edges == .straight ? EdgeRule.step(geographic: true) : nil }

    /// Lon/lat ↔ a transverse Mercator whose central meridian is near the middle of `envelope`.
    func transforms(around envelope: Envelope) throws -> (forward: CoordinateTransform, inverse: CoordinateTransform) {
        // Int(exactly:): an empty or non-finite envelope is an error, not a trap.
        guard let key = Int(exactly: ((envelope.minX + envelope.maxX) / 2 / Self.step).rounded()) else {
            throw ShelterbeltError(.internalError, problem: "a geometry without a finite extent cannot be projected")
        }
        if let found = cache[key] { return found }
        let lonlat = "+proj=longlat +ellps=GRS80 +no_defs +type=crs"
        let tmerc =
            "+proj=tmerc +lat_0=0 +lon_0=\(Double(key) * Self.step) +k=1 +x_0=500000 +y_0=0 "
            + "+ellps=GRS80 +units=m +no_defs +type=crs"
        let made = (
            forward: try CoordinateTransform(from: lonlat, to: tmerc),
            inverse: try CoordinateTransform(from: tmerc, to: lonlat)
        )
        cache[key] = made
        return made
    }

    /// The area within `metres` of a lon/lat geometry, in lon/lat.
    func buffer(_ geometry: Geometry, metres: Double) throws -> Geometry {
        let (forward, inverse) = try transforms(around: geometry.envelope)
        return try inverse.apply(try forward.apply(geometry).buffer(metres, quadrantSegments: 32))
    }

    /// Geodesic metres between the nearest points of two lon/lat geometries, and those points.
    func distance(_ a: Geometry, _ b: Geometry) throws -> (metres: Double, from: Point, to: Point) {
        let (forward, inverse) = try transforms(around: try a.envelope)
        func projected(_ geometry: Geometry) throws -> Geometry {
            try forward.apply(try densifyStep.map { try Densify.geometry(geometry, step: $0) } ?? geometry)
        }
        let (near, far) = try projected(a).nearestPoints(to: try projected(b))
        guard let from = inverse.apply(near), let to = inverse.apply(far) else {
            throw ShelterbeltError(
                .internalError, problem: "GEOS found no nearest points between two non-empty geometries")
        }
        return (geodesic.distance(from, to), from, to)
    }

    /// Whether a lon/lat polygonal geometry is nowhere as thick as `tolerance` metres.
    func isThin(_ geometry: Geometry, tolerance: Double) throws -> Bool {
        guard tolerance > 0 else { return false }
        let (forward, _) = try transforms(around: geometry.envelope)
        return try forward.apply(geometry).buffer(-tolerance / 2, quadrantSegments: 8).isEmpty
    }

    /// An envelope grown by at least `metres` in every direction (GRS80 degrees are never shorter
    /// than 110 574 m of latitude and 111 319 m × cos φ of longitude), plus a hair so touching stays inside.
    static func grow(_ envelope: Envelope, by metres: Double) -> Envelope {
        let hair = 1e-9
        let dLat = metres / 110_574 * 1.001 + hair
        let far = min(max(abs(envelope.minY), abs(envelope.maxY)) + dLat, 89.9)
        let dLon = metres / (111_319 * cos(far * .pi / 180)) * 1.001 + hair
        return Envelope(
            minX: envelope.minX - dLon, minY: envelope.minY - dLat, maxX: envelope.maxX + dLon,
            maxY: envelope.maxY + dLat)
    }

    /// Metres that one degree of planar lon/lat distance is at least worth anywhere in `envelope`.
    static func metresPerDegreeAtLeast(in envelope: Envelope) -> Double {
        let far = min(max(abs(envelope.minY), abs(envelope.maxY)), 89.9)
        return min(110_574, 111_319 * cos(far * .pi / 180)) * 0.999
    }
}
