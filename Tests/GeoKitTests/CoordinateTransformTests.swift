import XCTest
@testable import GeoKit

final class CoordinateTransformTests: XCTestCase {
    func testCentralMeridianMapsToFalseEasting() throws {
        // On the central meridian of a Gauss-Krüger zone the easting is the false easting exactly.
        let plain = try CoordinateTransform(from: "EPSG:4490", to: "EPSG:4545")  // CM 108°E, no zone prefix
        let prefixed = try CoordinateTransform(from: "EPSG:4490", to: "EPSG:4524")  // zone 36, prefix 36
        let p = try XCTUnwrap(plain.apply(Point(x: 108, y: 39.5)))
        let q = try XCTUnwrap(prefixed.apply(Point(x: 108, y: 39.5)))
        XCTAssertEqual(p.x, 500_000, accuracy: 1e-6)
        XCTAssertEqual(q.x, 36_500_000, accuracy: 1e-6)
        XCTAssertEqual(p.y, q.y, accuracy: 1e-6)
        XCTAssertEqual(p.y, 4_373_000, accuracy: 2_000)  // ~39.5° of meridian arc
    }

    func testRoundTripIsExactToAMillimetre() throws {
        let forward = try CoordinateTransform(from: "EPSG:4490", to: "EPSG:4524")
        let back = try CoordinateTransform(from: "EPSG:4524", to: "EPSG:4490")
        let start = Point(x: 109.781234, y: 39.608765)
        let there = try XCTUnwrap(forward.apply(start))
        let home = try XCTUnwrap(back.apply(there))
        XCTAssertEqual(home.x, start.x, accuracy: 1e-8)
        XCTAssertEqual(home.y, start.y, accuracy: 1e-8)
    }

    func testGeometryTransformKeepsShape() throws {
        let context = GEOSContext()
        let square = try Geometry(
            wkt: "POLYGON((500000 4400000, 501000 4400000, 501000 4401000, 500000 4401000, 500000 4400000))",
            context: context)
        let lonLat = try CoordinateTransform(from: "EPSG:4545", to: "EPSG:4490").apply(square)
        XCTAssertEqual(try lonLat.polygons[0].exterior.count, 5)
        XCTAssertEqual(try lonLat.envelope.minX, 108, accuracy: 1e-9)
        // Geodesic area of a 1 km × 1 km Gauss-Krüger square on the central meridian: scale factor 1, so ≈ 1 km².
        XCTAssertEqual(try Geodesic(.grs80).area(of: lonLat), 1_000_000, accuracy: 20)
    }

    func testUnknownCRSIsAnError() {
        XCTAssertThrowsError(try CoordinateTransform(from: "EPSG:4490", to: "EPSG:999999"))
        XCTAssertThrowsError(try SpatialReference("not a crs"))
    }

    func testSpatialReferenceIdentifiesEPSG() throws {
        XCTAssertEqual(try SpatialReference("EPSG:4490").epsg, 4490)
        XCTAssertTrue(try SpatialReference("EPSG:4490").isGeographic)
        XCTAssertTrue(try SpatialReference("EPSG:4524").isProjected)
        let fromWKT = try SpatialReference(try SpatialReference("EPSG:4545").wkt)
        XCTAssertEqual(fromWKT.epsg, 4545)
    }
}
