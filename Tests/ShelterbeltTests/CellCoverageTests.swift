import GeoKit
import XCTest

@testable import Shelterbelt

/// Cell coverage fractions against exactextract's own test cases (test/test_raster_cell_intersection.cpp, whose
/// expected matrices are quoted here by case name), and against GEOS areas for the large regression polygons.
final class CellCoverageTests: XCTestCase {
    let context = GEOSContext()

    /// exactextract's `Grid<bounded_extent>{ { xmin, ymin, xmax, ymax }, dx, dy }`.
    func grid(_ xmin: Double, _ ymin: Double, _ xmax: Double, _ ymax: Double, _ dx: Double, _ dy: Double) -> RasterGrid
    {
        RasterGrid(
            transform: GeoTransform(originX: xmin, originY: ymax, cellWidth: dx, cellHeight: -dy),
            width: Int(((xmax - xmin) / dx).rounded()), height: Int(((ymax - ymin) / dy).rounded()))
    }

    /// The fractions of the window the polygon's envelope touches, as rows.
    func coverage(_ wkt: String, _ grid: RasterGrid) throws -> (CellWindow, [[Double]]) {
        let geometry = try Geometry(wkt: wkt, context: context)
        let window = grid.window(covering: try geometry.envelope)
        let values = try CellCoverage(geometry, grid: grid, window: window).fractions(rows: 0..<window.height)
        return (window, (0..<window.height).map { Array(values[$0 * window.width..<($0 + 1) * window.width]) })
    }

    func check(
        _ wkt: String, _ grid: RasterGrid, _ expected: [[Double]], file: StaticString = #filePath, line: UInt = #line
    )
        throws
    {
        let (_, actual) = try coverage(wkt, grid)
        XCTAssertEqual(actual.count, expected.count, "rows", file: file, line: line)
        for (got, want) in zip(actual, expected) {
            XCTAssertEqual(got.count, want.count, "columns", file: file, line: line)
            for (a, b) in zip(got, want) { XCTAssertEqual(a, b, accuracy: 1e-7, "\(actual)", file: file, line: line) }
        }
    }

    func testBasicRectangle() throws {
        try check(
            "POLYGON ((0.5 0.5, 2.5 0.5, 2.5 2.5, 0.5 2.5, 0.5 0.5))", grid(0, 0, 3, 3, 1, 1),
            [[0.25, 0.5, 0.25], [0.5, 1, 0.5], [0.25, 0.5, 0.25]])
    }

    func testBasicNonRectangleAndDiagonals() throws {
        try check(
            "POLYGON ((0.5 0.5, 2.5 0.5, 2.5 2.0, 2.0 2.0, 2.0 2.5, 0.5 2.5, 0.5 0.5))", grid(0, 0, 3, 3, 1, 1),
            [[0.25, 0.5, 0], [0.5, 1, 0.5], [0.25, 0.5, 0.25]])
        try check(
            "POLYGON ((1.5 0.5, 2.5 1.5, 1.5 2.5, 0.5 1.5, 1.5 0.5))", grid(0, 0, 3, 3, 1, 1),
            [[0, 0.25, 0], [0.25, 1, 0.25], [0, 0.25, 0]])
    }

    func testBoundaryCases() throws {
        // "Starting on cell boundary", "Bouncing off boundary", "Follows grid boundary"
        try check(
            "POLYGON ((1 1.5, 1.5 1.5, 1.5 0.5, 0.5 0.5, 0.5 1.5, 1 1.5))", grid(0, 0, 2, 2, 1, 1),
            [[0.25, 0.25], [0.25, 0.25]])
        try check(
            "POLYGON ((0.5 1.5, 0.5 0.5, 0.5 0, 1.5 0.5, 1.5 1.5, 0.5 1.5))", grid(0, -1, 2, 2, 1, 1),
            [[0.25, 0.25], [0.4375, 0.3125]])
        try check(
            "POLYGON ((0.5 0.5, 2 0.5, 2 1.5, 2 2.5, 0.5 2.5, 0.5 0.5))", grid(0, 0, 3, 3, 1, 1),
            [[0.25, 0.5], [0.5, 1], [0.25, 0.5]])
    }

    func testSmallPolygonAndFill() throws {
        try check("POLYGON ((3 3, 4 3, 4 4, 3 4, 3 3))", grid(0, 0, 10, 10, 10, 10), [[0.01]])
        try check(
            "POLYGON ((0.5 0.2, 2.2 0.2, 2.2 0.4, 0.7 0.4, 0.7 2.2, 2.2 2.2, 2.2 0.6, 2.4 0.6, 2.4 4.8, "
                + "0.5 4.8, 0.5 0.2))",
            grid(0, 0, 3, 5, 1, 1),
            [[0.4, 0.8, 0.32], [0.5, 1, 0.4], [0.44, 0.8, 0.36], [0.2, 0, 0.2], [0.22, 0.2, 0.12]])
    }

    func testResultIndexing() throws {
        let (window, _) = try coverage(
            "POLYGON ((0.25 0.20, 2.75 0.20, 2.75 4.5, 0.25 4.5, 0.25 0.20))", grid(-20, -15, 40, 30, 0.5, 1))
        XCTAssertEqual(window, CellWindow(column: 40, row: 25, width: 6, height: 5))
        try check(
            "POLYGON ((0.25 0.20, 2.75 0.20, 2.75 4.5, 0.25 4.5, 0.25 0.20))", grid(-20, -15, 40, 30, 0.5, 1),
            [
                [0.25, 0.5, 0.5, 0.5, 0.5, 0.25], [0.5, 1, 1, 1, 1, 0.5], [0.5, 1, 1, 1, 1, 0.5],
                [0.5, 1, 1, 1, 1, 0.5], [0.4, 0.8, 0.8, 0.8, 0.8, 0.4],
            ])
    }

    /// A hole subtracts whichever way the rings wind, and bands of rows give the same fractions as the whole.
    func testHolesWindingAndBands() throws {
        let ccw = "POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1.5 1.5, 1.5 2.5, 2.5 2.5, 2.5 1.5, 1.5 1.5))"
        let cw = "POLYGON ((0 0, 0 4, 4 4, 4 0, 0 0), (1.5 1.5, 2.5 1.5, 2.5 2.5, 1.5 2.5, 1.5 1.5))"
        let expected: [[Double]] = [[1, 1, 1, 1], [1, 0.75, 0.75, 1], [1, 0.75, 0.75, 1], [1, 1, 1, 1]]
        try check(ccw, grid(0, 0, 4, 4, 1, 1), expected)
        try check(cw, grid(0, 0, 4, 4, 1, 1), expected)
        let geometry = try Geometry(wkt: ccw, context: context)
        let coverage = try CellCoverage(
            geometry, grid: grid(0, 0, 4, 4, 1, 1), window: CellWindow(column: 0, row: 0, width: 4, height: 4))
        XCTAssertEqual(coverage.fractions(rows: 1..<3), Array(expected[1...2].joined()))
    }

    /// exactextract's robustness regressions (#4, #6 and the two world polygons): fractions within [0, 1], and
    /// Σ fraction × cell area equal to the polygon's area (GEOS) where it lies wholly in the grid.
    func testRegressionPolygonsAddUpToTheirArea() throws {
        let cases: [(String, RasterGrid, Double?)] = [
            (
                "regression4.wkt",
                grid(-166.84166666666667, 66.991666666666674, -152.625, 71.358333333333334, 1 / 120, 1 / 120), nil
            ),
            ("regression6.wkt", grid(145.925, -35.525, 147.375, -33.475, 0.05, 0.05), 823),
            ("antarctica.wkt", grid(-180, -90, 180, 90, 1.0 / 6, 1.0 / 6), nil),
            ("russia.wkt", grid(-180, -90, 180, 90, 1.0 / 6, 1.0 / 6), nil),
        ]
        for (name, grid, cells) in cases {
            let path = try Fixtures.shared("testsuites/exactextract/test/resources/\(name)")
            let wkt = try String(contentsOfFile: path, encoding: .utf8)
                .trimmingCharacters(in: CharacterSet(charactersIn: "\"\n ")).replacingOccurrences(
                    of: "\"\n\"", with: "")
            let geometry = try Geometry(wkt: wkt, context: context)
            let (_, rows) = try coverage(wkt, grid)
            let values = rows.joined()
            XCTAssert(values.allSatisfy { (0...1).contains($0) }, name)
            let cellArea = grid.transform.cellWidth * -grid.transform.cellHeight
            XCTAssertRelative(values.reduce(0, +) * cellArea, try geometry.planarArea, 1e-9, name)
            if let cells { XCTAssertEqual(values.reduce(0, +), cells, accuracy: 1e-6, name) }
        }
    }
}
