import Foundation
import XCTest
@testable import GeoKit

/// The area of a polygon whose edges are straight in longitude/latitude: exact on graticule cells, equal to a
/// finely densified geodesic-edge area, and additive over pieces cut along lon/lat lines.
final class StraightEdgeAreaTests: XCTestCase {
    let context = GEOSContext()
    let geodesic = Geodesic(.grs80)

    func polygon(_ ring: [(Double, Double)]) throws -> Geometry {
        try Geometry.polygon(PolygonRings(exterior: ring.map { Point(x: $0.0, y: $0.1) }, holes: []), context: context)
    }

    func testAGraticuleCellHasTheAreaOfItsZone() throws {
        // Independent closed form: the zone between two parallels, per Snyder's q written with a logarithm.
        let a = 6_378_137.0, f = 1 / 298.257222101
        let e2 = f * (2 - f), e = e2.squareRoot()
        func q(_ degrees: Double) -> Double {
            let s = sin(degrees * .pi / 180)
            return (1 - e2) * (s / (1 - e2 * s * s) - 1 / (2 * e) * log((1 - e * s) / (1 + e * s)))
        }
        let expected = a * a / 2 * (1 * .pi / 180) * (q(40) - q(39))
        let cell = try polygon([(108, 39), (109, 39), (109, 40), (108, 40), (108, 39)])
        XCTAssertEqual(try geodesic.straightEdgeArea(of: cell), expected, accuracy: expected * 1e-13)
    }

    func testItIsTheLimitOfTheGeodesicAreaOfFinerAndFinerEdges() throws {
        let ring = [(109.01, 39.21), (109.13, 39.24), (109.11, 39.33), (109.05, 39.29), (109.01, 39.21)]
        let straight = try geodesic.straightEdgeArea(of: try polygon(ring))
        // Edges of about a metre: the geodesic's bulge off the lon/lat line is some 1e-8 m² an edge.
        let fine = try polygon(ring).densifiedForTest(1e-5)
        var reference = 0.0
        try fine.forEachRing { points, _ in reference += geodesic.ringArea(Array(points)) }
        XCTAssertEqual(straight, reference, accuracy: reference * 1e-10)
        // Geodesic edges between the five stored vertices differ by far more.
        XCTAssertGreaterThan(abs(try geodesic.area(of: try polygon(ring)) - straight), reference * 1e-7)
    }

    func testPiecesCutAlongALonLatLineSumToTheWhole() throws {
        let whole = try polygon([(108.2, 39.1), (109.4, 39.3), (109.2, 40.0), (108.3, 39.8), (108.2, 39.1)])
        let west = try whole.clipped(to: Envelope(minX: 100, minY: 30, maxX: 108.77, maxY: 50))
        let east = try whole.clipped(to: Envelope(minX: 108.77, minY: 30, maxX: 120, maxY: 50))
        let total = try geodesic.straightEdgeArea(of: whole)
        XCTAssertEqual(
            try geodesic.straightEdgeArea(of: west) + geodesic.straightEdgeArea(of: east), total,
            accuracy: total * 1e-12)
    }
}

extension Geometry {
    /// Every edge cut into pieces no longer than `step` (for the reference above).
    func densifiedForTest(_ step: Double) throws -> Geometry {
        var rings: [[Point]] = []
        try forEachRing { points, _ in
            var dense: [Point] = [points[0]]
            for (a, b) in zip(points, points.dropFirst()) {
                let parts = max(1, Int((hypot(b.x - a.x, b.y - a.y) / step).rounded(.up)))
                for index in 1...parts {
                    let t = Double(index) / Double(parts)
                    dense.append(Point(x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t))
                }
            }
            rings.append(dense)
        }
        return try Geometry.polygon(PolygonRings(exterior: rings[0], holes: Array(rings.dropFirst())), context: context)
    }
}
