import GeoKit
import XCTest
@testable import Shelterbelt

/// The fast validity check may say "don't know" but must never accept an invalid polygon.
final class SimpleRingTests: XCTestCase {
    let context = GEOSContext()

    func check(_ wkt: String) throws -> (fast: Bool, geos: Bool) {
        let polygon = try Geometry(wkt: wkt, context: context)
        return (try SimpleRing.isCertainlyValid(polygon), try polygon.isValid)
    }

    func testSimpleShapesAreAccepted() throws {
        XCTAssertTrue(try check("POLYGON((0 0, 4 0, 4 3, 0 3, 0 0))").fast)
        XCTAssertTrue(try check("POLYGON((0 0, 4 0, 2 1, 4 3, 0 3, 0 0))").fast)  // concave
        XCTAssertTrue(try check("POLYGON((108.1 39.1, 108.2 39.1, 108.2 39.2, 108.1 39.1))").fast)
    }

    func testInvalidOrDoubtfulShapesAreLeftToGEOS() throws {
        for wkt in [
            "POLYGON((0 0, 2 2, 2 0, 0 2, 0 0))",  // bow-tie
            "POLYGON((0 0, 4 0, 4 3, 2 3, 2 -1, 0 3, 0 0))",  // edge crossing
            "POLYGON((0 0, 4 0, 4 4, 2 0, 0 4, 0 0))",  // vertex touching an edge (inverted shell)
            "POLYGON((0 0, 4 0, 6 0, 4 0, 4 3, 0 3, 0 0))",  // spike
            "POLYGON((0 0, 4 0, 4 0, 4 3, 0 3, 0 0))",  // repeated point (valid, but left to GEOS)
            "POLYGON((0 0, 4 0, 4 3, 0 3, 0 0), (1 1, 2 1, 2 2, 1 1))",
        ] {  // hole
            let (fast, geos) = try check(wkt)
            XCTAssertFalse(fast, wkt)
            if wkt.contains("2 2, 2 0") { XCTAssertFalse(geos) }
        }
    }

    func testAgreesWithGEOSOnRandomRings() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let count = Int.random(in: 3...12, using: &generator)
            var points = (0..<count).map { _ in
                Point(x: Double.random(in: 0...10, using: &generator), y: Double.random(in: 0...10, using: &generator))
            }
            points.append(points[0])
            guard let polygon = try? Geometry.polygon(PolygonRings(exterior: points, holes: []), context: context)
            else { continue }
            if try SimpleRing.isCertainlyValid(polygon) { XCTAssertTrue(try polygon.isValid, polygon.wkt) }
        }
    }
}
