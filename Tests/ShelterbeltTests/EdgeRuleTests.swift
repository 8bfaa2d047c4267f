import XCTest
@testable import Shelterbelt

/// The point of `EdgeRule.straight`: a layer's edges are the lines drawn in its own CRS, so pieces cut by a
/// line straight in that CRS add up to the whole, and the whole is the area of the polygon the map shows.
final class EdgeRuleTests: XCTestCase {
    /// A 20 km Gauss-Krüger (EPSG:4545) square, 100–120 km east of the central meridian, against two GK zones
    /// split by a slanted straight GK line; references from Scripts/make_test_fixtures.py (segmentized in GK).
    func testGaussKrugerSquareSplitByAStraightGaussKrugerLine() throws {
        let result = try Fixtures.stats("gk_square_20km.shp", zones: "gk_split_zones.shp")
        let west = try XCTUnwrap(result.zone("West")).area, east = try XCTUnwrap(result.zone("East")).area
        let reference = Fixtures.area("gk_square_20km.whole")
        XCTAssertRelative(west + east, result.total.area, 1e-9)
        XCTAssertRelative(result.total.area, reference, 1e-9)
        // Each piece follows its GK edges in 100 m chords that are straight in lon/lat, where a GK line curves
        // like a parallel (tanφ/R): 0.01 m² per east-west chord, which cancels over the whole square but not
        // over a piece: the reader's documented accuracy, 1e-8 (the reference follows the GK lines exactly).
        XCTAssertRelative(west, Fixtures.area("gk_square_20km.West"), 1e-8)
        XCTAssertRelative(east, Fixtures.area("gk_square_20km.East"), 1e-8)
        XCTAssertEqual(result.outside.area, 0)

        // Geodesic edges measure another polygon: off the GK-straight square by more than 1e-8.
        let geodesic = try Fixtures.stats("gk_square_20km.shp", zones: "gk_split_zones.shp", edges: .geodesic)
        XCTAssertGreaterThan(abs(geodesic.total.area - reference) / reference, 1e-8)
        XCTAssertRelative(geodesic.total.area, Fixtures.area("gk_square_20km.whole", edges: .geodesic), 1e-9)
    }
}
