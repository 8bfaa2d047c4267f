import Foundation
import XCTest
@testable import GeoKit

final class GeodesicTests: XCTestCase {
    let context = GEOSContext()

    /// Surface area of an ellipsoid of revolution in closed form: 2πa²(1 + (1−e²)/e · artanh e).
    func ellipsoidSurface(_ ellipsoid: Ellipsoid) -> Double {
        let a = ellipsoid.semiMajorAxis, f = ellipsoid.flattening
        let e = (f * (2 - f)).squareRoot()
        return 2 * Double.pi * a * a * (1 + (1 - e * e) / e * atanh(e))
    }

    func testOctantIsOneEighthOfTheEllipsoid() throws {
        // The triangle (0°,0°)–(90°,0°)–(0°,90°) is bounded by the equator and two meridians: 1/8 of the surface.
        let octant = try Geometry(wkt: "POLYGON((0 0, 90 0, 0 90, 0 0))", context: context)
        let expected = ellipsoidSurface(.grs80) / 8
        XCTAssertEqual(try Geodesic(.grs80).area(of: octant), expected, accuracy: expected * 1e-12)
        // GRS80's published surface area is 510 065 621.7 km² (Moritz, Geodetic Reference System 1980).
        XCTAssertEqual(ellipsoidSurface(.grs80) / 1e6, 510_065_621.7, accuracy: 0.1)
    }

    func testWindingDoesNotChangeAreaAndHolesAreSubtracted() throws {
        let geodesic = Geodesic(.grs80)
        let ccw = try Geometry(wkt: "POLYGON((108 39, 109 39, 109 40, 108 40, 108 39))", context: context)
        let cw = try Geometry(wkt: "POLYGON((108 39, 108 40, 109 40, 109 39, 108 39))", context: context)
        XCTAssertEqual(try geodesic.area(of: ccw), try geodesic.area(of: cw), accuracy: 1e-6)
        let hole = try Geometry(
            wkt: "POLYGON((108.2 39.2, 108.4 39.2, 108.4 39.4, 108.2 39.4, 108.2 39.2))", context: context)
        let holed = try ccw.difference(hole)
        XCTAssertEqual(
            try geodesic.area(of: holed), try geodesic.area(of: ccw) - geodesic.area(of: hole), accuracy: 1e-3)
        let two = try Geometry(
            wkt: "MULTIPOLYGON(((108 39, 109 39, 109 40, 108 40, 108 39)), ((110 39, 111 39, 111 40, 110 40, 110 39)))",
            context: context)
        // Equal by symmetry in longitude.
        XCTAssertEqual(try geodesic.area(of: two), try 2 * geodesic.area(of: ccw), accuracy: 1)
    }

    func testDistanceAlongAMeridianMatchesMeridianArc() {
        // Meridian arc 39°–40° by Simpson integration of the meridian radius M(φ) = a(1−e²)/(1−e² sin²φ)^3/2.
        let a = Ellipsoid.grs80.semiMajorAxis, f = Ellipsoid.grs80.flattening
        let e2 = f * (2 - f)
        let radius = { (phi: Double) in a * (1 - e2) / pow(1 - e2 * sin(phi) * sin(phi), 1.5) }
        let (lower, upper, steps) = (39.0 * .pi / 180, 40.0 * .pi / 180, 1000)
        let h = (upper - lower) / Double(steps)
        let arc =
            (0...steps).reduce(0.0) { sum, i in
                let weight: Double = (i == 0 || i == steps) ? 1 : (i % 2 == 1 ? 4 : 2)
                return sum + weight * radius(lower + Double(i) * h)
            } * h / 3
        let metres = Geodesic(.grs80).distance(Point(x: 108, y: 39), Point(x: 108, y: 40))
        XCTAssertEqual(metres, arc, accuracy: 1e-6)
    }
}
