import XCTest
@testable import Shelterbelt

/// Awkward and bad inputs: each is handled, counted or refused with a specific error.
final class StatsInputTests: XCTestCase {

    func testGBKNamesFromCPG() throws {
        let result = try Fixtures.stats("square_split.geojson", zones: "zones_gbk.shp", zoneField: "NAME")
        XCTAssertEqual(result.zones.names, ["杭锦旗", "达拉特旗"])
        XCTAssertRelative(result.zone("杭锦旗")!.area, Fixtures.area("square_split.in_A"), 1e-9)
    }

    func testGBKNamesFromLanguageDriverByte() throws {
        let result = try Fixtures.stats("square_split.geojson", zones: "zones_gbk_ldid.shp", zoneField: "NAME")
        XCTAssertEqual(result.zones.names, ["杭锦旗", "达拉特旗"])
    }

    func testUndeclaredGBKNeedsEncodingAndSaysSo() throws {
        // The hint names the zones' own option, not the subject's.
        assertError(.badInput, containing: "--zones-encoding GBK") {
            _ = try Fixtures.stats("square_split.geojson", zones: "zones_gbk_nocpg.shp", zoneField: "NAME")
        }
        let result = try StatsEngine.run(
            StatsRequest(
                subject: LayerSource(path: Fixtures.path("square_split.geojson")),
                zones: LayerSource(path: Fixtures.path("zones_gbk_nocpg.shp"), encoding: "GBK"), zoneField: "NAME"))
        XCTAssertEqual(result.zones.names, ["杭锦旗", "达拉特旗"])
    }

    func testMissingCRSNamesTheEPSGThatFits() {
        assertError(.badInput, containing: "EPSG:4524") { _ = try Fixtures.stats("bad/gk_noprj.shp") }
        assertError(.badInput, containing: "--assume-crs") { _ = try Fixtures.stats("bad/gk_noprefix_noprj.shp") }
        assertError(.badInput, containing: "EPSG:4490") { _ = try Fixtures.stats("bad/nocrs.shp") }
    }

    func testAssumedCRSMeasuresTheSame() throws {
        // Geodesic edges: the GK vertices then measure as the lon/lat ones (straight GK edges are other lines).
        let result = try Fixtures.stats("bad/gk_noprj.shp", edges: .geodesic, subjectCRS: "EPSG:4524")
        XCTAssertRelative(
            result.total.area,
            Fixtures.area("overlapping.union", edges: .geodesic)
                + Fixtures.area("overlapping.outside", edges: .geodesic), 1e-6)
    }

    func testACRSThatCannotBeTheDatasIsAnErrorNotASpeckNearTheEquator() throws {
        // Lon/lat degrees labelled CGCS2000 / GK CM 108°E: without the check, 0 m² outside every zone.
        let degrees = try polygonLayer(
            [(108.4, 39.15), (108.65, 39.15), (108.65, 39.35), (108.4, 39.35), (108.4, 39.15)], epsg: 4545)
        assertError(.badInput, containing: "probably EPSG:4490") { _ = try Fixtures.stats(degrees) }
        // Zone-prefixed eastings labelled as the CRS without the prefix.
        let prefixedRing = [
            (36534479.0, 4335232.0), (36556188, 4335232), (36556188, 4357562), (36534479, 4357562), (36534479, 4335232),
        ]
        let prefixed = try polygonLayer(prefixedRing, epsg: 4545)
        assertError(.badInput, containing: "probably EPSG:4524") { _ = try Fixtures.stats(prefixed) }
        // The same eastings as EPSG:4524 are right, and Ordos data 3.5° off a zone's meridian is still accepted.
        XCTAssertGreaterThan(try Fixtures.stats(try polygonLayer(prefixedRing, epsg: 4524)).total.area, 0)
        let wide = try polygonLayer(
            [(35798000, 4400000), (35800000, 4400000), (35800000, 4402000), (35798000, 4402000), (35798000, 4400000)],
            epsg: 4523)
        XCTAssertGreaterThan(try Fixtures.stats(wide).total.area, 0)
    }

    func testAnOlderDatumTakenAsCGCS2000IsNotedNotHidden() throws {
        func stats(epsg: Int) throws -> StatsResult {
            try Fixtures.stats(
                try polygonLayer(
                    [(534000, 4340000), (556000, 4340000), (556000, 4357000), (534000, 4357000), (534000, 4340000)],
                    epsg: epsg))
        }
        // Xian 1980 / 3-degree GK CM 108°E: PROJ knows no shift to CGCS2000, so each feature says so.
        let xian = try stats(epsg: 2381)
        XCTAssertEqual(xian.notes.counts[.guessedDatum], 1)
        XCTAssertFalse(InputNotes.Kind.guessedDatum.isSkip)
        // The same numbers in CGCS2000 / GK CM 108°E need no note, and the area differs by about a millionth.
        let cgcs = try stats(epsg: 4545)
        XCTAssertNil(cgcs.notes.counts[.guessedDatum])
        XCTAssertRelative(xian.total.area, cgcs.total.area, 5e-6)
        // WGS 84 is as good as CGCS2000 here: no note either.
        XCTAssertNil(try Fixtures.stats("square_split.geojson").notes.counts[.guessedDatum])
    }

    func testTruncatedShapefileIsAnErrorNotAPartialResult() {
        assertError(.badInput, containing: "truncated.shp") { _ = try Fixtures.stats("bad/truncated.shp") }
    }

    func testGarbageAndMissingFiles() {
        assertError(.badInput, containing: "not_json.geojson") { _ = try Fixtures.stats("bad/not_json.geojson") }
        assertError(.missingInput, containing: "no such file") { _ = try Fixtures.stats("bad/does_not_exist.gpkg") }
    }

    func testAShapefileCopiedWithoutItsIndexOrTableSaysWhichPartIsMissing() throws {
        let directory = try temporaryDirectory()
        for (missing, kept) in [("shx", ["shp", "dbf", "prj"]), ("dbf", ["shp", "shx", "prj"])] {
            for ext in kept {
                try? FileManager.default.removeItem(atPath: directory.appendingPathComponent("p.\(ext)").path)
                try FileManager.default.copyItem(
                    atPath: Fixtures.path("square_split_gk.\(ext)"),
                    toPath: directory.appendingPathComponent("p.\(ext)").path)
            }
            try? FileManager.default.removeItem(atPath: directory.appendingPathComponent("p.\(missing)").path)
            assertError(.badInput, containing: "its .\(missing) file (p.\(missing)) is missing") {
                _ = try Fixtures.stats(directory.appendingPathComponent("p.shp").path)
            }
        }
    }

    func testUnknownFieldListsTheFields() {
        assertError(.usage, containing: "use one of") {
            _ = try Fixtures.stats("square_split.geojson", zoneField: "nope")
        }
        assertError(.usage, containing: "--by") { _ = try Fixtures.stats("square_split.geojson", by: "nope") }
    }

    func testMixedGeometriesAreCountedNotDropped() throws {
        let result = try Fixtures.stats("bad/mixed.geojson")
        XCTAssertRelative(result.total.area, Fixtures.area("mixed.polygonal_total"), 1e-9)
        let counts = result.notes.counts
        XCTAssertEqual(counts[.points], 1)
        XCTAssertEqual(counts[.lines], 1)
        // GDAL's GeoJSON reader gives the empty polygon no geometry at all: both are skipped and counted.
        XCTAssertEqual(counts[.nullGeometry, default: 0] + counts[.emptyGeometry, default: 0], 2)
        XCTAssertEqual(counts[.droppedZ], 1)
        XCTAssertEqual(counts[.repaired], 1)
        XCTAssertEqual(result.featuresRead, 7)
        XCTAssertEqual(result.total.features, 3)
    }

    func testBowTiesAreRepairedKeepingTheirArea() throws {
        let result = try Fixtures.stats("bad/bowtie.geojson")
        XCTAssertEqual(result.notes.counts[.repaired], 2)
        XCTAssertRelative(
            result.total.area,
            Fixtures.area("bowtie.symmetric.make_valid") + Fixtures.area("bowtie.asymmetric.make_valid"), 1e-9)
    }

    func testCurvesAreLinearizedFinely() throws {
        let result = try Fixtures.stats("bad/curve.gpkg", method: .planar(epsg: 4545))
        XCTAssertEqual(result.notes.counts[.linearizedCurves], 2)
        // Chords every 0.1° of arc: within 1e-6 of the exact circle and half-disc areas.
        XCTAssertRelative(
            result.total.area, Fixtures.area("curve.circle.planar_exact") + Fixtures.area("curve.dshape.planar_exact"),
            1e-6)
    }

    func testAnEmptyLayerIsAnErrorNotATableOfZeros() throws {
        assertError(.badInput, containing: "is empty: the subject layer holds no feature") {
            _ = try Fixtures.stats("bad/empty.geojson")
        }
        assertError(.badInput, containing: "is empty: the zones layer holds no feature") {
            _ = try Fixtures.stats("square_split.geojson", zones: "bad/empty.geojson")
        }
    }

    func testAPlanarCRSMadeForElsewhereIsRefused() throws {
        // UTM 50N (114°–120°E) for data at 108.4°E: areas 1.1 % too large.
        assertError(.usage, containing: "planar:EPSG:32650 is made for 114.0°–120.0°E", "108.40°–108.65°E") {
            _ = try Fixtures.stats("square_split.geojson", method: .planar(epsg: 32650))
        }
        XCTAssertGreaterThan(try Fixtures.stats("square_split.geojson", method: .planar(epsg: 4545)).total.area, 0)
    }

    func testAreaMethodParsing() throws {
        XCTAssertEqual(try AreaMethod(text: "planar:EPSG:4545"), .planar(epsg: 4545))
        XCTAssertThrowsError(try AreaMethod(text: "planar:EPSG:4490"))  // geographic: no metres
        XCTAssertThrowsError(try AreaMethod(text: "flat"))
        assertError(.usage, containing: "Mercator") { _ = try AreaMethod(text: "planar:EPSG:3857") }
        XCTAssertEqual(try AreaMethod(text: "planar:EPSG:4524"), .planar(epsg: 4524))  // transverse Mercator is fine
    }
}
