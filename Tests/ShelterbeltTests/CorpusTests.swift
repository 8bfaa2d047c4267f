import Foundation
import XCTest
@testable import Shelterbelt

/// The public GIS test suites (GEOS and JTS XML tests, Turf inputs, invalid-GeoJSON examples) through the one
/// reader in each role, against reference areas made independently by Scripts/make_corpus_fixtures.py
/// (shapely make-valid, structure method, and pyproj.Geod): no crash, every refusal a ShelterbeltError naming the
/// file, every area within 1e-6 of the reference unless `explained` says why.
final class CorpusTests: XCTestCase {
    struct Entry: Decodable {
        struct Case: Decodable { let index: Int }
        struct Expected: Decodable {
            let area_geodesic_edges: Double
            let area_lonlat_edges: Double
        }
        let source: String
        let feature: Int?
        let `case`: Case?
        let role: String?
        let wkt: String?
        let expected: Expected?
        let reader_should_refuse: String?
        let gdal_refuses: Bool?
        let notes: [String]?

        /// A collection whose polygons overlap: the reference sums them (the overlap twice); the reader repairs the
        /// collection into their union, as a feature's area is the area it covers.
        var partsOverlap: Bool { notes?.contains { $0.contains("overlap counted twice") } == true }
    }

    struct Corpus: Decodable { let entries: [Entry] }

    static let corpus: [Entry] = {
        let data = try! Data(contentsOf: Fixtures.directory.appendingPathComponent("corpus/expected.json"))
        return try! JSONDecoder().decode(Corpus.self, from: data).entries
    }()

    /// Where the reader's answer differs from the reference, and why.
    static let explained: [String: String] = [
        "chrieke_geojson_invalid_geometry/examples/invalid_structure/"
            + "invalid_geometry_depth_shallow_multipolygon.geojson":
            "GDAL reads a MultiPolygon nested only 3 deep as its one well-formed polygon, without a warning; "
            + "the reader sees only what GDAL gives it (a GeoJSON structure check of its own is not there yet)"
    ]

    /// XML cases whose figure with geodesic edges differs, and why (with edges straight in lon/lat they match).
    static let explainedGeodesic = [
        "geos/tests/xmltester/tests/misc/InvalidRelates.xml case 4 b":
            "two polygons sharing part of a 2.9 km east-west edge: the repair dissolves the shared stretch, "
            + "and a geodesic between the remaining vertices bulges by another 142 m² (1e-5) "
            + "than the one between the original ones"
    ]

    static let tolerance = 1e-6
    /// Areas under a square metre: a relative figure means nothing there (slivers of a few millimetres).
    static let absoluteFloor = 1.0

    func reference(_ expected: Entry.Expected, _ edges: EdgeRule) -> Double {
        edges == .geodesic ? expected.area_geodesic_edges : expected.area_lonlat_edges
    }

    /// The XML suites' polygons, written as one CSV layer with a WKT column, read in every role.
    func testXMLSuitePolygonsMatchTheReferenceInEveryRole() throws {
        let entries = Self.corpus.filter { $0.wkt != nil && $0.expected != nil }
        XCTAssertGreaterThan(entries.count, 2000)
        let folder = try temporaryDirectory()
        let file = folder.appendingPathComponent("corpus.csv").path
        var csv = "entry,WKT\n"
        for (index, entry) in entries.enumerated() { csv += "\(index),\"\(entry.wkt!)\"\n" }
        try csv.write(toFile: file, atomically: true, encoding: .utf8)
        for role in [LayerRole.subject, .zones, .constraint] {
            for edges in EdgeRule.allCases {
                var measured = [Double](repeating: 0, count: entries.count)
                let source = try FeatureSource(
                    LayerSource(path: file, assumeCRS: "EPSG:4490", role: role), fields: ["entry"], edges: edges)
                let meter = AreaMeter(.geodesic, edges: edges)
                while let item = try source.nextKept(), let geometry = item.geometry {
                    measured[Int(item.text(0)!)!] += try meter.area(geometry)
                }
                var misses: [String] = []
                for (index, entry) in entries.enumerated() {
                    let expected = reference(entry.expected!, edges)
                    let error = abs(measured[index] - expected)
                    if entry.partsOverlap {
                        if !(measured[index] > 0 && measured[index] < expected) {
                            misses.append("\(entry.source): overlap not counted once")
                        }
                    } else if edges == .geodesic,
                        Self.explainedGeodesic["\(entry.source) case \(entry.case?.index ?? 0) \(entry.role ?? "")"]
                            != nil
                    {
                        continue
                    } else if error > max(expected * Self.tolerance, Self.absoluteFloor) {
                        let which = "\(entry.source) case \(entry.case?.index ?? 0) \(entry.role ?? "")"
                        misses.append("\(which): \(measured[index]) vs \(expected)")
                    }
                }
                XCTAssertEqual(misses, [], "\(role) \(edges)")
            }
        }
    }

    /// XML inputs the reader must refuse (a NaN vertex): an error naming the file and the feature.
    func testXMLSuiteCorruptCoordinatesAreRefused() throws {
        for entry in Self.corpus where entry.wkt != nil && entry.reader_should_refuse != nil {
            let file = try temporaryDirectory().appendingPathComponent("bad.csv").path
            try "entry,WKT\n0,\"\(entry.wkt!)\"\n".write(toFile: file, atomically: true, encoding: .utf8)
            assertError(.badInput, containing: file, "feature 1") {
                let source = try FeatureSource(LayerSource(path: file, assumeCRS: "EPSG:4490"))
                while try source.next() != nil {}
            }
        }
    }

    /// The GeoJSON examples, read from ../shared as users would give them.
    func testGeoJSONExamplesAreMeasuredOrRefusedWithAMessage() throws {
        let root = try Fixtures.shared("testsuites")
        let byFile = Dictionary(grouping: Self.corpus.filter { $0.wkt == nil }, by: \.source)
        XCTAssertGreaterThan(byFile.count, 100)
        var measuredCount = 0
        for (source, entries) in byFile.sorted(by: { $0.key < $1.key }) {
            let path = (root as NSString).appendingPathComponent(source)
            let refuses = entries.contains { $0.gdal_refuses == true || $0.reader_should_refuse != nil }
            do {
                let reader = try FeatureSource(LayerSource(path: path, role: .constraint), edges: .straight)
                var areas: [Int: Double] = [:]
                var position = 0
                while let item = try reader.next() {
                    if let geometry = item.geometry, item.shape == .area {
                        areas[position] = try AreaMeter(.geodesic, edges: .straight).area(geometry)
                    }
                    position += 1
                }
                for entry in entries {
                    guard let expected = entry.expected, let feature = entry.feature else { continue }
                    let reference = reference(expected, .straight)
                    let got = areas[feature] ?? 0
                    XCTAssertLessThanOrEqual(
                        abs(got - reference), max(reference * Self.tolerance, Self.absoluteFloor),
                        "\(source) feature \(feature)")
                    measuredCount += 1
                }
                // What the reader left out instead of refusing is in its notes.
                for entry in entries where entry.reader_should_refuse != nil && Self.explained[source] == nil {
                    XCTAssertTrue(
                        reader.notes.skipped > 0,
                        "\(source): '\(entry.reader_should_refuse!)' neither refused nor noted")
                }
            } catch let error as ShelterbeltError {
                // A file without a feature is refused as empty: a layer that holds nothing is never measured as zero.
                let empty = error.problem.hasPrefix("is empty") && entries.allSatisfy { $0.expected == nil }
                XCTAssertTrue(refuses || empty, "\(source) was refused but should be read: \(error)")
                XCTAssertTrue(error.description.contains(path), error.description)
            }
        }
        XCTAssertGreaterThan(measuredCount, 100)
    }
}
