import XCTest
@testable import GeoKit

/// GEOS's exception values (2 for predicates, 0 for measurements, NULL for objects) become errors naming
/// the operation and GEOS's own message, never a false or a zero, and never an earlier call's message.
final class GEOSErrorTests: XCTestCase {
    let context = GEOSContext()

    func testAPredicateThatFailsInsideGEOSThrowsInsteadOfAnsweringFalse() throws {
        let square = try Geometry(wkt: "POLYGON((0 0, 1 0, 1 1, 0 1, 0 0))", context: context)
        XCTAssertThrowsError(try square.relate(square, pattern: "not a pattern")) { error in
            let failure = error as? GeometryError
            XCTAssertEqual(failure?.operation, "relate")
            XCTAssertNotEqual(failure?.message, "unknown GEOS error")
        }
    }

    func testAnErrorNamesItsOwnCauseNotAnEarlierOne() throws {
        let square = try Geometry(wkt: "POLYGON((0 0, 1 0, 1 1, 0 1, 0 0))", context: context)
        XCTAssertThrowsError(try square.relate(square, pattern: "not a pattern"))
        XCTAssertTrue(try square.intersects(square))
        let twoPoints = [Point(x: 0, y: 0), Point(x: 0, y: 0)]
        XCTAssertThrowsError(try Geometry.polygon(PolygonRings(exterior: twoPoints, holes: []), context: context)) {
            error in
            let failure = error as? GeometryError
            XCTAssertEqual(failure?.operation, "building a ring")
            XCTAssertTrue(failure?.message.contains("LinearRing") == true, failure?.message ?? "")
        }
    }

    func testPolygonsNestedInCollectionsAreAllKept() throws {
        let nested = try Geometry(
            wkt: """
                GEOMETRYCOLLECTION(POLYGON((0 0, 1 0, 1 1, 0 1, 0 0)),
                  GEOMETRYCOLLECTION(POLYGON((2 0, 3 0, 3 1, 2 1, 2 0)), LINESTRING(0 0, 5 5),
                    GEOMETRYCOLLECTION(MULTIPOLYGON(((4 0, 5 0, 5 1, 4 1, 4 0)), ((6 0, 7 0, 7 1, 6 1, 6 0))))))
                """, context: context)
        let polygons = try nested.polygonalPart()
        XCTAssertEqual(try polygons.kind, .multiPolygon)
        XCTAssertEqual(try polygons.planarArea, 4)
    }
}
