import Foundation
import GeoKit
import XCTest
@testable import Shelterbelt

/// The one reader, as every role meets it: corrupt coordinates, lost parts, contradictory hints and quiet
/// merges end in an error naming file, feature and option, or in a note, never in a silent figure.
final class InputReaderTests: XCTestCase {
    /// A 0.1° square near Hangjin banner, as GeoJSON coordinates.
    static let square = "[[109.0, 39.1], [109.1, 39.1], [109.1, 39.2], [109.0, 39.2], [109.0, 39.1]]"

    func polygon(_ ring: String) -> String { "{\"type\": \"Polygon\", \"coordinates\": [\(ring)]}" }

    func stats(_ subject: String, zones: String = Fixtures.path("two_zones.geojson"), skip: Bool = false) throws
        -> StatsResult
    {
        var source = LayerSource(path: subject)
        source.skipBadCoordinates = skip
        return try StatsEngine.run(StatsRequest(subject: source, zones: LayerSource(path: zones), zoneField: "name"))
    }

    // MARK: coordinates

    func testAVertexAtInfinityOrNaNIsAnErrorNamingTheFeatureAndVertex() throws {
        for value in ["1e400", "NaN"] {
            let ring = "[[108.2, 39.1], [108.3, 39.1], [\(value), 39.2], [108.2, 39.2], [108.2, 39.1]]"
            let layer = try geoJSONLayer([("{\"id\": 1}", polygon(Self.square)), ("{\"id\": 2}", polygon(ring))])
            assertError(.badInput, containing: "feature 2", "vertex 3", "not a finite number") {
                _ = try self.stats(layer)
            }
        }
    }

    func testAFarVertexOrALatitudeBeyondThePoleIsAnError() throws {
        let far = try geoJSONLayer([
            ("{}", polygon("[[108.2, 39.1], [108.3, 39.1], [1e300, 39.2], [108.2, 39.2], [108.2, 39.1]]"))
        ])
        assertError(.badInput, containing: "feature 0", "vertex 3", "outside longitude") { _ = try self.stats(far) }
        let pole = try geoJSONLayer([
            ("{}", polygon("[[108.2, 89.0], [108.3, 89.0], [108.3, 90.5], [108.2, 90.5], [108.2, 89.0]]"))
        ])
        assertError(.badInput, containing: "latitude ±90°") { _ = try self.stats(pole) }
        // A lone vertex far from the rest of its ring: a zeroed coordinate in an Ordos patch.
        let zeroed = try geoJSONLayer([
            ("{}", polygon("[[108.2, 39.1], [108.3, 39.1], [108.3, 39.2], [0, 0], [108.2, 39.2], [108.2, 39.1]]"))
        ])
        assertError(.badInput, containing: "vertex 4", "far away from all the others") { _ = try self.stats(zeroed) }
    }

    func testAPolygonAcrossTheAntimeridianIsRefused() throws {
        let layer = try geoJSONLayer([
            ("{}", polygon("[[179.5, 39.1], [-179.5, 39.1], [-179.5, 39.2], [179.5, 39.2], [179.5, 39.1]]"))
        ])
        assertError(.badInput, containing: "crosses the antimeridian") { _ = try self.stats(layer) }
    }

    func testSkippingBadCoordinatesIsExplicitAndCounted() throws {
        let bad = polygon("[[108.2, 39.1], [108.3, 39.1], [1e300, 39.2], [108.2, 39.2], [108.2, 39.1]]")
        let layer = try geoJSONLayer([("{}", polygon(Self.square)), ("{}", bad)])
        let result = try stats(layer, skip: true)
        XCTAssertEqual(result.notes.counts[.badCoordinates], 1)
        XCTAssertEqual(result.notes.examples[.badCoordinates], [1])
        XCTAssertGreaterThan(result.total.area, 0)
        XCTAssertTrue(StatsReport(result, unit: .ha).table().contains("skipped as asked"))
    }

    // MARK: lost parts

    func testAPolygonInsideANestedCollectionIsMeasuredAndTheLineNoted() throws {
        let nested = """
            {"type": "GeometryCollection", "geometries": [
             {"type": "LineString", "coordinates": [[108.1, 39.1], [108.2, 39.2]]},
             {"type": "GeometryCollection", "geometries": [\(polygon(Self.square))]}]}
            """
        let plain = try stats(try geoJSONLayer([("{}", polygon(Self.square))], name: "plain"))
        let result = try stats(try geoJSONLayer([("{}", nested)], name: "nested"))
        XCTAssertRelative(result.total.area, plain.total.area, 1e-12)
        XCTAssertEqual(result.notes.counts[.otherParts], 1)
    }

    func testRepairsOfZonesAreReportedNotOnlyTheSubjects() throws {
        let bowTie = polygon("[[108.0, 39.0], [109.0, 39.5], [109.0, 39.0], [108.0, 39.5], [108.0, 39.0]]")
        let zones = try geoJSONLayer([("{\"name\": \"X\"}", bowTie)], name: "zones")
        let result = try stats(try geoJSONLayer([("{}", polygon(Self.square))]), zones: zones)
        let zonesNotes = try XCTUnwrap(result.inputNotes.first { $0.role == .zones })
        XCTAssertEqual(zonesNotes.notes.counts[.repaired], 1)
        let json = StatsReport(result, unit: .ha).json().serialized(indent: nil)
        XCTAssertTrue(json.contains("\"role\":\"zones\"") && json.contains("repaired_invalid"), json)
        XCTAssertTrue(StatsReport(result, unit: .ha).csv().contains("# zones \(zones): 1 invalid polygons repaired"))
    }

    // MARK: hints and CRSs

    func testHintsNameTheZonesOwnOptions() throws {
        let zones = try geoJSONLayer([("{\"name\": \"A\"}", polygon(Self.square))], crs: nil, name: "zones")
        // A GeoJSON without a crs member is WGS 84 by definition; a Shapefile without .prj declares nothing.
        XCTAssertNoThrow(try stats(try geoJSONLayer([("{}", polygon(Self.square))]), zones: zones))
        assertError(.badInput, containing: "--zones-assume-crs") {
            _ = try self.stats(Fixtures.path("square_split.geojson"), zones: Fixtures.path("bad/nocrs.shp"))
        }
    }

    func testChinasOwnDatumTakesTheSouthChinaSeaIslands() throws {
        // Meiji reef (9.9°N) and Zengmu shoal (3.9°N), in CGCS2000 and in its Gauss-Krüger zone 38 (CM 114°E).
        let islands = try geoJSONLayer([
            ("{}", polygon("[[112.2, 3.9], [112.3, 3.9], [112.3, 4.0], [112.2, 4.0], [112.2, 3.9]]")),
            ("{}", polygon("[[115.5, 9.9], [115.6, 9.9], [115.6, 10.0], [115.5, 10.0], [115.5, 9.9]]")),
        ])
        XCTAssertNoThrow(try FeatureSource(LayerSource(path: islands)))
        XCTAssertTrue(
            CRSGuess.suggest(for: Envelope(minX: 112.2, minY: 3.9, maxX: 115.6, maxY: 10)).contains("EPSG:4490"))
        XCTAssertFalse(CRSGuess.suggest(for: Envelope(minX: 2, minY: 48, maxX: 3, maxY: 49)).contains("EPSG:4490"))
    }

    func testAnAssumedCRSContradictingTheDeclaredOneIsAnErrorNamingBoth() throws {
        var source = LayerSource(path: Fixtures.path("square_split_gk.shp"), assumeCRS: "EPSG:4546")
        assertError(.usage, containing: "EPSG:4545", "contradicts --assume-crs EPSG:4546") { _ = try source.open() }
        source.assumeCRS = "EPSG:99999999"
        assertError(.usage, containing: "is not a CRS") { _ = try source.open() }
    }

    func testAnAssumedCRSThatPutsEverythingOutsideEveryZoneIsAnError() throws {
        // Degrees read as Web Mercator metres: a speck off West Africa, in no zone.
        var subject = LayerSource(path: Fixtures.path("square_split.geojson"), assumeCRS: "EPSG:3857")
        subject.role = .subject
        assertError(.badInput, containing: "no feature lies in any zone", "--assume-crs EPSG:3857") {
            _ = try StatsEngine.run(
                StatsRequest(subject: subject, zones: LayerSource(path: Fixtures.path("two_zones.geojson"))))
        }
    }

    // MARK: encodings

    /// A copy of the GBK zones Shapefile without .cpg, with `cpg` as its .cpg when given.
    func gbkZones(cpg: String?) throws -> String {
        let folder = try temporaryDirectory()
        for ext in ["shp", "shx", "dbf", "prj"] {
            try FileManager.default.copyItem(
                atPath: Fixtures.path("zones_gbk_nocpg.\(ext)"), toPath: folder.appendingPathComponent("z.\(ext)").path)
        }
        if let cpg { try cpg.write(to: folder.appendingPathComponent("z.cpg"), atomically: true, encoding: .utf8) }
        return folder.appendingPathComponent("z.shp").path
    }

    func testACPGThatContradictsTheTextIsNamedAsSuch() throws {
        let zones = try gbkZones(cpg: "UTF-8")
        assertError(.badInput, containing: "its .cpg file says UTF-8", "decodes cleanly as GBK", "--zones-encoding GBK")
        {
            _ = try self.stats(Fixtures.path("square_split.geojson"), zones: zones)
        }
        // The option wins over the .cpg.
        let result = try StatsEngine.run(
            StatsRequest(
                subject: LayerSource(path: Fixtures.path("square_split.geojson")),
                zones: LayerSource(path: zones, encoding: "GBK"), zoneField: "NAME"))
        XCTAssertEqual(result.zones.names, ["杭锦旗", "达拉特旗"])
    }

    func testAnEncodingThatMakesMojibakeIsAnError() throws {
        let zones = try gbkZones(cpg: nil)
        assertError(.badInput, containing: "says LATIN1", "decodes cleanly as GBK") {
            _ = try StatsEngine.run(
                StatsRequest(
                    subject: LayerSource(path: Fixtures.path("square_split.geojson")),
                    zones: LayerSource(path: zones, encoding: "LATIN1"), zoneField: "NAME"))
        }
    }

    func testBIG5OnGBKTextIsAnErrorNamingGBK() throws {
        let zones = try gbkZones(cpg: nil)
        assertError(.badInput, containing: "says BIG5", "GB2312/GBK-shaped", "杭锦旗") {
            _ = try StatsEngine.run(
                StatsRequest(
                    subject: LayerSource(path: Fixtures.path("square_split.geojson")),
                    zones: LayerSource(path: zones, encoding: "BIG5"), zoneField: "NAME"))
        }
    }

    func testUTF16BoundaryPointFilesAreRecognised() throws {
        let utf8 = Fixtures.path("screening/boundary/prefix36_utf8.txt")
        let text = try String(contentsOfFile: utf8, encoding: .utf8)
        let file = try temporaryDirectory().appendingPathComponent("utf16.txt")
        try (Data([0xFF, 0xFE]) + text.data(using: .utf16LittleEndian)!).write(to: file)
        let original = try BoundaryPointFile.read(path: utf8)
        let wide = try BoundaryPointFile.read(path: file.path)
        XCTAssertEqual(wide.encoding, "UTF-16LE")
        XCTAssertEqual(wide.parcels.map(\.attributes), original.parcels.map(\.attributes))
        // Without a byte-order mark, the encoding asked for splits the lines at 2-byte units.
        let unmarked = try temporaryDirectory().appendingPathComponent("utf16be.txt")
        try XCTUnwrap(text.data(using: .utf16BigEndian)).write(to: unmarked)
        let asked = try BoundaryPointFile.read(path: unmarked.path, encoding: "utf-16be")
        XCTAssertEqual(asked.encoding, "UTF-16BE")
        XCTAssertEqual(asked.parcels.map(\.attributes), original.parcels.map(\.attributes))
        XCTAssertEqual(asked.parcels.map { $0.rings.map(\.points) }, original.parcels.map { $0.rings.map(\.points) })
    }

    // MARK: merges and web maps

    func testZonesSharingANameAreMergedWithANote() throws {
        let zones = try geoJSONLayer(
            [
                (
                    "{\"name\": \"A\"}",
                    polygon("[[108.0, 39.0], [108.5, 39.0], [108.5, 39.5], [108.0, 39.5], [108.0, 39.0]]")
                ),
                (
                    "{\"name\": \"A\"}",
                    polygon("[[108.5, 39.0], [109.0, 39.0], [109.0, 39.5], [108.5, 39.5], [108.5, 39.0]]")
                ),
            ],
            name: "zones")
        let result = try stats(Fixtures.path("square_split.geojson"), zones: zones)
        XCTAssertEqual(result.zones.names, ["A"])
        XCTAssertTrue(
            StatsReport(result, unit: .ha).table().contains("2 features share the zone name 'A' (features 0, 1)"))
    }

    /// The bundled banners moved into GCJ-02, as a web map exports them (declaring WGS 84).
    func bannersInGCJ02() throws -> String {
        let set = try LayerSet.load(nil)
        let banners = try XCTUnwrap(set.layers.first { $0.kind == .banner })
        let source = try FeatureSource(banners.source, fields: [banners.idField], edges: .geodesic)
        var features: [(String, String)] = []
        while let item = try source.nextKept(), let geometry = item.geometry {
            let shifted = try geometry.mapCoordinates { x, y in
                let moved = WebMapOffset.gcj02.forward(Point(x: x, y: y))
                (x, y) = (moved.x, moved.y)
                return true
            }
            features.append(
                ("{\"name\": \"\(item.text(0) ?? "")\"}", try GeoJSONWriter.geometry(shifted, 9).serialized()))
        }
        return try geoJSONLayer(features, crs: nil, name: "banners_gcj02")
    }

    func testZonesInWebMapCoordinatesAreCaughtAndConvertedOnRequest() throws {
        let zones = try bannersInGCJ02()
        assertError(.badInput, containing: "GCJ02", "--zones-assume-crs GCJ02") {
            _ = try self.stats(Fixtures.path("square_split.geojson"), zones: zones)
        }
        let set = try LayerSet.load(nil)
        let banners = try XCTUnwrap(set.layers.first { $0.kind == .banner })
        let subject = LayerSource(path: Fixtures.path("square_split.geojson"))
        let truth = try StatsEngine.run(
            StatsRequest(subject: subject, zones: banners.source, zoneField: banners.idField, edges: .geodesic))
        let converted = try StatsEngine.run(
            StatsRequest(
                subject: subject, zones: LayerSource(path: zones, assumeCRS: "GCJ02", role: .zones),
                zoneField: "name", edges: .geodesic))
        XCTAssertEqual(converted.zones.notes.counts[.webMapOffset], truth.zones.names.count)
        for (index, name) in truth.zones.names.enumerated() {
            XCTAssertRelative(converted.zones.areas[index], truth.zones.areas[index], 1e-6, name)
        }
    }
}

/// The stats engine on features made in memory: no file, exactly the features a case needs.
final class InMemoryStatsTests: XCTestCase {
    func testTheEngineMeasuresFeaturesMadeInMemory() throws {
        let context = GEOSContext()
        func raw(_ id: Int64, _ wkt: String, _ kind: String) throws -> RawFeature {
            RawFeature(
                id: id, geometry: FeatureGeometry(wkb: try Geometry(wkt: wkt, context: context).wkb, kind: .polygonal),
                values: [.string(kind)])
        }
        // Two squares in zone A (108.0–108.5°E), one of them twice (an overlap), and a bow-tie across both zones.
        let features = [
            try raw(1, "POLYGON((108.1 39.1, 108.2 39.1, 108.2 39.2, 108.1 39.2, 108.1 39.1))", "造林"),
            try raw(2, "POLYGON((108.1 39.1, 108.2 39.1, 108.2 39.2, 108.1 39.2, 108.1 39.1))", "造林"),
            try raw(3, "POLYGON((108.4 39.3, 108.6 39.4, 108.6 39.3, 108.4 39.4, 108.4 39.3))", "种草"),
        ]
        let subject = try InMemoryLayer(name: "patches", crs: "EPSG:4490", fields: ["treatment"], features: features)
        let request = StatsRequest(
            subject: LayerSource(path: "(memory)"), zones: LayerSource(path: Fixtures.path("two_zones.geojson")),
            zoneField: "name", byField: "treatment", threads: 2)
        let zones = try ZoneSet.load(request.zones, nameField: "name", method: .geodesic)
        let result = try StatsEngine.run(request, subject: subject, zones: zones)

        let geodesic = Geodesic(.grs80)
        let square = try geodesic.straightEdgeArea(
            of: try Geometry(
                wkt: "POLYGON((108.1 39.1, 108.2 39.1, 108.2 39.2, 108.1 39.2, 108.1 39.1))",
                context: context))
        let bowTie = try geodesic.straightEdgeArea(
            of: try Geometry(
                wkt: "POLYGON((108.4 39.3, 108.6 39.4, 108.6 39.3, 108.4 39.4, 108.4 39.3))", context: context
            ).makeValid())
        XCTAssertRelative(result.total.area, square + bowTie, 1e-12)
        XCTAssertEqual(result.overlaps.pairs, 1)
        XCTAssertEqual(result.notes.counts[.repaired], 1)
        // The bow-tie's halves are mirror images across 108.5°E, so it splits evenly between the zones.
        XCTAssertRelative(try XCTUnwrap(result.zone("Zone B")).area, bowTie / 2, 1e-9)
        XCTAssertRelative(try XCTUnwrap(result.zone("Zone A")).area, square + bowTie / 2, 1e-9)
    }
}
