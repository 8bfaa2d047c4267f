import Foundation
import GeoKit
import XCTest
@testable import Shelterbelt

/// `shelterbelt report` on the bundled Ordos layout, its targets and sample sites, with a fixed small
/// subject: Tests/Fixtures/report/patches.shp, every 40th patch of the sample (50 patches), made by
/// `ogr2ogr -lco ENCODING=UTF-8 -where "id % 40 = 0" Tests/Fixtures/report/patches.shp
/// Layers/ordos/sample/patches.shp`.
final class ReportTests: XCTestCase {
    static let repository = Fixtures.directory.deletingLastPathComponent().deletingLastPathComponent()
    static let asOf = PlanDate(year: 2024, month: 6, day: 30)

    static func request(_ language: ReportLanguage, unit: AreaUnit = .mu, precision: Int = 6, bom: Bool = false)
        -> ReportRequest
    {
        ReportRequest(
            layers: repository.appendingPathComponent("Layers/ordos").path,
            subject: LayerSource(path: Fixtures.path("report/patches.shp")),
            sites: LayerSource(path: repository.appendingPathComponent("Layers/ordos/sample/sites.geojson").path),
            unit: unit, language: language, precision: precision, byteOrderMark: bom, asOf: asOf, threads: 2)
    }

    /// The Chinese report (亩, 6 decimals) and the English one (ha, 5 decimals, CSV with BOM), each made once.
    nonisolated(unsafe) static var made: [ReportLanguage: String] = [:]
    static let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
        "shelterbelt-report-tests-\(getpid())"
    ).path

    static func folder(_ language: ReportLanguage) throws -> String {
        if let folder = made[language] { return folder }
        let folder = (scratch as NSString).appendingPathComponent("report-\(language.rawValue)")
        let request = language == .zh ? request(.zh) : request(.en, unit: .ha, precision: 5, bom: true)
        _ = try Report.run(request, out: folder)
        made[language] = folder
        return folder
    }

    override class func tearDown() {
        try? FileManager.default.removeItem(atPath: scratch)
        super.tearDown()
    }

    static func read(_ folder: String, _ name: String) throws -> String {
        try String(contentsOfFile: (folder as NSString).appendingPathComponent(name), encoding: .utf8)
    }

    static func json(_ folder: String, _ name: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(read(folder, name).utf8))
    }

    // MARK: GeoJSON

    func testGeoJSONFollowsRFC7946() throws {
        for (language, precision) in [(ReportLanguage.zh, 6), (.en, 5)] {
            let folder = try Self.folder(language)
            let names = try FileManager.default.contentsOfDirectory(
                atPath: (folder as NSString).appendingPathComponent("geojson")
            ).sorted()
            for name in [
                "conflicts.geojson", "sites.geojson", "stats-zones5.geojson",
                "stats-kongdui.geojson",
                "stats-parks.geojson", "stats-banners.geojson", "layout-redlines.geojson",
                "layout-corridor_lines.geojson",
            ] {
                XCTAssertTrue(names.contains(name), "\(name) missing from \(names)")
            }
            for name in names {
                let document = try XCTUnwrap(Self.json(folder, "geojson/" + name) as? [String: Any], name)
                try checkRFC7946(document, name: name, precision: precision)
            }
        }
    }

    func checkRFC7946(_ document: [String: Any], name: String, precision: Int) throws {
        XCTAssertEqual(document["type"] as? String, "FeatureCollection", name)
        XCTAssertNil(document["crs"], "\(name): RFC 7946 has no crs member")
        let features = try XCTUnwrap(document["features"] as? [[String: Any]], name)
        XCTAssertFalse(features.isEmpty, "\(name) has no feature")
        let box = try XCTUnwrap(document["bbox"] as? [Double], "\(name): bbox")
        XCTAssertEqual(box.count, 4, name)
        for feature in features {
            XCTAssertNil(feature["crs"], name)
            let geometry = try XCTUnwrap(feature["geometry"] as? [String: Any], name)
            let featureBox = try XCTUnwrap(feature["bbox"] as? [Double], "\(name): feature bbox")
            let properties = try XCTUnwrap(feature["properties"] as? [String: Any], name)
            XCTAssertNotNil(properties["unit"], "\(name): properties name the area unit")
            var positions: [[Double]] = []
            let type = geometry["type"] as? String
            switch type {
            case "Polygon":
                try checkRings(
                    try XCTUnwrap(geometry["coordinates"] as? [[[Double]]]), name: name, positions: &positions)
            case "MultiPolygon":
                for polygon in try XCTUnwrap(geometry["coordinates"] as? [[[[Double]]]]) {
                    try checkRings(polygon, name: name, positions: &positions)
                }
            case "LineString":
                positions += try XCTUnwrap(geometry["coordinates"] as? [[Double]])
            case "MultiLineString":
                positions += try XCTUnwrap(geometry["coordinates"] as? [[[Double]]]).flatMap { $0 }
            default:
                XCTFail("\(name): unexpected geometry type \(type ?? "nil")")
            }
            for position in positions {
                XCTAssertEqual(position.count, 2, "\(name): positions are [lon, lat]")
                let (lon, lat) = (position[0], position[1])
                // Longitude first: Ordos lies at 106.7–111.5°E, 37.5–40.9°N
                // (the Wuding corridor line runs a little south).
                XCTAssertTrue(
                    (106...112).contains(lon) && (36.5...41.5).contains(lat),
                    "\(name): \(position) is not lon/lat in Ordos")
                for value in position {
                    let scaled = value * pow(10, Double(precision))
                    XCTAssertEqual(
                        scaled, scaled.rounded(), accuracy: 1e-6 * abs(scaled),
                        "\(name): \(value) has more than \(precision) decimals")
                }
                XCTAssertTrue(
                    lon >= featureBox[0] && lat >= featureBox[1] && lon <= featureBox[2] && lat <= featureBox[3],
                    "\(name): outside feature bbox")
                XCTAssertTrue(
                    lon >= box[0] && lat >= box[1] && lon <= box[2] && lat <= box[3],
                    "\(name): outside the document bbox")
            }
        }
    }

    /// Exterior rings counter-clockwise, holes clockwise (RFC 7946 §3.1.6), closed, with ≥ 4 positions.
    func checkRings(_ rings: [[[Double]]], name: String, positions: inout [[Double]]) throws {
        for (index, ring) in rings.enumerated() {
            XCTAssertGreaterThanOrEqual(ring.count, 4, name)
            XCTAssertEqual(ring.first, ring.last, "\(name): ring not closed")
            var twiceArea = 0.0
            for i in 0..<(ring.count - 1) { twiceArea += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1] }
            if index == 0 {
                XCTAssertGreaterThan(twiceArea, 0, "\(name): exterior ring is not counter-clockwise")
            } else {
                XCTAssertLessThan(twiceArea, 0, "\(name): hole is not clockwise")
            }
            positions += ring
        }
    }

    // MARK: the page and the tables against the summary

    /// The value at a JSON Pointer (RFC 6901).
    static func resolve(_ pointer: String, in root: Any) -> Any? {
        var node: Any? = root
        for raw in pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            let token = raw.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            if let object = node as? [String: Any] {
                node = object[token]
            } else if let array = node as? [Any], let index = Int(token), array.indices.contains(index) {
                node = array[index]
            } else {
                return nil
            }
        }
        return node
    }

    static func matches(_ pattern: String, in text: String) -> [[String]] {
        let regex = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
            (0..<match.numberOfRanges).map {
                match.range(at: $0).location == NSNotFound ? "" : String(text[Range(match.range(at: $0), in: text)!])
            }
        }
    }

    /// Numbers written on the page: "12,345.678" and "12.5%" read as 12345.678 and 12.5.
    static func number(_ text: String) -> Double? {
        Double(
            text.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "%", with: "").trimmingCharacters(
                in: .whitespaces))
    }

    /// Every number of a JSON document: its numbers, and the numbers written inside its strings.
    static func numbers(in node: Any) -> Set<Double> {
        switch node {
        case let object as [String: Any]: return object.values.reduce(into: Set()) { $0.formUnion(numbers(in: $1)) }
        case let array as [Any]: return array.reduce(into: Set()) { $0.formUnion(numbers(in: $1)) }
        case let string as String: return Set(matches(#"\d+(?:\.\d+)?"#, in: string).compactMap { Double($0[0]) })
        case let number as NSNumber: return [number.doubleValue]
        default: return []
        }
    }

    func testEveryNumberOnThePageIsTheSummarys() throws {
        for language in ReportLanguage.allCases {
            let folder = try Self.folder(language)
            let html = try Self.read(folder, Report.htmlFile)
            let summaryText = try Self.read(folder, Report.summaryFile)
            let summary = try JSONSerialization.jsonObject(with: Data(summaryText.utf8))

            // 1. Every figure names its summary value, and shows exactly that value.
            let figures = Self.matches(#"data-ptr="([^"]+)"[^>]*>([^<]*)<"#, in: html)
            XCTAssertGreaterThan(figures.count, 500, "\(language): figures on the page")
            for figure in figures {
                let (pointer, shown) = (figure[1], figure[2])
                let value = Self.resolve(pointer, in: summary)
                if let text = value as? String {
                    XCTAssertEqual(shown.replacingOccurrences(of: "&amp;", with: "&"), text, "\(language) \(pointer)")
                } else if let expected = value as? NSNumber {
                    XCTAssertEqual(
                        Self.number(shown), expected.doubleValue, "\(language) \(pointer): page shows \(shown)")
                } else {
                    XCTFail("\(language): \(pointer) (shown \(shown)) is not a figure of summary.json")
                }
            }
            // 2. No number in a table cell without its pointer.
            XCTAssertTrue(
                Self.matches(#"<td class="num">[^<]+</td>"#, in: html).isEmpty,
                "\(language): a table figure without data-ptr")

            // 3. Every number in the visible text (maps' labels and scale bars, captions, notes) is one of
            // the summary's.
            let known = Self.numbers(in: summary)
            var visible = html.replacingOccurrences(
                of: #"(?s)<style>.*?</style>"#, with: " ", options: .regularExpression)
            visible = visible.replacingOccurrences(of: #"<[^>]*>"#, with: " ", options: .regularExpression)
            let tokens = Self.matches(#"\d[\d,]*(?:\.\d+)?"#, in: visible).map { $0[0] }
            XCTAssertGreaterThan(tokens.count, 500)
            for token in tokens {
                guard let value = Self.number(token) else { XCTFail("\(language): cannot read \(token)"); continue }
                XCTAssertTrue(known.contains(value), "\(language): \(token) on the page is no figure of summary.json")
            }

            // 4. Self-contained: no script, no external resource; the maps have their legend and scale bar.
            XCTAssertFalse(html.contains("<script"), "\(language): the page has a script")
            XCTAssertTrue(
                Self.matches(#"(?:src|href)\s*=\s*"(?:https?:)?//"#, in: html).isEmpty,
                "\(language): an external resource")
            XCTAssertTrue(Self.matches(#"url\((?!#)"#, in: html).isEmpty, "\(language): a url() outside the page")
            for map in ["layout", "patches", "screening"] {
                for id in ["map-\(map)", "map-\(map)-legend", "map-\(map)-scalebar"] {
                    XCTAssertTrue(html.contains("id=\"\(id)\""), "\(language): \(id) missing")
                }
            }
            XCTAssertTrue(html.contains("class=\"patch\""), "\(language): no treated patch drawn")
            XCTAssertTrue(html.contains("class=\"conflict\" d=\"M"), "\(language): no conflict drawn")
            XCTAssertTrue(html.contains("fill=\"\(ReportMapContent.conflictRed)\""), "\(language): conflicts are red")
            XCTAssertEqual(
                Self.matches(#"class="progress""#, in: html).count,
                (Self.resolve("/overview/targets_area", in: summary) as? Int) ?? -1,
                "\(language): a bar per area target")
        }
        XCTAssertTrue(try Self.read(Self.folder(.zh), Report.htmlFile).contains("目标进度"))
        XCTAssertTrue(try Self.read(Self.folder(.en), Report.htmlFile).contains("Target progress"))
    }

    /// RFC 4180 records.
    static func csvRecords(_ text: String) -> [[String]] {
        var records: [[String]] = [], record: [String] = [], field = ""
        var quoted = false, iterator = Array(text).makeIterator(), pending: Character?
        while let c = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                record.append(field); field = ""
            } else if c == "\r\n" || c == "\n" {
                record.append(field); records.append(record); record = []; field = ""
            } else {
                field.append(c)
            }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        return records
    }

    func testTablesAreTheSummarysFigures() throws {
        for language in ReportLanguage.allCases {
            let folder = try Self.folder(language)
            let summary = try XCTUnwrap(Self.json(folder, Report.summaryFile) as? [String: Any])
            let tables = try XCTUnwrap(summary["tables"] as? [String: [String: Any]])
            let workbook = try VectorDataset(
                path: (folder as NSString).appendingPathComponent(Report.workbookFile), options: ["HEADERS=FORCE"])
            XCTAssertEqual(workbook.driverName, "XLSX")
            for id in [
                "zones5", "zones3", "kongdui", "parks", "banners", "treatments", "targets", "screening", "layout",
            ] {
                XCTAssertNotNil(tables[id], "table \(id) missing")
            }
            for (id, table) in tables {
                let columns = try XCTUnwrap(table["columns"] as? [[String: Any]])
                let rows = try XCTUnwrap(table["rows"] as? [[String: Any]])
                let headers = columns.map { $0["zh"] as! String }
                XCTAssertTrue(
                    headers.contains { $0.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } },
                    "\(id): Chinese headers")

                // CSV: the header, then each cell printed from the summary value.
                var bytes = try Data(
                    contentsOf: URL(fileURLWithPath: (folder as NSString).appendingPathComponent("tables/\(id).csv")))
                let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF])
                XCTAssertEqual(bom, language == .en, "\(id): BOM only with --bom")
                if bom { bytes.removeFirst(3) }
                let records = Self.csvRecords(try XCTUnwrap(String(data: bytes, encoding: .utf8)))
                XCTAssertEqual(records.first, headers, "\(id).csv header")
                XCTAssertEqual(records.count - 1, rows.count, "\(id).csv rows")
                for (index, row) in rows.enumerated() where index + 1 < records.count {
                    for (position, column) in columns.enumerated() {
                        let key = column["key"] as! String
                        let cell = records[index + 1][position]
                        switch row[key] {
                        case let string as String: XCTAssertEqual(cell, string, "\(id).csv row \(index) \(key)")
                        case let number as NSNumber:
                            XCTAssertEqual(Double(cell), number.doubleValue, "\(id).csv row \(index) \(key)")
                        case is NSNull, nil: XCTAssertEqual(cell, "", "\(id).csv row \(index) \(key)")
                        default: XCTFail("\(id): unexpected value of \(key)")
                        }
                    }
                }

                // XLSX, read back through GeoKit: the sheet, its Chinese headers, and the same values (a
                // percentage as its fraction).
                let sheet = try XCTUnwrap(workbook.layer(named: table["sheet"] as! String), "sheet of \(id)")
                XCTAssertEqual(sheet.fieldNames, headers, "\(id): workbook headers")
                var read = 0
                while let feature = try sheet.nextFeature() {
                    let row = rows[read]
                    for (position, column) in columns.enumerated() {
                        let key = column["key"] as! String
                        switch row[key] {
                        case let string as String:
                            XCTAssertEqual(try feature.string(at: position), string, "\(id) sheet row \(read) \(key)")
                        case let number as NSNumber:
                            let scale = column["type"] as? String == "percent" ? 100.0 : 1
                            XCTAssertEqual(
                                try XCTUnwrap(feature.double(at: position)), number.doubleValue / scale,
                                accuracy: abs(number.doubleValue) * 1e-15, "\(id) sheet row \(read) \(key)")
                        default: XCTAssertNil(try feature.string(at: position), "\(id) sheet row \(read) \(key)")
                        }
                    }
                    read += 1
                }
                XCTAssertEqual(read, rows.count, "\(id): workbook rows")
            }
        }
    }

    /// The report's workbook: percentages as fractions, and the area targets' progress as a bar chart.
    func testReportWorkbookChartsTheTargetsProgress() throws {
        let folder = try Self.folder(.zh)
        let path = (folder as NSString).appendingPathComponent(Report.workbookFile)
        let summary = try XCTUnwrap(Self.json(folder, Report.summaryFile) as? [String: Any])
        let targets = try XCTUnwrap((summary["tables"] as? [String: Any])?["targets"] as? [String: Any])
        let progress = try XCTUnwrap(targets["rows"] as? [[String: Any]]).compactMap {
            ($0["progress_pct"] as? NSNumber)?.doubleValue
        }
        XCTAssertGreaterThan(progress.count, 5)

        let chart = try WorkbookTests.unzip(path, "xl/charts/chart1.xml")
        XCTAssertTrue(chart.contains(#"<c:barDir val="bar"/>"#))
        XCTAssertTrue(chart.contains("<c:f>'目标进度图'!$B$2:$B$\(progress.count + 1)</c:f>"), chart)
        XCTAssertTrue(chart.contains(#"<c:numFmt formatCode="0%" sourceLinked="0"/>"#))
        let pattern = try NSRegularExpression(pattern: #"<c:val>.*?</c:val>"#)
        let values = try XCTUnwrap(
            pattern.firstMatch(in: chart, range: NSRange(chart.startIndex..., in: chart)).flatMap {
                Range($0.range, in: chart).map { String(chart[$0]) }
            })
        let points = values.components(separatedBy: "<c:v>").dropFirst().compactMap {
            Double($0.prefix { $0 != "<" })
        }
        XCTAssertEqual(points.count, progress.count)
        for (point, percent) in zip(points, progress) { XCTAssertEqual(point, percent / 100, accuracy: 1e-12) }

        let workbook = try WorkbookTests.unzip(path, "xl/workbook.xml")
        XCTAssertTrue(workbook.contains(#"<sheet name="目标进度图""#))
    }

    // MARK: stability and the folder

    func testSameInputsGiveTheSameReport() throws {
        let first = try Self.folder(.zh)
        let second = (Self.scratch as NSString).appendingPathComponent("again")
        _ = try Report.run(Self.request(.zh), out: second)
        XCTAssertEqual(try Self.read(first, Report.summaryFile), try Self.read(second, Report.summaryFile))
        XCTAssertEqual(try Self.read(first, Report.htmlFile), try Self.read(second, Report.htmlFile))
        XCTAssertEqual(try Self.patchRows(first), try Self.patchRows(second))
    }

    /// The patch layer's features as (id, patch id, treatment, area, unit, lon/lat box), in the order GDAL reads them.
    static func patchRows(_ folder: String) throws -> [[String]] {
        let dataset = try VectorDataset(path: (folder as NSString).appendingPathComponent(Report.patchesFile))
        let layer = dataset.layer(at: 0)
        let fields = layer.fieldNames
        let context = GEOSContext()
        var rows: [[String]] = []
        while let feature = try layer.nextFeature() {
            let box = try Geometry(wkb: try XCTUnwrap(feature.geometry()).wkb, context: context).envelope
            rows.append(
                [String(feature.id)]
                    + (try ["id", "treatment", "area", "unit"].map { name in
                        try feature.string(at: try XCTUnwrap(fields.firstIndex(of: name), name)) ?? "null"
                    }) + [box.minX, box.minY, box.maxX, box.maxY].map { String(format: "%.6f", $0) })
        }
        return rows
    }

    func testPatchLayer() throws {
        let rows = try Self.patchRows(Self.folder(.zh))
        // The 50 patches of the fixture, in their order, each in WGS84 lon/lat inside Ordos, areas in 亩.
        XCTAssertEqual(rows.count, 50)
        XCTAssertEqual(rows.map { Int($0[0]) }, (0..<50).map { $0 })
        XCTAssertEqual(rows.first?[1], "40")
        XCTAssertEqual(Set(rows.map { $0[4] }), ["mu"])
        for row in rows {
            let (lon, lat) = (Double(row[5]) ?? 0, Double(row[6]) ?? 0)
            XCTAssertTrue((106...112).contains(lon) && (37...41).contains(lat), "\(row)")
        }
        // Their areas add up to the treated area of the overview (no patch of the fixture overlaps another),
        // within the rounding of 51 figures to 0.001 亩.
        let summary = try XCTUnwrap(Self.json(Self.folder(.zh), Report.summaryFile) as? [String: Any])
        let treated = try XCTUnwrap((summary["overview"] as? [String: Any])?["treated_area"] as? Double)
        XCTAssertEqual(rows.compactMap { Double($0[3]) }.reduce(0, +), treated, accuracy: 51 * 0.0005)
    }

    func testFiguresOfTheSample() throws {
        let summary = try XCTUnwrap(Self.json(Self.folder(.zh), Report.summaryFile) as? [String: Any])
        let overview = try XCTUnwrap(summary["overview"] as? [String: Any])
        XCTAssertEqual(overview["patches"] as? Int, 50)
        XCTAssertEqual(overview["sites"] as? Int, 12)
        XCTAssertEqual(overview["sites_forbidden"] as? Int, 4)
        let tables = try XCTUnwrap(summary["tables"] as? [String: [String: Any]])
        // The zone tables' totals are the whole subject; the five zones tile the city.
        let treated = try XCTUnwrap(overview["treated_area"] as? Double)
        for id in ["zones5", "kongdui", "banners"] {
            let rows = try XCTUnwrap(tables[id]?["rows"] as? [[String: Any]])
            XCTAssertEqual(rows.last?["treated_area"] as? Double, treated, id)
            let sum = rows.dropLast().compactMap { $0["treated_area"] as? Double }.reduce(0, +)
            XCTAssertEqual(sum, treated, accuracy: 0.001 * Double(rows.count), "\(id): rows add up to the total")
        }
        // Park output per 亩 = output (亿元) × 10 000 / area (亩).
        let parks = try XCTUnwrap(tables["parks"]?["rows"] as? [[String: Any]])
        let otog = try XCTUnwrap(parks.first { $0["id"] as? String == "otog-edz" })
        let area = try XCTUnwrap(otog["park_area_mu"] as? Double)
        XCTAssertEqual(try XCTUnwrap(otog["output_per_mu_2022"] as? Double), 1000 * 10_000 / area, accuracy: 0.005)
        XCTAssertGreaterThan(area, 100_000, "about 70 km²")
    }

    func testFailedRunLeavesNoFolder() throws {
        let parent = (Self.scratch as NSString).appendingPathComponent("failing")
        let out = (parent as NSString).appendingPathComponent("report")
        struct Boom: Error {}
        XCTAssertThrowsError(
            try ReportFolder.write(to: out) { folder in
                try AtomicFile.write("half", to: (folder as NSString).appendingPathComponent("summary.json"))
                throw Boom()
            })
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: parent), [], "temporary folder left behind")

        // A failure before writing (no such subject) touches nothing either.
        var request = Self.request(.zh)
        request.subject = LayerSource(path: Fixtures.path("report/missing.shp"))
        XCTAssertThrowsError(try Report.run(request, out: out)) { error in
            XCTAssertEqual((error as? ShelterbeltError)?.kind, .missingInput)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }

    func testOnlyAnEarlierReportIsReplaced() throws {
        let folder = (Self.scratch as NSString).appendingPathComponent("user-folder")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "keep me".write(
            toFile: (folder as NSString).appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try ReportFolder.write(to: folder) { _ in }) { error in
            XCTAssertEqual((error as? ShelterbeltError)?.kind, .cannotWrite)
        }
        XCTAssertEqual(
            try String(contentsOfFile: (folder as NSString).appendingPathComponent("notes.txt"), encoding: .utf8),
            "keep me")

        // An earlier report is replaced whole.
        let report = (Self.scratch as NSString).appendingPathComponent("earlier")
        try ReportFolder.write(to: report) { folder in
            try AtomicFile.write(
                "{\"report\":{\"generator\":\"\(ReportSummary.generator)\"}}",
                to: (folder as NSString).appendingPathComponent(Report.summaryFile))
            try AtomicFile.write("old", to: (folder as NSString).appendingPathComponent("old.txt"))
        }
        try ReportFolder.write(to: report) { folder in
            try AtomicFile.write(
                "{\"report\":{\"generator\":\"\(ReportSummary.generator)\"}}",
                to: (folder as NSString).appendingPathComponent(Report.summaryFile))
        }
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: report).sorted(),
            [ReportManifest.file, Report.summaryFile])
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: Self.scratch).filter { $0.hasPrefix(".") }, [],
            "temporary folders left behind")
    }

    func testVectorWriterWritesTypedFieldsAndGeometry() throws {
        let path = (Self.scratch as NSString).appendingPathComponent("writer.gpkg")
        try FileManager.default.createDirectory(atPath: Self.scratch, withIntermediateDirectories: true)
        let context = GEOSContext()
        let square = try Geometry(
            wkt: "POLYGON((108 39, 108.01 39, 108.01 39.01, 108 39.01, 108 39))", context: context)
        let writer = try VectorWriter(path: path, driver: "GPKG")
        let layer = try writer.createLayer(
            "地块",
            fields: [FieldDefinition("名称", .string), FieldDefinition("数量", .integer), FieldDefinition("面积", .real)],
            geometry: .polygon, crs: try SpatialReference("EPSG:4490"))
        try layer.add([.string("甲"), .integer(3), .real(1.5)], wkb: square.wkb)
        try layer.add([.null, .null, .null])
        try writer.close()
        let dataset = try VectorDataset(path: path)
        let read = try XCTUnwrap(dataset.layer(named: "地块"))
        XCTAssertEqual(read.fieldNames, ["名称", "数量", "面积"])
        XCTAssertEqual(read.fieldDefinitions.map(\.kind), [.string, .integer, .real])
        let first = try XCTUnwrap(try read.nextFeature())
        XCTAssertEqual(try first.string(at: 0), "甲")
        XCTAssertEqual(first.double(at: 1), 3)
        XCTAssertEqual(first.double(at: 2), 1.5)
        XCTAssertEqual(first.geometry()?.kind, .polygonal)
        let second = try XCTUnwrap(try read.nextFeature())
        XCTAssertNil(try second.string(at: 0))
        XCTAssertNil(second.geometry())
        XCTAssertThrowsError(try VectorWriter(path: path + ".x", driver: "NoSuchDriver"))
    }
}
