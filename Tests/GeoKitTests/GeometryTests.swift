import XCTest
@testable import GeoKit

final class GeometryTests: XCTestCase {
    let context = GEOSContext()

    func geometry(_ wkt: String) throws -> Geometry { try Geometry(wkt: wkt, context: context) }

    func testPlanarAreaOfRectangleWithHole() throws {
        let shape = try geometry("POLYGON((0 0, 30 0, 30 20, 0 20, 0 0), (10 5, 20 5, 20 15, 10 15, 10 5))")
        XCTAssertEqual(try shape.planarArea, 30 * 20 - 10 * 10)
        XCTAssertEqual(try shape.envelope, Envelope(minX: 0, minY: 0, maxX: 30, maxY: 20))
    }

    func testWKBRoundTripKeepsCoordinates() throws {
        let shape = try geometry("MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))")
        let copy = try Geometry(wkb: shape.wkb, context: GEOSContext())
        XCTAssertEqual(copy.wkt, shape.wkt)
        XCTAssertEqual(try copy.kind, .multiPolygon)
        XCTAssertEqual(try copy.polygons.count, 2)
    }

    func testMakeValidTurnsBowTieIntoTwoTriangles() throws {
        // Crossing at (1, 1): two triangles of area 1 each.
        let bowTie = try geometry("POLYGON((0 0, 2 2, 2 0, 0 2, 0 0))")
        XCTAssertFalse(try bowTie.isValid)
        XCTAssertTrue(bowTie.validityReason.contains("Self-intersection"))
        let repaired = try bowTie.makeValid()
        XCTAssertTrue(try repaired.isValid)
        XCTAssertEqual(try repaired.planarArea, 2, accuracy: 1e-12)
    }

    func testIntersectionKeepsOnlyPolygonsWhereShapesTouch() throws {
        let a = try geometry("POLYGON((0 0, 2 0, 2 2, 0 2, 0 0))")
        let b = try geometry("MULTIPOLYGON(((1 1, 3 1, 3 3, 1 3, 1 1)), ((2 -1, 4 -1, 4 0, 2 0, 2 -1)))")
        let piece = try a.intersection(b).polygonalPart()
        XCTAssertEqual(try piece.planarArea, 1, accuracy: 1e-12)
        XCTAssertTrue(try piece.kind.isPolygonal)
    }

    func testPreparedContainsProperlyExcludesTouchingBoundary() throws {
        let zone = try PreparedGeometry(geometry("POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))"))
        XCTAssertTrue(try zone.containsProperly(try geometry("POLYGON((1 1, 2 1, 2 2, 1 1))")))
        XCTAssertFalse(try zone.containsProperly(try geometry("POLYGON((0 1, 2 1, 2 2, 0 1))")))
        XCTAssertTrue(try zone.intersects(try geometry("POLYGON((10 1, 12 1, 12 2, 10 1))")))
        XCTAssertEqual(try zone.distance(to: try geometry("POINT(13 14)")), 5, accuracy: 1e-12)
    }

    func testTouchingIsNotInteriorOverlap() throws {
        let a = try geometry("POLYGON((0 0, 1 0, 1 1, 0 1, 0 0))")
        let b = try geometry("POLYGON((1 0, 2 0, 2 1, 1 1, 1 0))")
        XCTAssertTrue(try a.intersects(b))
        XCTAssertFalse(try a.relate(b, pattern: "T********"))
    }

    func testSTRTreeFindsEnvelopeNeighbours() throws {
        let cells = try (0..<10).map { i in try geometry("POLYGON((\(i) 0, \(i + 1) 0, \(i + 1) 1, \(i) 1, \(i) 0))") }
        let tree = try STRTree(cells, context: context)
        XCTAssertEqual(tree.query(try geometry("POINT(4.5 0.5)")), [4])
        XCTAssertEqual(tree.query(try geometry("LINESTRING(2.5 0.5, 5.5 0.5)")), [2, 3, 4, 5])
    }

    func testBuildingPolygonFromRings() throws {
        let ring = [Point(x: 0, y: 0), Point(x: 4, y: 0), Point(x: 4, y: 3), Point(x: 0, y: 0)]
        let triangle = try Geometry.polygon(PolygonRings(exterior: ring, holes: []), context: context)
        XCTAssertEqual(try triangle.planarArea, 6)
    }

    func testInvalidWKTIsAnErrorNotACrash() {
        XCTAssertThrowsError(try geometry("POLYGON((0 0, 1 1"))
    }
}
