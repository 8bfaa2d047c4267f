import Foundation
import CPROJ
import XCTest
@testable import GeoKit

/// The equal-area fast path of `Geodesic.area(of:)` against `geod_polygonarea` on many random polygons.
final class EqualAreaAreaTests: XCTestCase {
    let context = GEOSContext()
    let geodesic = Geodesic(.grs80)

    /// SplitMix64, so that every run draws the same polygons.
    struct Random {
        var state: UInt64
        mutating func next() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
        }
        mutating func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * next() }
        mutating func logUniform(_ low: Double, _ high: Double) -> Double { exp(uniform(log(low), log(high))) }
        mutating func int(_ low: Int, _ high: Int) -> Int { min(low + Int(next() * Double(high - low + 1)), high) }
    }

    typealias Ring = [(x: Double, y: Double)]

    /// The area by `geod_polygonarea`, ring by ring.
    func reference(_ geometry: Geometry) throws -> Double {
        try geometry.polygons.reduce(0) { sum, polygon in
            sum + geodesic.ringArea(polygon.exterior) - polygon.holes.reduce(0) { $0 + geodesic.ringArea($1) }
        }
    }

    /// The area to ~1e-12, independently of the fast path: each edge split along its geodesic (`geod_direct`)
    /// into pieces of at most 20 m, whose chords differ from the geodesic by < 4e-10 m² each; the points
    /// projected by Snyder's formulas as printed (eqs. 3-11, 3-12, 24-18 to 24-21) in 80-bit arithmetic, which
    /// has precision to spare for their cancellation; the rings summed by the shoelace formula in 80 bits.
    func precise(_ geometry: Geometry) throws -> Double {
        let a: Float80 = 6_378_137, f = 1 / Float80(298.257222101), e2 = f * (2 - f), e = e2.squareRoot()
        let q = { (phi: Float80) -> Float80 in
            let s = sin(phi)
            return (1 - e2) * (s / (1 - e2 * s * s) - 1 / (2 * e) * log((1 - e * s) / (1 + e * s)))
        }
        let qp = q(.pi / 2), rq = a * (qp / 2).squareRoot()
        let envelope = try geometry.envelope
        let lon0 = Float80((envelope.minX + envelope.maxX) / 2) * .pi / 180
        let phi1 = Float80((envelope.minY + envelope.maxY) / 2) * .pi / 180
        let beta1 = asin(q(phi1) / qp)
        let d = a * cos(phi1) / (1 - e2 * sin(phi1) * sin(phi1)).squareRoot() / (rq * cos(beta1))
        let project = { (p: Point) -> (x: Float80, y: Float80) in
            let beta = asin(q(Float80(p.y) * .pi / 180) / qp), dl = Float80(p.x) * .pi / 180 - lon0
            let b = rq * (2 / (1 + sin(beta1) * sin(beta) + cos(beta1) * cos(beta) * cos(dl))).squareRoot()
            return (b * d * cos(beta) * sin(dl), b / d * (cos(beta1) * sin(beta) - sin(beta1) * cos(beta) * cos(dl)))
        }
        var g = geod_geodesic()
        geod_init(&g, 6_378_137, 1 / 298.257222101)
        // The shoelace area with every edge cut into `split` times as many pieces as 20 m requires.
        let chordArea = { (ring: [Point], split: Int) -> Float80 in
            var points: [(x: Float80, y: Float80)] = []
            for (start, end) in zip(ring, ring.dropFirst()) {
                var distance = 0.0, azimuth = 0.0, back = 0.0
                geod_inverse(&g, start.y, start.x, end.y, end.x, &distance, &azimuth, &back)
                let pieces = split * max(1, Int((distance / 20).rounded(.up)))
                points.append(project(start))
                for step in 1..<pieces {
                    var lat = 0.0, lon = 0.0
                    let along = distance * Double(step) / Double(pieces)
                    geod_direct(&g, start.y, start.x, azimuth, along, &lat, &lon, nil)
                    points.append(project(Point(x: lon, y: lat)))
                }
            }
            var sum: Float80 = 0
            for (index, p) in points.enumerated() {
                let next = points[(index + 1) % points.count]
                sum += p.x * next.y - next.x * p.y
            }
            return abs(sum / 2)
        }
        // Chords miss 1/n² of an edge's bulge when it is cut in n; Richardson's extrapolation removes that.
        let ringArea = { (ring: [Point]) -> Float80 in (4 * chordArea(ring, 2) - chordArea(ring, 1)) / 3 }
        return Double(
            try geometry.polygons.reduce(Float80(0)) { sum, polygon in
                sum + ringArea(polygon.exterior) - polygon.holes.reduce(0) { $0 + ringArea($1) }
            })
    }

    /// Every edge cut into equal pieces no longer than `edge` metres; the ring is closed.
    func densified(_ ring: Ring, edge: Double) -> Ring {
        var out: Ring = []
        for (index, a) in ring.enumerated() {
            let b = ring[(index + 1) % ring.count]
            let pieces = max(1, Int((hypot(b.x - a.x, b.y - a.y) / edge).rounded(.up)))
            for step in 0..<pieces {
                let t = Double(step) / Double(pieces)
                out.append((a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)))
            }
        }
        return out + [out[0]]
    }

    /// WKT of local-metre rings around a lon/lat centre (scaled by the radii of curvature there).
    func wkt(_ polygons: [[Ring]], centre: Point) -> String {
        let phi = centre.y * .pi / 180, e2 = 0.00669438002290, a = 6_378_137.0
        let w = 1 - e2 * sin(phi) * sin(phi)
        let perLongitude = a / w.squareRoot() * cos(phi) * .pi / 180
        let perLatitude = a * (1 - e2) / (w * w.squareRoot()) * .pi / 180
        let text = polygons.map { rings in
            "("
                + rings.map { ring in
                    "("
                        + ring.map { "\(centre.x + $0.x / perLongitude) \(centre.y + $0.y / perLatitude)" }
                        .joined(separator: ",") + ")"
                }.joined(separator: ",") + ")"
        }
        return "MULTIPOLYGON(" + text.joined(separator: ",") + ")"
    }

    /// A star-shaped ring of `count` vertices at radii between `inner` and `outer` about (cx, cy).
    func star(
        _ random: inout Random, count: Int, inner: Double, outer: Double,
        cx: Double = 0, cy: Double = 0
    ) -> Ring {
        let angles = (0..<count).map { _ in random.uniform(0, 2 * .pi) }.sorted()
        return angles.map { angle in
            let r = random.uniform(inner, outer)
            return (cx + r * cos(angle), cy + r * sin(angle))
        }
    }

    /// One random polygonal feature, as polygons of rings (exterior first) in metres about the centre.
    func feature(_ random: inout Random, kind: Int, edge: Double) -> [[Ring]] {
        let size = random.logUniform(10, 20_000)  // across, in metres
        let count = random.int(3, 199)
        let angle = random.uniform(0, 2 * .pi)
        let rotate = { (ring: Ring) -> Ring in
            ring.map { (x: $0.x * cos(angle) - $0.y * sin(angle), y: $0.x * sin(angle) + $0.y * cos(angle)) }
        }
        switch kind {
        case 0:  // star
            return [[star(&random, count: count, inner: size * 0.1, outer: size / 2)]]
        case 1:  // long thin rectangle, 1:20 to 1:20 000
            let width = size / random.logUniform(20, 20_000)
            let (x, y) = (size / 2, width / 2)
            return [[rotate([(-x, -y), (x, -y), (x, y), (-x, y)])]]
        case 2:  // thin curved band (an arc of a ring), far from its envelope's centre in the middle
            let radius = size / 2, width = radius / random.logUniform(10, 5_000), span = random.uniform(0.5, 3)
            let steps = max(count / 2, 2)
            let outer = (0...steps).map { i -> (x: Double, y: Double) in
                let t = span * Double(i) / Double(steps); return (radius * cos(t), radius * sin(t))
            }
            let inner = (0...steps).reversed().map { i -> (x: Double, y: Double) in
                let t = span * Double(i) / Double(steps); return ((radius - width) * cos(t), (radius - width) * sin(t))
            }
            return [[rotate(outer + inner)]]
        case 3:  // sliver: one straight edge of up to `edge` metres against a finely bent side
            let length = min(size, edge), width = length / random.logUniform(10, 10_000)
            let bent = (1..<count).reversed().map { i -> (x: Double, y: Double) in
                let t = Double(i) / Double(count); return (length * t, width * sin(.pi * t))
            }
            return [[rotate([(0, 0), (length, 0)] + bent)]]
        case 4:  // triangle
            return [[(0..<3).map { _ in (random.uniform(-size / 2, size / 2), random.uniform(-size / 2, size / 2)) }]]
        case 5:  // with a hole
            let outer = star(&random, count: count, inner: size * 0.35, outer: size / 2)
            let hole = star(&random, count: random.int(3, 60), inner: size * 0.05, outer: size * 0.3)
            return [[outer, hole.reversed()]]
        default:  // two or three parts up to `size` apart
            return (0..<random.int(2, 3)).map { _ in
                let part = random.logUniform(5, size / 4)
                let range = size / 2 - part
                return [
                    star(
                        &random, count: random.int(3, count), inner: part * 0.2, outer: part,
                        cx: random.uniform(-range, range), cy: random.uniform(-range, range))
                ]
            }
        }
    }

    /// Ring lengths in metres, summed over the geometry.
    func perimeter(_ geometry: Geometry) throws -> Double {
        try geometry.polygons.flatMap { [$0.exterior] + $0.holes }.reduce(0.0) { sum, ring in
            zip(ring, ring.dropFirst()).reduce(sum) { $0 + geodesic.distance($1.0, $1.1) }
        }
    }

    func testWithinOneIn1e9OfTheGeodesicArea() throws {
        var random = Random(state: 20_241_123)
        var worst = 0.0, worstText = "", judged = 0, fast = 0, total = 0
        var worstGeod = 0.0
        for index in 0..<3_500 {
            let kind = index % 7
            let edge = Geodesic.equalAreaEdge * random.uniform(0.2, 0.99)
            var polygons = feature(&random, kind: kind, edge: edge).map { rings in
                rings.map { densified($0, edge: edge) }
            }
            if random.next() < 0.5 { polygons = polygons.map { $0.map { $0.reversed() } } }
            let centre = Point(x: random.uniform(107, 111.5), y: random.uniform(37.5, 41))
            let geometry = try Geometry(wkt: wkt(polygons, centre: centre), context: context)
            total += 1
            guard let area = try geodesic.equalAreaArea(of: geometry) else { continue }
            fast += 1
            let expected = try precise(geometry)
            // The reference's points from geod_direct are good to a few nm: up to 5e-9 m² per metre of ring.
            let noise = try 5e-9 * perimeter(geometry)
            XCTAssertLessThanOrEqual(abs(area - expected), 1e-9 * abs(expected) + noise, "kind \(kind)")
            // geod_polygonarea errs by up to ~3e-4 m² (its A4·(B42 − B41) term is 1e11 m² times a difference
            // of series of order 1), more than 1e-9 of any feature under 30 ha.
            let geod = try reference(geometry)
            XCTAssertLessThanOrEqual(abs(area - geod), 1e-9 * abs(geod) + 5e-4)
            if expected >= 1e5 { worstGeod = max(worstGeod, abs(area - geod) / geod) }
            guard noise <= 1e-10 * expected else { continue }
            judged += 1
            let error = abs(area - expected) / expected
            if error > worst {
                worst = error
                worstText = "kind \(kind), \(try geometry.pointCount) points, \(expected) m²"
            }
        }
        print(
            "equal-area area: \(fast) of \(total) random features on the fast path; largest relative difference "
                + "\(worst) from the 80-bit reference over the \(judged) it resolves to 1e-10 (\(worstText)); "
                + "largest from geod_polygonarea over those ≥ 10 ha: \(worstGeod)")
        XCTAssertGreaterThan(fast, total * 9 / 10)
        XCTAssertGreaterThan(judged, 500)
        XCTAssertLessThanOrEqual(worst, 1e-9)
    }
}

extension EqualAreaAreaTests {
    func testLargeFeaturesAndLongEdgesFallBackToGeodPolygonArea() throws {
        let degree = try Geometry(wkt: "POLYGON((108 39, 109 39, 109 40, 108 40, 108 39))", context: context)
        XCTAssertNil(try geodesic.equalAreaArea(of: degree))
        XCTAssertEqual(try geodesic.area(of: degree), try reference(degree))
        // 5 km × 110 m, small enough, but its long sides are single edges of 5 km.
        let strip = try Geometry(
            wkt: "POLYGON((109 39.5, 109.06 39.5, 109.06 39.501, 109 39.501, 109 39.5))",
            context: context)
        XCTAssertNil(try geodesic.equalAreaArea(of: strip))
        XCTAssertEqual(try geodesic.area(of: strip), try reference(strip))
    }
}
