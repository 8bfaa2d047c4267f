import Foundation
import GeoKit
import XCTest

@testable import Shelterbelt

/// `shelterbelt zonal` against exactextract and GRS80 (Tests/Fixtures/zonal, made by Scripts/make_zonal_fixtures.py):
/// class areas and coverage-weighted statistics per zone, nodata counted, unusable rasters refused.
final class ZonalTests: XCTestCase {
    static var expected: [String: Any] {
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: Fixtures.path("zonal/expected.json"))),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return [:] }
        return object
    }

    func expected(_ raster: String) throws -> [String: [String: Any]] {
        let zones = (Self.expected[raster] as? [String: Any])?["zones"] as? [String: [String: Any]]
        return try XCTUnwrap(zones, "expected.json has no zones for \(raster)")
    }

    func run(_ raster: String, zones: String, categorical: Bool, statistics: [ZonalStatistic] = []) throws
        -> ZonalResult
    {
        try ZonalEngine.run(
            ZonalRequest(
                raster: RasterSource(path: Fixtures.path("zonal/\(raster)")),
                zones: LayerSource(path: Fixtures.path("zonal/\(zones)"), role: .zones), zoneField: "name",
                categorical: categorical, statistics: statistics))
    }

    /// exactextract keeps coverage fractions in single precision (`Raster<float>`: 119.69000035 cells where the
    /// exact sum is 119.69, which Shelterbelt gives to 3e-13), so its sums agree to about 1e-8 of their value,
    /// not 1e-9; the exactness itself is tested against GEOS areas (CellCoverageTests, 1e-9) and here by
    /// `testRowAreasAreExactOnGRS80` (1e-12).
    static let singlePrecision = 1e-8

    func testLandCoverClassAreasMatchExactextractAndGRS80() throws {
        let result = try run("landcover_lonlat.tif", zones: "zones_lonlat.geojson", categorical: true)
        let expected = try expected("landcover_lonlat")
        XCTAssertEqual(result.zones.map(\.name).sorted(), expected.keys.sorted())
        for zone in result.zones {
            let want = try XCTUnwrap(expected[zone.name])
            let classes = try XCTUnwrap(want["classes"] as? [String: [String: Double]])
            XCTAssertEqual(zone.classes.map { String(Int($0.value)) }.sorted(), classes.keys.sorted(), zone.name)
            for area in zone.classes {
                let reference = try XCTUnwrap(classes[String(Int(area.value))])
                XCTAssertRelative(area.cells, reference["coverage"] ?? .nan, Self.singlePrecision, zone.name)
                XCTAssertRelative(area.areaM2, reference["area_m2"] ?? .nan, Self.singlePrecision, zone.name)
            }
            XCTAssertRelative(zone.dataAreaM2, want["area_m2"] as? Double ?? .nan, Self.singlePrecision, zone.name)
            XCTAssertEqual(zone.noDataCells, want["nodata_cells"] as? Int, zone.name)
            XCTAssertEqual(zone.classes.map(\.share).reduce(0, +), 1, accuracy: 1e-12, zone.name)
        }
        XCTAssertGreaterThan(result.zones.first { $0.name == "沙地" }?.noDataCells ?? 0, 0, "the nodata patch")
    }

    /// Each row's cell area against the closed form evaluated independently (Snyder's q, checked there against
    /// GeographicLib), and a class area against Σ coverage × row area recomputed here cell by cell.
    func testRowAreasAreExactOnGRS80() throws {
        let rows = try XCTUnwrap((Self.expected["landcover_lonlat"] as? [String: Any])?["row_areas_m2"] as? [Double])
        for (row, reference) in rows.enumerated() {
            let north = 39.8 - Double(row) * 0.001
            XCTAssertRelative(CellArea.lonLatCell(south: north - 0.001, north: north, width: 0.001), reference, 1e-9)
        }
        let raster = try ZonalRaster(RasterSource(path: Fixtures.path("zonal/landcover_lonlat.tif")))
        let areas = try raster.cellArea()
        let context = GEOSContext()
        let zone = try Geometry(
            wkt: "POLYGON ((109.0105 39.7705, 109.0211 39.7733, 109.0152 39.7811, 109.0105 39.7705))", context: context)
        let request = ZonalRequest(
            raster: raster.source, zones: LayerSource(path: ""), categorical: true)
        let tally = try ZonalEngine.tally(zone, raster: raster, cellArea: areas, request)
        let window = raster.grid.window(covering: try zone.envelope)
        let fractions = try CellCoverage(zone, grid: raster.grid, window: window).fractions(rows: 0..<window.height)
        var expected = 0.0
        for (index, c) in fractions.enumerated() {
            expected += c * rows[window.row + index / window.width]
        }
        XCTAssertRelative(tally.valid.areaM2 + tally.noData.areaM2, expected, 1e-12)
        XCTAssertRelative(fractions.reduce(0, +) * 0.001 * 0.001, try zone.planarArea, 1e-9)
    }

    func testNDVIStatisticsMatchExactextract() throws {
        let statistics = try ZonalStatistic.list("mean,min,max,sum,count,stdev,median,p90,coverage>=0.5")
        let result = try run("ndvi_gk.tif", zones: "zones_gk.geojson", categorical: false, statistics: statistics)
        let expected = try expected("ndvi_gk")
        XCTAssertEqual(result.rasterCRS, "EPSG:4545")
        for zone in result.zones {
            let want = try XCTUnwrap(expected[zone.name])
            for (statistic, value) in zip(statistics, zone.statistics) {
                let reference = try XCTUnwrap(want[statistic.description] as? Double, statistic.description)
                XCTAssertRelative(try XCTUnwrap(value), reference, Self.singlePrecision, "\(zone.name) \(statistic)")
            }
            XCTAssertRelative(zone.dataAreaM2, want["area_m2"] as? Double ?? .nan, Self.singlePrecision, zone.name)
            XCTAssertEqual(zone.noDataCells, want["nodata_cells"] as? Int, zone.name)
            XCTAssertEqual(zone.noDataAreaM2 > 0, (want["nodata_coverage"] as? Double ?? 0) > 0, zone.name)
        }
    }

    func testStatisticNames() throws {
        XCTAssertEqual(
            try ZonalStatistic.list("mean, median,p5,p90,coverage>=0.7").map(\.description),
            ["mean", "median", "p5", "p90", "coverage>=0.7"])
        assertError(.usage, containing: "'p101'", "pNN") { _ = try ZonalStatistic.list("mean,p101") }
    }

    /// exactextract's weighted quantile cases (test/test_stats.cpp, checked there against R).
    func testWeightedQuantilesAsExactextract() {
        var quantiles = WeightedQuantiles()
        let values = [3.4, 2.9, 1.7, 8.8, -12.7, 100.4, 8.4, 11.3, 50]
        let weights = [1.0, 0.1, 1.0, 0.2, 0.44, 0.3, 0.3, 0.83, 0]
        for (value, weight) in zip(values, weights) { quantiles.add(value, weight: weight) }
        for (q, expected) in [(0.0, -12.7), (0.25, 2.336667), (0.5, 4.496774), (0.75, 9.382437), (1, 100.4)] {
            XCTAssertEqual(quantiles.quantile(q) ?? .nan, expected, accuracy: 1e-6)
        }
    }

    func testUnusableRastersAreClearErrors() {
        assertError(.badInput, containing: "rotated geotransform", "gdalwarp") {
            _ = try self.run("rotated.vrt", zones: "zones_lonlat.geojson", categorical: true)
        }
        assertError(.badInput, containing: "declares no coordinate reference system", "--raster-assume-crs") {
            _ = try self.run("no_crs.vrt", zones: "zones_lonlat.geojson", categorical: true)
        }
        assertError(.badInput, containing: "no zone reaches a cell") {
            _ = try self.run("ndvi_gk.tif", zones: "zones_lonlat.geojson", categorical: false, statistics: [.mean])
        }
        assertError(.usage, containing: "Float32", "--stats") {
            _ = try self.run("ndvi_gk.tif", zones: "zones_gk.geojson", categorical: true)
        }
    }

    func testAssumedCRSReplacesAMissingOne() throws {
        let assumed = try ZonalEngine.run(
            ZonalRequest(
                raster: RasterSource(path: Fixtures.path("zonal/no_crs.vrt"), assumeCRS: "EPSG:4490"),
                zones: LayerSource(path: Fixtures.path("zonal/zones_lonlat.geojson"), role: .zones),
                zoneField: "name", categorical: true))
        let declared = try run("landcover_lonlat.tif", zones: "zones_lonlat.geojson", categorical: true)
        XCTAssertEqual(assumed.zones.map(\.classes), declared.zones.map(\.classes))
    }

    /// The long CSV of the issue: one row per zone and class, areas in m² and the unit, shares; then the notes.
    func testCategoricalCSVIsOneRowPerZoneAndClass() throws {
        let result = try run("landcover_lonlat.tif", zones: "zones_lonlat.geojson", categorical: true)
        let lines = ZonalReport(result, unit: .mu).csv().split(separator: "\r\n").map(String.init)
        XCTAssertEqual(lines.first, "zone,class,area_m2,area_mu,share")
        let rows = lines.dropFirst().filter { !$0.hasPrefix("\"#") }
        XCTAssertEqual(rows.count, result.zones.map(\.classes.count).reduce(0, +))
        let first = try XCTUnwrap(result.zones.first?.classes.first)
        XCTAssertEqual(
            rows.first,
            String(format: "沙地,1,%.3f,%.3f,%.6f", first.areaM2, first.areaM2 * 15 / 10_000, first.share))
        XCTAssert(lines.contains { $0.contains("24 cells without data (nodata 255)") }, lines.joined(separator: "\n"))
    }
}
