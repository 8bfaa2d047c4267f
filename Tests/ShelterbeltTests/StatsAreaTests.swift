import GeoKit
import XCTest
@testable import Shelterbelt

/// Areas from `stats` against independent GeographicLib (pyproj) values.
final class StatsAreaTests: XCTestCase {
    func testPolygonSplitByTwoZonesSumsToItsWhole() throws {
        let result = try Fixtures.stats("square_split.geojson")
        let a = try XCTUnwrap(result.zone("Zone A")).area, b = try XCTUnwrap(result.zone("Zone B")).area
        XCTAssertRelative(a, Fixtures.area("square_split.in_A"), 1e-9)
        XCTAssertRelative(b, Fixtures.area("square_split.in_B"), 1e-9)
        XCTAssertRelative(a + b, Fixtures.area("square_split.whole"), 1e-9)
        XCTAssertRelative(result.total.area, Fixtures.area("square_split.whole"), 1e-9)
        XCTAssertEqual(result.outside.area, 0)
        XCTAssertEqual(result.zone("Zone A")?.features, 1)
    }

    func testOverlappingPatchesAreNotCountedTwice() throws {
        let result = try Fixtures.stats("overlapping.geojson")
        XCTAssertRelative(
            try XCTUnwrap(result.zone("Zone A")).area, Fixtures.area("overlapping.zone_A.dissolved"), 1e-9)
        XCTAssertRelative(try XCTUnwrap(result.zone("Zone B")).area, Fixtures.area("overlapping.zone_B.sum"), 1e-9)
        XCTAssertRelative(result.outside.area, Fixtures.area("overlapping.outside"), 1e-9)
        XCTAssertRelative(
            result.total.area, Fixtures.area("overlapping.union") + Fixtures.area("overlapping.outside"), 1e-9)
        XCTAssertRelative(result.total.measure.overlap, Fixtures.area("overlapping.overlap"), 1e-9)
        XCTAssertEqual(result.overlaps.pairs, 1)
        XCTAssertEqual(result.total.features, 3)
    }

    func testFeaturesInsideAWholeCellNeedNoOverlay() throws {
        // Each zone as a subject lies in its own cell, which it fills (the zones are single rectangles). Geodesic
        // edges keep them 4-vertex rectangles; densified (the default) they are split into several cells.
        let result = try Fixtures.stats("two_zones.geojson", zones: "two_zones.geojson", edges: .geodesic)
        XCTAssertRelative(
            try XCTUnwrap(result.zone("Zone A")).area, Fixtures.area("two_zones.A", edges: .geodesic), 1e-12)
        XCTAssertRelative(
            try XCTUnwrap(result.zone("Zone B")).area, Fixtures.area("two_zones.B", edges: .geodesic), 1e-12)
        XCTAssertEqual(result.fastPath, 2)
        XCTAssertEqual(result.intersected, 0)
        XCTAssertEqual(result.zone("Zone A")?.share ?? 0, 1, accuracy: 1e-12)
    }

    func testZoneShareIsAreaOverZoneArea() throws {
        let result = try Fixtures.stats("square_split.geojson")
        let zone = try XCTUnwrap(result.zone("Zone A"))
        XCTAssertRelative(try XCTUnwrap(zone.zoneArea), Fixtures.area("two_zones.A"), 1e-9)
        XCTAssertRelative(
            try XCTUnwrap(zone.share), Fixtures.area("square_split.in_A") / Fixtures.area("two_zones.A"), 1e-9)
    }

    func testSameDataInGaussKrugerGivesTheSameGeodesicArea() throws {
        // The same vertices in GK: with geodesic edges the CRS they are stored in does not matter. (With straight
        // edges, the default, a GK edge is another line than a lon/lat one: see EdgeRuleTests.)
        for file in ["square_split_gk.shp", "square_split_gk36.shp"] {
            let result = try Fixtures.stats(file, edges: .geodesic)
            XCTAssertRelative(result.total.area, Fixtures.area("square_split.whole", edges: .geodesic), 1e-6, file)
            XCTAssertRelative(
                try XCTUnwrap(result.zone("Zone A")).area, Fixtures.area("square_split.in_A", edges: .geodesic), 1e-6,
                file)
            XCTAssertRelative(
                try Fixtures.stats(file).total.area, Fixtures.area("\(file.dropLast(4)).geodesic"), 1e-6, file)
        }
        let overlapping = try Fixtures.stats("overlapping_gk36.shp", edges: .geodesic)
        XCTAssertRelative(
            overlapping.total.area,
            Fixtures.area("overlapping.union", edges: .geodesic)
                + Fixtures.area("overlapping.outside", edges: .geodesic), 1e-6)
    }

    func testWebMercatorDataGivesTheSameGeodesicArea() throws {
        // The fixture square's vertices in EPSG:3857, as web maps deliver them.
        let toMercator = try CoordinateTransform(from: "EPSG:4326", to: "EPSG:3857")
        let ring = try [
            (108.4, 39.15), (108.5, 39.15), (108.65, 39.15), (108.65, 39.35), (108.5, 39.35), (108.4, 39.35),
            (108.4, 39.15),
        ]
        .map { try XCTUnwrap(toMercator.apply(GeoKit.Point(x: $0.0, y: $0.1))) }
        let result = try Fixtures.stats(try polygonLayer(ring.map { ($0.x, $0.y) }, epsg: 3857))
        XCTAssertRelative(result.total.area, Fixtures.area("square_split_3857.whole"), 1e-9)
        XCTAssertRelative(try XCTUnwrap(result.zone("Zone A")).area, Fixtures.area("square_split_3857.in_A"), 1e-6)
    }

    func testPlanarAreaInANamedProjection() throws {
        let result = try Fixtures.stats("square_split_gk.shp", method: .planar(epsg: 4545))
        XCTAssertRelative(result.total.area, Fixtures.area("square_split_gk.planar"), 1e-9)
        // The zones come in lon/lat and are projected; their split still sums to the whole.
        let sum = try XCTUnwrap(result.zone("Zone A")).area + XCTUnwrap(result.zone("Zone B")).area
        XCTAssertRelative(sum, Fixtures.area("square_split_gk.planar"), 1e-9)
    }

    func testByClassRowsSumToZoneRows() throws {
        let result = try Fixtures.stats("overlapping.geojson", by: "name")
        for zone in ["Zone A", "Zone B"] {
            let classes = result.rows.filter { $0.scope == .zone(zone) && $0.key != nil }
            XCTAssertFalse(classes.isEmpty)
            // P1 and P2 are different classes, so per class nothing overlaps: classes sum to the un-dissolved total.
            XCTAssertRelative(
                classes.map(\.area).reduce(0, +),
                Fixtures.area("overlapping.\(zone == "Zone A" ? "zone_A" : "zone_B").sum"), 1e-9)
        }
    }

    func testNullClassValuesGetTheirOwnRowAndAreCountedOnce() throws {
        // P1 and P2 overlap and both have a null class; OUT keeps its name.
        var collection =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: Fixtures.path("overlapping.geojson")))) as! [String: Any]
        collection["features"] = (collection["features"] as! [[String: Any]]).map { feature in
            var feature = feature, properties = feature["properties"] as! [String: Any]
            if properties["name"] as? String != "OUT" { properties["name"] = NSNull() }
            feature["properties"] = properties
            return feature
        }
        let file = try temporaryDirectory().appendingPathComponent("null_class.geojson")
        try JSONSerialization.data(withJSONObject: collection).write(to: file)

        let result = try Fixtures.stats(file.path, by: "name")
        XCTAssertEqual(result.total.features, 3)
        XCTAssertRelative(
            result.total.area, Fixtures.area("overlapping.union") + Fixtures.area("overlapping.outside"), 1e-9)
        let nullTotal = try XCTUnwrap(result.rows.first { $0.scope == .total && $0.key == CellKey.nullClass })
        XCTAssertEqual(nullTotal.features, 2)
        XCTAssertRelative(nullTotal.area, Fixtures.area("overlapping.union"), 1e-9)
        let nullInA = try XCTUnwrap(result.rows.first { $0.scope == .zone("Zone A") && $0.key == CellKey.nullClass })
        XCTAssertRelative(nullInA.area, Fixtures.area("overlapping.zone_A.dissolved"), 1e-9)
    }

    func testOverlappingZonesCountAFeatureInEachAndOutsideByDifference() throws {
        // Zones P1 and P2 overlap; the subject touches P1 only along 108.4°E and crosses P2. Planar, because
        // P2 cuts the subject's 21 km east-west edges off a meridian (see README, boundary semantics).
        let result = try Fixtures.stats(
            "square_split.geojson", zones: "overlapping.geojson", method: .planar(epsg: 4545))
        XCTAssertTrue(result.zones.overlapping)
        // Projected, the shared meridian edge becomes two different chords: a sliver of ~160 m², nothing more.
        XCTAssertLessThan(try XCTUnwrap(result.zone("P1")).area, 1e-6 * Fixtures.area("square_split_gk.planar"))
        let inside = try XCTUnwrap(result.zone("P2")).area
        XCTAssertGreaterThan(inside, 0)
        // The sliver lies where P1 and P2 overlap, so it is in P2 as well: P2 and outside make the whole.
        XCTAssertRelative(inside + result.outside.area, Fixtures.area("square_split.planar_epsg4545"), 1e-9)
    }

    func testOneThreadAndTwoThreadsAgree() throws {
        let one = try Fixtures.stats("overlapping.geojson", threads: 1)
        let two = try Fixtures.stats("overlapping.geojson", threads: 2)
        XCTAssertRelative(one.total.area, two.total.area, 1e-12)
    }

    func testReadsKMLFileGeodatabaseAndDXF() throws {
        for file in ["bad/zones.kml", "bad/zones.gdb"] {
            let result = try Fixtures.stats(file)
            XCTAssertRelative(result.total.area, Fixtures.area("two_zones.total"), 1e-9, file)
        }
        // DXF has no CRS and draws areas as closed polylines.
        let dxf = try Fixtures.stats("bad/zones.dxf", subjectCRS: "EPSG:4490")
        XCTAssertRelative(dxf.total.area, Fixtures.area("two_zones.total"), 1e-9)
        XCTAssertEqual(dxf.notes.counts[.closedLines], 2)
    }

    func testRealOrdosBannersTotalArea() throws {
        // The tianditu banners of Ordos measure ≈ 86 853 km² (shared/data/README.md; official figure 86 752 km²).
        let banners = try Fixtures.shared("ordos/banners_tianditu_cgcs2000.geojson")
        let result = try StatsEngine.run(
            StatsRequest(
                subject: LayerSource(path: banners), zones: LayerSource(path: banners),
                zoneField: "district_name"))
        XCTAssertEqual(result.total.area / 1e6, 86_853, accuracy: 1)
        XCTAssertEqual(result.zones.names.count, 9)
        XCTAssertEqual(result.overlaps.pairs, 0)
        XCTAssertRelative(result.zone("东胜区")!.area, result.zone("东胜区")!.zoneArea!, 1e-9)
    }
}
