import Foundation
import XCTest
@testable import Shelterbelt

/// Paths and reference values of `Tests/Fixtures` (made by Scripts/make_test_fixtures.py with pyproj/GeographicLib).
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func path(_ name: String) -> String {
        name.hasPrefix("/") ? name : directory.appendingPathComponent(name).path
    }

    /// Expected areas in m², keyed as in expected_areas.json: `areas_m2` (edges straight in each layer's CRS, the
    /// default `EdgeRule.straight`) and `areas_m2_geodesic_edges` (`EdgeRule.geodesic`).
    static let areas: [EdgeRule: [String: Double]] = {
        let data = try! Data(contentsOf: directory.appendingPathComponent("expected_areas.json"))
        let object = try! JSONSerialization.jsonObject(with: data) as! [String: Any]
        return [
            .straight: object["areas_m2"] as! [String: Double],
            .geodesic: object["areas_m2_geodesic_edges"] as! [String: Double],
        ]
    }()

    static func area(_ key: String, edges: EdgeRule = .straight) -> Double {
        guard let value = areas[edges]?[key] else { fatalError("expected_areas.json has no \(key) for \(edges) edges") }
        return value
    }

    /// Shared real data (../shared/data), present only in the project's workplace.
    static func shared(_ relative: String) throws -> String {
        let url = directory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared/data").appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("shared data \(relative) is not here (../shared/data); skipped")
        }
        return url.path
    }

    static func stats(
        _ subject: String, zones: String = "two_zones.geojson", zoneField: String? = "name", by: String? = nil,
        method: AreaMethod = .geodesic, edges: EdgeRule = .straight, subjectCRS: String? = nil,
        threads: Int = 2
    ) throws -> StatsResult {
        try StatsEngine.run(
            StatsRequest(
                subject: LayerSource(path: path(subject), assumeCRS: subjectCRS),
                zones: LayerSource(path: path(zones)), zoneField: zoneField, byField: by,
                method: method, edges: edges, threads: threads))
    }
}

/// Relative comparison, as areas span many orders of magnitude.
func XCTAssertRelative(
    _ actual: Double, _ expected: Double, _ tolerance: Double, _ message: String = "",
    file: StaticString = #filePath, line: UInt = #line
) {
    let error = expected == 0 ? abs(actual) : abs(actual - expected) / abs(expected)
    XCTAssertLessThanOrEqual(
        error, tolerance, "\(message) actual \(actual), expected \(expected)", file: file, line: line)
}

extension XCTestCase {
    /// Asserts that `body` fails with a `ShelterbeltError` of `kind` whose message holds every one of `texts`.
    func assertError(
        _ kind: ShelterbeltError.Kind, containing texts: String..., file: StaticString = #filePath, line: UInt = #line,
        _ body: () throws -> Void
    ) {
        assertError(kind, containingAll: texts, file: file, line: line, body)
    }

    func assertError(
        _ kind: ShelterbeltError.Kind, containingAll texts: [String], file: StaticString = #filePath,
        line: UInt = #line,
        _ body: () throws -> Void
    ) {
        XCTAssertThrowsError(try body(), file: file, line: line) { error in
            guard let error = error as? ShelterbeltError else {
                return XCTFail("not a ShelterbeltError: \(error)", file: file, line: line)
            }
            XCTAssertEqual(error.kind, kind, error.description, file: file, line: line)
            for text in texts {
                XCTAssertTrue(
                    error.description.contains(text), "'\(text)' not in: \(error.description)", file: file, line: line)
            }
        }
    }

    /// A GeoJSON layer in a fresh folder: `features` are (properties JSON, geometry JSON) pairs;
    /// `crs` an EPSG code or none.
    func geoJSONLayer(_ features: [(String, String)], crs: Int? = 4490, name: String = "layer") throws -> String {
        let member =
            crs.map { "\"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"urn:ogc:def:crs:EPSG::\($0)\"}}, " }
            ?? ""
        let items = features.map { "{\"type\": \"Feature\", \"properties\": \($0.0), \"geometry\": \($0.1)}" }
        let file = try temporaryDirectory().appendingPathComponent("\(name).geojson").path
        try "{\"type\": \"FeatureCollection\", \(member)\"features\": [\(items.joined(separator: ",\n"))]}"
            .write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    /// A fresh folder for this test's files, removed when the test ends.
    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("shelterbelt-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// A GeoJSON layer of one polygon whose coordinates are in EPSG `epsg`, named in a (GeoJSON 2008) crs member.
    func polygonLayer(_ ring: [(Double, Double)], epsg: Int) throws -> String {
        let coordinates = ring.map { "[\($0.0), \($0.1)]" }.joined(separator: ", ")
        return try geoJSONLayer(
            [("{\"id\": 1}", "{\"type\": \"Polygon\", \"coordinates\": [[\(coordinates)]]}")], crs: epsg,
            name: "layer_\(epsg)")
    }
}
