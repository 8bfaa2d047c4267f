import Foundation
import XCTest
@testable import Shelterbelt

/// The report and the targets on a bureau's own layer: the report test patches with nothing of the sample's schema
/// left (措施类型 as codes in CSLX, year in ND, land use in DLBM, banner in XZQMC; GBK text with a .cpg), read as they
/// are and through a field mapping.
final class BureauSchemaTests: XCTestCase {
    /// The bureau's codes for the sample's treatments.
    static let codes = [
        "01": "人工造林", "02": "封沙育林", "03": "飞播造林", "04": "工程固沙", "05": "退化草原修复", "06": "光伏治沙",
        "07": "水土保持", "08": "矿区复绿",
    ]

    /// The mapping of the bureau's layer onto the targets' names and values, as a mapping file.
    func mappingFile() throws -> String {
        let values = Self.codes.sorted { $0.key < $1.key }.map { "\"\($0.key)\" = \"\($0.value)\"" }
        let text =
            "[fields]\ntreatment = \"CSLX\"\nyear = \"ND\"\nlanduse = \"DLBM\"\n\n[values.treatment]\n"
            + values.joined(separator: "\n") + "\n"
        let file = try temporaryDirectory().appendingPathComponent("mapping.toml").path
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    /// The summary of the bureau's report, written into `folder` (a temporary one by default).
    func report(_ mapping: FieldMapping, folder: String? = nil) throws -> [String: Any] {
        var request = ReportTests.request(.zh)
        request.subject = LayerSource(path: try bureauSubject())
        request.fieldMapping = mapping
        let folder = try folder ?? temporaryDirectory().appendingPathComponent("report").path
        _ = try Report.run(request, out: folder)
        return try XCTUnwrap(ReportTests.json(folder, Report.summaryFile) as? [String: Any])
    }

    static func targetRows(_ summary: [String: Any]) throws -> [[String: Any]] {
        let tables = try XCTUnwrap(summary["tables"] as? [String: [String: Any]])
        return try XCTUnwrap(tables["targets"]?["rows"] as? [[String: Any]])
    }

    func testWithoutAMappingTheReportIsMadeAndSaysWhatCannotBeMeasured() throws {
        let summary = try report(FieldMapping())
        let rows = try Self.targetRows(summary)
        let area = rows.filter { $0["measure"] as? String == "area" }
        XCTAssertEqual(area.count, 22)
        for row in area {
            XCTAssertEqual(row["status"] as? String, "not measurable: field missing")
            let note = try XCTUnwrap(row["measurement_note"] as? String)
            XCTAssertTrue(
                note == "the subject has no field 'treatment' (map one with --field treatment=FIELD)"
                    || note == "the subject has no field 'landuse' (map one with --field landuse=FIELD)", note)
            XCTAssertTrue(row["measured"] is NSNull)
        }
        let overview = try XCTUnwrap(summary["overview"] as? [String: Any])
        XCTAssertEqual(overview["targets_not_measurable"] as? Int, 22)
        XCTAssertEqual(overview["patches"] as? Int, 50, "the rest of the report is there")
        XCTAssertEqual(overview["sites"] as? Int, 12)
        let about = try XCTUnwrap(summary["report"] as? [String: Any])
        XCTAssertTrue(about["by_field"] is NSNull, "no treatment field to split by")
        let notes = try XCTUnwrap(summary["notes"] as? [[String: Any]]).compactMap { $0["en"] as? String }
        XCTAssertTrue(
            notes.contains { $0.hasPrefix("The subject has no field 'treatment', so the figures") }, "\(notes)")
        XCTAssertTrue(
            notes.contains {
                $0.hasPrefix(
                    "Not measurable (the subject has no field 'landuse' (map one with --field landuse=FIELD)): "
                        + "caragana-shrub-grassland-2021-2025, native-grass-seed-bases-2021-2025, ")
            }, "\(notes)")
    }

    func testWithAMappingFileTheReportMeasuresWhatTheSampleGives() throws {
        var mapping = try FieldMapping.load(mappingFile())
        try mapping.mapField("treatment=cslx")  // spelt as the bureau might: fields match ignoring case
        let folder = try temporaryDirectory().appendingPathComponent("report").path
        let summary = try report(mapping, folder: folder)
        let about = try XCTUnwrap(summary["report"] as? [String: Any])
        XCTAssertEqual(about["by_field"] as? String, "CSLX", "split by the subject's field as it spells it")
        func classes(_ summary: [String: Any]) throws -> [String] {
            let tables = try XCTUnwrap(summary["tables"] as? [String: [String: Any]])
            return try XCTUnwrap(tables["treatments"]?["rows"] as? [[String: Any]]).compactMap {
                $0["class"] as? String
            }
        }
        let sampleSummary = try XCTUnwrap(
            ReportTests.json(ReportTests.folder(.zh), Report.summaryFile) as? [String: Any])
        XCTAssertEqual(try classes(summary), try classes(sampleSummary), "the codes shown as the values they stand for")
        let page = try String(contentsOfFile: folder + "/" + Report.htmlFile, encoding: .utf8)
        let start = try XCTUnwrap(page.range(of: "id=\"map-patches-legend\""))
        let end = try XCTUnwrap(page.range(of: "</g>", range: start.upperBound..<page.endIndex))
        let legend = page[start.upperBound..<end.lowerBound]
        let shown = Set(try classes(summary).dropLast())  // all but the total row
        XCTAssertFalse(shown.isEmpty)
        for value in shown { XCTAssertTrue(legend.contains(">\(value)<"), "the patches map's legend names \(value)") }
        for code in Self.codes.keys { XCTAssertFalse(legend.contains(">\(code)<"), "not the bureau's code \(code)") }
        let mapped = try Self.targetRows(summary)
        let sample = try Self.targetRows(sampleSummary)
        XCTAssertEqual(mapped.count, sample.count)
        for (bureau, original) in zip(mapped, sample) {
            let id = try XCTUnwrap(original["id"] as? String)
            XCTAssertEqual(bureau["id"] as? String, id)
            // Each shown to the square metre in its own unit.
            XCTAssertEqual(bureau["measured"] as? Double, original["measured"] as? Double, id)
            XCTAssertEqual(bureau["status"] as? String, original["status"] as? String, id)
        }
        let afforestation = try XCTUnwrap(mapped.first { $0["id"] as? String == "afforestation-2021-2025" })
        XCTAssertGreaterThan(try XCTUnwrap(afforestation["measured"] as? Double), 0)
    }

    func testTargetsWithTheMappingGiveTheSampleFigures() throws {
        let layers = try LayerSet.load(ReportTests.repository.appendingPathComponent("Layers/ordos").path)
        let targets = try Targets.load(nil, layers: layers)
        func measure(_ subject: String, _ mapping: FieldMapping) throws -> [TargetProgress] {
            try TargetMeasurement.measure(
                targets, layers: layers, subject: LayerSource(path: subject), mapping: mapping, asOf: ReportTests.asOf,
                threads: 2
            ).items
        }
        var mapping = FieldMapping()
        for argument in ["treatment=CSLX", "year=ND", "landuse=dlbm"] { try mapping.mapField(argument) }
        for (code, value) in Self.codes { try mapping.mapValue("treatment:\(code)=\(value)") }
        let bureau = try measure(try bureauSubject(), mapping)
        let sample = try measure(Fixtures.path("report/patches.shp"), FieldMapping())
        for (mapped, original) in zip(bureau, sample) {
            XCTAssertEqual(mapped.status, original.status, original.target.id)
            guard let area = original.measuredArea else { continue }
            XCTAssertEqual(try XCTUnwrap(mapped.measuredArea), area, accuracy: 1e-6, original.target.id)
        }
        XCTAssertEqual(bureau.compactMap(\.measuredArea).filter { $0 > 0 }.count, 8)
        // 土地整理 is no code of the bureau's: 0, said to be no value of the subject, with the values there are.
        let consolidation = try XCTUnwrap(bureau.first { $0.target.id == "kongdui-land-consolidation" })
        XCTAssertEqual(consolidation.measuredArea, 0)
        XCTAssertTrue(
            consolidation.caveat?.hasPrefix(
                "none of 土地整理 occurs in 'treatment' (the subject's 'CSLX') of the subject, whose values are, "
                    + "most area first: 退化草原修复、") ?? false, consolidation.caveat ?? "no caveat")
    }

    func testMappingsThatCannotBeRightAreUsageErrors() throws {
        var mapping = FieldMapping()
        assertError(.usage, containing: "--field 'treatment' is not NAME=FIELD") { try mapping.mapField("treatment") }
        assertError(.usage, containing: "is not NAME=FIELD") { try mapping.mapField("=CSLX") }
        assertError(.usage, containing: "--value 'treatment=01' is not NAME:CODE=VALUE") {
            try mapping.mapValue("treatment=01")
        }
        let layers = try LayerSet.load(ReportTests.repository.appendingPathComponent("Layers/ordos").path)
        let subject = LayerSource(path: try bureauSubject())
        for (argument, texts) in [
            ("treatmnt=CSLX", ["'treatmnt'", "is not a field name the targets use", "landuse, treatment, year"]),
            ("treatment=CSLY", ["has no field 'CSLY' (mapped from 'treatment'", "CSLX, ND, DLBM, XZQMC"]),
        ] {
            var wrong = FieldMapping()
            try wrong.mapField(argument)
            assertError(.usage, containingAll: texts) {
                _ = try TargetMeasurement.measure(
                    try Targets.load(nil, layers: layers), layers: layers, subject: subject, mapping: wrong,
                    asOf: ReportTests.asOf)
            }
        }
    }

    func testAMappingFileIsReadAndCheckedLikeOtherTOML() throws {
        let mapping = try FieldMapping.load(mappingFile())
        XCTAssertEqual(mapping.subjectField("treatment"), "CSLX")
        XCTAssertEqual(mapping.subjectField("banner"), "banner")
        XCTAssertEqual(mapping.classField("treatment").class(of: "05"), "退化草原修复")
        XCTAssertEqual(mapping.classField("landuse").class(of: "05"), "05")
        let bad = try temporaryDirectory().appendingPathComponent("bad.toml").path
        try "[fields]\ntreatment = 3\n".write(toFile: bad, atomically: true, encoding: .utf8)
        assertError(.badInput, containing: "[fields], key 'treatment': must be a string") {
            _ = try FieldMapping.load(bad)
        }
    }
}

extension XCTestCase {
    /// The report test patches as a bureau delivers them: a GBK Shapefile (.cpg CP936) whose fields share nothing with
    /// the sample's (CSLX treatment codes, ND year, DLBM land use, XZQMC banner), made with ogr2ogr.
    func bureauSubject() throws -> String {
        let ogr2ogr = "/usr/bin/ogr2ogr"
        guard FileManager.default.isExecutableFile(atPath: ogr2ogr) else { throw XCTSkip("no \(ogr2ogr) (gdal-bin)") }
        let cases = BureauSchemaTests.codes.sorted { $0.key < $1.key }.map { "WHEN '\($0.value)' THEN '\($0.key)'" }
        let sql =
            "SELECT CASE treatment \(cases.joined(separator: " ")) END AS CSLX, year AS ND, landuse AS DLBM, "
            + "banner AS XZQMC, geometry FROM patches"
        let file = try temporaryDirectory().appendingPathComponent("bureau.shp").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ogr2ogr)
        process.arguments = [
            "-f", "ESRI Shapefile", "-lco", "ENCODING=CP936", file, Fixtures.path("report/patches.shp"),
            "-dialect", "sqlite", "-sql", sql,
        ]
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "ogr2ogr")
        let dbf = try Data(contentsOf: URL(fileURLWithPath: (file as NSString).deletingPathExtension + ".dbf"))
        XCTAssertNotNil(dbf.range(of: Data([0xB6, 0xF5])), "鄂 in GBK: the text is GBK")
        return file
    }
}
