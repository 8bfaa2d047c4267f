import Foundation
import GeoKit
import XCTest
@testable import Shelterbelt

/// GCJ-02 / BD-09 conversion against Tests/Fixtures/webmap/offsets.json (an independent implementation,
/// see Scripts/make_webmap_fixtures.py), and detection of offset layers on the real Ordos banners.
final class WebMapOffsetTests: XCTestCase {
    private struct ReferencePoint {
        let name: String
        let wgs84: Point
        let insideChina: Bool
        let gcj02: Point
        let bd09: Point?
    }

    private static let referencePoints: [ReferencePoint] = {
        let data = try! Data(contentsOf: URL(fileURLWithPath: Fixtures.path("webmap/offsets.json")))
        let object = try! JSONSerialization.jsonObject(with: data) as! [String: Any]
        func point(_ value: Any?) -> Point? {
            (value as? [Double]).map { Point(x: $0[0], y: $0[1]) }
        }
        return (object["points"] as! [[String: Any]]).map { entry in
            ReferencePoint(
                name: entry["name"] as! String, wgs84: point(entry["wgs84"])!,
                insideChina: entry["inside_china"] as! Bool, gcj02: point(entry["gcj02"])!,
                bd09: point(entry["bd09"]))
        }
    }()

    private let geodesic = Geodesic(.grs80)

    // MARK: - Conversion

    func testForwardAgreesWithIndependentImplementation() {
        XCTAssertGreaterThanOrEqual(Self.referencePoints.count, 20)
        for reference in Self.referencePoints {
            let gcj02 = WebMapOffset.gcj02.forward(reference.wgs84)
            XCTAssertEqual(gcj02.x, reference.gcj02.x, accuracy: 1e-9, reference.name)
            XCTAssertEqual(gcj02.y, reference.gcj02.y, accuracy: 1e-9, reference.name)
            guard let expected = reference.bd09 else { continue }
            let bd09 = WebMapOffset.bd09.forward(reference.wgs84)
            XCTAssertEqual(bd09.x, expected.x, accuracy: 1e-9, reference.name)
            XCTAssertEqual(bd09.y, expected.y, accuracy: 1e-9, reference.name)
        }
    }

    func testInverseRoundTripsWithinACentimetre() {
        for reference in Self.referencePoints where reference.insideChina {
            for (offset, shifted) in [(WebMapOffset.gcj02, reference.gcj02), (.bd09, reference.bd09!)] {
                let back = offset.toWGS84(shifted)
                XCTAssertLessThan(geodesic.distance(back, reference.wgs84), 0.01, "\(offset) \(reference.name)")
                XCTAssertLessThan(geodesic.distance(offset.forward(back), shifted), 0.01, "\(offset) \(reference.name)")
            }
        }
    }

    func testShiftInOrdosIsHundredsOfMetres() {
        for reference in Self.referencePoints where reference.insideChina {
            let gcj02Shift = geodesic.distance(reference.wgs84, WebMapOffset.gcj02.forward(reference.wgs84))
            XCTAssertTrue((300...700).contains(gcj02Shift), "GCJ-02 shift \(gcj02Shift) m at \(reference.name)")
            let bd09Shift = geodesic.distance(reference.wgs84, WebMapOffset.bd09.forward(reference.wgs84))
            XCTAssertTrue((900...1500).contains(bd09Shift), "BD-09 shift \(bd09Shift) m at \(reference.name)")
        }
    }

    func testIdentityOutsideChina() {
        let outside = Self.referencePoints.filter { !$0.insideChina }
        XCTAssertFalse(outside.isEmpty)
        for reference in outside {
            XCTAssertEqual(reference.gcj02, reference.wgs84, "the independent implementation leaves it too")
            for offset in WebMapOffset.allCases {
                XCTAssertEqual(offset.forward(reference.wgs84), reference.wgs84)
                XCTAssertEqual(offset.toWGS84(reference.wgs84), reference.wgs84)
            }
        }
    }

    func testGeometryIsTakenBackVertexByVertex() throws {
        let context = GEOSContext()
        let ring = [
            Point(x: 109.7, y: 39.5), Point(x: 109.9, y: 39.5), Point(x: 109.9, y: 39.7),
            Point(x: 109.7, y: 39.5),
        ]
        for offset in WebMapOffset.allCases {
            let shifted = try Geometry.polygon(
                PolygonRings(exterior: ring.map(offset.forward), holes: []),
                context: context)
            let back = try offset.toWGS84(shifted).polygons[0].exterior
            XCTAssertEqual(back.count, ring.count)
            for (got, expected) in zip(back, ring) {
                XCTAssertLessThan(geodesic.distance(got, expected), 0.01, "\(offset)")
            }
        }
    }

    func testNames() {
        for name in ["GCJ02", "GCJ-02", "gcj02", "gcj-02", "Gcj02"] { XCTAssertEqual(WebMapOffset(name: name), .gcj02) }
        for name in ["BD09", "BD-09", "bd09", "bd-09"] { XCTAssertEqual(WebMapOffset(name: name), .bd09) }
        for name in ["", "WGS84", "GCJ", "BD-9", "EPSG:4326", "gcj_02"] { XCTAssertNil(WebMapOffset(name: name), name) }
    }

    // MARK: - Detection on the real banners (../shared/data)

    /// The AMap banners (already shifted back to WGS84) against a bundled tianditu layer (banners or city).
    private func amapBannersAndDetector(reference: String = "banners") throws -> ([Geometry], WebMapOffsetDetector) {
        let amap = try polygons(Fixtures.shared("ordos/banners_amap_wgs84.geojson"))
        let repository = Fixtures.directory.deletingLastPathComponent().deletingLastPathComponent()
        let layers = try LayerSet.load(repository.appendingPathComponent("Layers/ordos").path)
        let layer = try XCTUnwrap(layers.layer(reference))
        return (amap, try WebMapOffsetDetector(reference: try polygons(layer.file)))
    }

    private func polygons(_ path: String) throws -> [Geometry] {
        let opened = try LayerSource(path: path).open()
        let context = GEOSContext()
        var found: [Geometry] = []
        while let raw = try opened.nextRaw(fields: []) {
            if let wkb = raw.geometry?.wkb { found.append(try Geometry(wkb: wkb, context: context)) }
        }
        return found
    }

    private func shifted(_ layer: [Geometry], by offset: WebMapOffset) throws -> [Geometry] {
        try layer.map { geometry in
            try geometry.mapCoordinates { x, y in
                let point = offset.forward(Point(x: x, y: y))
                x = point.x
                y = point.y
                return true
            }
        }
    }

    private func describe(_ assessment: WebMapOffsetAssessment) -> String {
        String(
            format: "medians: declared %.0f m, GCJ-02 %.0f m, BD-09 %.0f m over %d vertices",
            assessment.declaredMedian, assessment.gcj02Median, assessment.bd09Median, assessment.verticesUsed)
    }

    func testBannersAsDeclaredAreNotFlagged() throws {
        let (amap, detector) = try amapBannersAndDetector()
        let assessment = try detector.assess(amap)
        XCTAssertEqual(assessment.verdict, .asDeclared, describe(assessment))
        XCTAssertNil(assessment.bestReading, describe(assessment))
        XCTAssertGreaterThanOrEqual(assessment.verticesUsed, 1000)
    }

    func testBannersInGCJ02AreFlagged() throws {
        let (amap, detector) = try amapBannersAndDetector()
        let assessment = try detector.assess(wkb: try shifted(amap, by: .gcj02).map(\.wkb))
        print("amap banners shifted to GCJ-02: \(describe(assessment))")
        XCTAssertEqual(assessment.verdict, .offset(.gcj02), describe(assessment))
    }

    func testBannersInBD09AreFlagged() throws {
        let (amap, detector) = try amapBannersAndDetector()
        let assessment = try detector.assess(try shifted(amap, by: .bd09))
        print("amap banners shifted to BD-09: \(describe(assessment))")
        XCTAssertEqual(assessment.verdict, .offset(.bd09), describe(assessment))
    }

    /// The city outline alone is enough: the banners' outer edges follow it.
    func testCityOutlineAsReference() throws {
        let (amap, detector) = try amapBannersAndDetector(reference: "city")
        for (layer, expected) in [
            (amap, WebMapOffsetAssessment.Verdict.asDeclared),
            (try shifted(amap, by: .gcj02), .offset(.gcj02)),
            (try shifted(amap, by: .bd09), .offset(.bd09)),
        ] {
            let assessment = try detector.assess(layer)
            print("against the city outline: \(describe(assessment))")
            XCTAssertEqual(assessment.verdict, expected, describe(assessment))
        }
    }

    func testLayerAwayFromTheBoundariesGetsNoVerdict() throws {
        let (_, detector) = try amapBannersAndDetector()
        let context = GEOSContext()
        // 1 km squares deep inside the banners (12–35 km from any boundary), shifted to GCJ-02 for good measure.
        let squares = try [(108.3, 39.5), (108.5, 39.3), (108.9, 38.9)].map { lon, lat in
            try Geometry.rectangle(
                Envelope(minX: lon, minY: lat, maxX: lon + 0.012, maxY: lat + 0.009),
                context: context)
        }
        let assessment = try detector.assess(try shifted(squares, by: .gcj02))
        XCTAssertEqual(assessment.verdict, .undecided, describe(assessment))
        XCTAssertEqual(assessment.verticesUsed, 0, describe(assessment))
    }

    func testEmptyReferenceGivesNoVerdict() throws {
        let context = GEOSContext()
        let square = try Geometry.rectangle(
            Envelope(minX: 109.7, minY: 39.5, maxX: 109.8, maxY: 39.6),
            context: context)
        let assessment = try WebMapOffsetDetector(reference: []).assess([square])
        XCTAssertEqual(assessment.verdict, .undecided)
        XCTAssertEqual(assessment.verticesUsed, 0)
        XCTAssertTrue(assessment.declaredMedian.isNaN)
    }

    /// A grid of squares over all of Ordos: some vertices fall near a banner boundary by chance, at
    /// distances that owe nothing to any reading, so no offset may be called.
    func testUnrelatedGridIsNotFlagged() throws {
        let (_, detector) = try amapBannersAndDetector()
        let context = GEOSContext()
        var squares: [Geometry] = []
        for lon in stride(from: 106.8, to: 111.4, by: 0.1) {
            for lat in stride(from: 37.4, to: 40.8, by: 0.1) {
                let square = Envelope(minX: lon, minY: lat, maxX: lon + 0.03, maxY: lat + 0.02)
                squares.append(try Geometry.rectangle(square, context: context))
            }
        }
        for layer in [squares, try shifted(squares, by: .gcj02)] {
            let assessment = try detector.assess(layer)
            print("grid of squares: \(describe(assessment))")
            XCTAssertNotEqual(assessment.verdict, .offset(.gcj02), describe(assessment))
            XCTAssertNotEqual(assessment.verdict, .offset(.bd09), describe(assessment))
        }
    }
}
