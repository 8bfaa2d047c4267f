import Foundation
import GeoKit
import XCTest
@testable import Shelterbelt

final class OutputTests: XCTestCase {
    func testAtomicWriteReplacesAndLeavesNoTemporaryFile() throws {
        let directory = try temporaryDirectory()
        let target = directory.appendingPathComponent("out.csv").path
        try AtomicFile.write("old", to: target)
        try AtomicFile.write("new", to: target)
        XCTAssertEqual(try String(contentsOfFile: target, encoding: .utf8), "new")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["out.csv"])
    }

    func testFailedProducerLeavesNothingBehind() throws {
        let directory = try temporaryDirectory()
        let target = directory.appendingPathComponent("report.json").path
        struct Boom: Error {}
        XCTAssertThrowsError(
            try AtomicFile.write(to: target) { temporary in
                try Data("half".utf8).write(to: URL(fileURLWithPath: temporary))
                throw Boom()
            }
        ) { error in XCTAssertEqual((error as? ShelterbeltError)?.kind, .cannotWriteOutput) }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), [])
    }

    func testMissingOutputFolderIsACannotWriteError() {
        XCTAssertThrowsError(try AtomicFile.write("x", to: "/nonexistent-folder-\(UUID().uuidString)/a.json")) {
            error in
            XCTAssertEqual((error as? ShelterbeltError)?.exitCode, 73)
        }
    }

    func testAnOutputNeverReplacesAnInputOfTheRunNorItsSidecarFiles() throws {
        let directory = try temporaryDirectory()
        for ext in ["shp", "shx", "dbf", "prj", "cpg"] {
            try FileManager.default.copyItem(
                atPath: Fixtures.path("square_split_gk.\(ext)"),
                toPath: directory.appendingPathComponent("in.\(ext)").path)
        }
        let input = directory.appendingPathComponent("in.shp").path
        _ = try StatsEngine.run(
            StatsRequest(
                subject: LayerSource(path: input), zones: LayerSource(path: Fixtures.path("two_zones.geojson")),
                zoneField: "name", byField: nil, method: .geodesic, threads: 1))
        let before = try Data(contentsOf: URL(fileURLWithPath: directory.appendingPathComponent("in.dbf").path))
        for target in ["in.shp", "in.dbf", "./in.dbf"] {
            XCTAssertThrowsError(try AtomicFile.write("zone,area\n", to: directory.path + "/" + target), target) {
                error in
                XCTAssertEqual((error as? ShelterbeltError)?.kind, .usage)
                XCTAssertTrue("\(error)".contains("is an input of this run"))
            }
        }
        XCTAssertEqual(
            try Data(contentsOf: URL(fileURLWithPath: directory.appendingPathComponent("in.dbf").path)), before)
        try AtomicFile.write("zone,area\n", to: directory.appendingPathComponent("out.csv").path)
    }

    func testStatsWorkbookHoldsTheResultsNumbers() throws {
        let result = try Fixtures.stats("overlapping.geojson", by: "name")
        let path = try temporaryDirectory().appendingPathComponent("stats.xlsx").path
        try StatsReport(result, unit: .mu).xlsx(to: path)
        let layer = try VectorDataset(path: path).layer(at: 0)
        func column(_ name: String) throws -> Int { try XCTUnwrap(layer.fieldIndex(name), name) }
        let (zone, klass, area, mu, features) = (
            try column("分区 zone"), try column("分类 class"), try column("面积 area m²"),
            try column("面积 area 亩 mu"), try column("图斑数 features")
        )
        var read = 0
        for row in result.rows {
            let feature = try XCTUnwrap(try layer.nextFeature())
            XCTAssertEqual(try feature.string(at: zone), StatsReport.label(row.scope))
            XCTAssertEqual(try feature.string(at: klass), row.key)
            XCTAssertRelative(try XCTUnwrap(feature.double(at: area)), row.area, 1e-12)
            XCTAssertRelative(try XCTUnwrap(feature.double(at: mu)), row.area * 15 / 10_000, 1e-12)
            XCTAssertEqual(feature.double(at: features), Double(row.features))
            read += 1
        }
        XCTAssertNil(try layer.nextFeature())
        XCTAssertEqual(read, result.rows.count)
    }

    func testGeoJSONIsRFC7946() throws {
        let context = GEOSContext()
        // Clockwise shell and counter-clockwise hole: both must be turned around.
        let polygon = try Geometry(
            wkt: "POLYGON((108 39, 108 40, 109 40, 109 39, 108 39), (108.2 39.2, 108.4 39.2, 108.4 39.4, 108.2 39.2))",
            context: context)
        let text = try GeoJSONWriter.document(
            [GeoJSONFeature(geometry: polygon, properties: [("name", .string("西柳沟"))])], precision: 6)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        XCTAssertNil(object["crs"])
        XCTAssertEqual(object["bbox"] as? [Double], [108, 39, 109, 40])
        let feature = try XCTUnwrap((object["features"] as? [[String: Any]])?.first)
        let rings = try XCTUnwrap((feature["geometry"] as? [String: Any])?["coordinates"] as? [[[Double]]])
        func signedArea(_ ring: [[Double]]) -> Double {
            zip(ring, ring.dropFirst()).reduce(0) { $0 + $1.0[0] * $1.1[1] - $1.1[0] * $1.0[1] } / 2
        }
        XCTAssertGreaterThan(signedArea(rings[0]), 0, "exterior counter-clockwise")
        XCTAssertLessThan(signedArea(rings[1]), 0, "hole clockwise")
        XCTAssertEqual((feature["properties"] as? [String: Any])?["name"] as? String, "西柳沟")
    }

    func testCoordinatePrecision() throws {
        let context = GEOSContext()
        let point = try Geometry(wkt: "POINT(108.123456789 39.987654321)", context: context)
        let text = try GeoJSONWriter.document([GeoJSONFeature(geometry: point, properties: [])], precision: 3)
        XCTAssertTrue(text.contains("[108.123,39.988]"), text)
    }

    func testCSVQuotingAndByteOrderMark() {
        var csv = CSVText(header: ["区", "note"])
        csv.append(["西柳沟", "a, \"quoted\" value"])
        let text = csv.render(byteOrderMark: true)
        XCTAssertTrue(text.hasPrefix("\u{FEFF}区,note\r\n"))
        XCTAssertTrue(text.contains("西柳沟,\"a, \"\"quoted\"\" value\"\r\n"))
    }

    func testTableAlignsChineseByDisplayWidth() {
        var table = TextTable(header: ["zone", "area"], rightAligned: [1])
        table.append(["西柳沟", "1.0"])
        table.append(["WS01", "10.0"])
        let lines = table.render().split(separator: "\n")
        XCTAssertEqual(DisplayWidth.of(String(lines[2])), DisplayWidth.of(String(lines[3])))
        XCTAssertEqual(DisplayWidth.of("西柳沟"), 6)
    }

    func testJSONEscapesAndKeepsOrder() {
        let value = JSONValue.object([("b", .string("line\n\"x\"")), ("a", .number(0.1)), ("n", .number(.nan))])
        XCTAssertEqual(value.serialized(indent: nil), "{\"b\":\"line\\n\\\"x\\\"\",\"a\":0.1,\"n\":null}")
    }

    /// A count column holding a number beyond Int (1e300 from a data field) is printed, not a trap.
    func testNumbersBeyondIntInIntegerColumnsDoNotTrap() {
        XCTAssertEqual(ReportFormat.rounded(.number(1e300), .integer), .null)
        XCTAssertEqual(ReportFormat.plain(.number(1e300), .integer), "1e+300")
        XCTAssertEqual(ReportFormat.plain(.number(41.6), .integer), "42")
        XCTAssertEqual(ReportTableWriter.cell(.number(1e300), .integer), .number(1e300))
    }
}
