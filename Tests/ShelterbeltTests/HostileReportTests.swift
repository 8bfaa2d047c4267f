import Foundation
import XCTest
@testable import Shelterbelt

/// `shelterbelt report` on a layer set whose every shown value is hostile: layout, zone and feature names,
/// ids, layer ids, class values and the `--by` field, target names and notes, rule and site names, and
/// the file names (Scripts/make_hostile_layers.py writes it into a temporary folder; Scripts/check_report.sh
/// opens the same report in Chromium). Nothing of it may become markup on the page or a formula in the
/// CSV and XLSX files.
final class HostileReportTests: XCTestCase {
    struct Layers: Decodable {
        let payloads: [String]
        let byField: String
        let subject: String
        let zonesLayer: String
    }

    static let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
        "shelterbelt-hostile-tests-\(getpid())"
    ).path
    nonisolated(unsafe) static var made: (folder: String, layers: Layers)?

    override class func tearDown() {
        try? FileManager.default.removeItem(atPath: scratch)
        super.tearDown()
    }

    /// What `python3 ARGUMENTS` prints; fails on a non-zero exit.
    static func python(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "python3 \(arguments)")
        return output
    }

    /// Writes the layer set and runs the report once (English page: names in both languages are shown).
    static func report() throws -> (folder: String, layers: Layers) {
        if let made { return made }
        let input = (scratch as NSString).appendingPathComponent("in")
        _ = try python([ReportTests.repository.appendingPathComponent("Scripts/make_hostile_layers.py").path, input])
        func path(_ name: String) -> String { (input as NSString).appendingPathComponent(name) }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let layers = try decoder.decode(
            Layers.self, from: Data(contentsOf: URL(fileURLWithPath: path("payloads.json"))))
        let out = (scratch as NSString).appendingPathComponent("report")
        _ = try Report.run(
            ReportRequest(
                layers: input, subject: LayerSource(path: path(layers.subject)),
                sites: LayerSource(path: path("sites.geojson")), byField: layers.byField, language: .en,
                asOf: PlanDate(year: 2024, month: 6, day: 30), threads: 1),
            out: out)
        made = (out, layers)
        return (out, layers)
    }

    static func read(_ name: String) throws -> String {
        try String(contentsOfFile: (report().folder as NSString).appendingPathComponent(name), encoding: .utf8)
    }

    /// An attribute value as a browser reads it.
    static func unescaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&#x202E;", with: "\u{202E}")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    // MARK: the page

    func testThePageShowsDataAsTextOnly() throws {
        let payloads = try Self.report().layers.payloads
        let html = try Self.read(Report.htmlFile)
        XCTAssertTrue(
            html.contains(
                "<head>\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                    + "style-src 'unsafe-inline'; img-src data:\">"),
            "the CSP is the first element of <head>")
        XCTAssertNil(html.range(of: "<script", options: .caseInsensitive), "a script element")
        XCTAssertFalse(html.contains("<img"), "an img element")
        XCTAssertFalse(html.contains("<b "), "a b element")
        XCTAssertFalse(html.contains("\u{202E}"), "a bidi override left in the page")
        // Quotes are harmless in text; in a tag, the check of every tag below finds them.
        for payload in payloads where payload.contains("<") {
            XCTAssertFalse(html.contains(payload), "raw on the page: \(payload)")
        }
        // Shown, as text: in a table cell, a legend, a title or a label.
        for payload in payloads where !payload.contains("\t") {
            XCTAssertTrue(html.contains(Markup.text(payload)), "not shown: \(payload)")
        }
        XCTAssertTrue(html.contains("<td>report[U+202E]fdp.exe</td>"))
        XCTAssertTrue(html.contains("<td>&lt;img src=x onerror=alert(1)&gt;</td>"))

        // Every tag: only its own attributes, none an event handler or autofocus; ids and classes are tokens.
        let tags = ReportTests.matches(#"<[A-Za-z][^>]*>"#, in: html).map { $0[0] }
        XCTAssertGreaterThan(tags.count, 300)
        for tag in tags {
            let names = tag.replacingOccurrences(of: #""[^"]*""#, with: "", options: .regularExpression)
            XCTAssertNil(names.range(of: #"\s(on[a-z]+|autofocus|tabindex)\b"#, options: .regularExpression), tag)
            XCTAssertFalse(names.contains("'"), "a quote outside an attribute value: \(tag)")
            for attribute in ReportTests.matches(#"\s(id|class)="([^"]*)""#, in: tag) {
                XCTAssertNotNil(attribute[2].wholeMatch(of: /[A-Za-z0-9_ -]+/), tag)
            }
        }
        XCTAssertTrue(html.contains(#"<table id="table-zones_22_3E_3Cscript_3Ealert_281_29_3C_2Fscript_3E">"#))

        // Every data-ptr resolves in summary.json, class values and ids included, and shows its value.
        let summary = try JSONSerialization.jsonObject(with: Data(Self.read(Report.summaryFile).utf8))
        let figures = ReportTests.matches(#"data-ptr="([^"]+)"[^>]*>([^<]*)<"#, in: html)
        XCTAssertGreaterThan(figures.count, 50)
        var pointers = Set<String>()
        for figure in figures {
            let pointer = Self.unescaped(figure[1])
            pointers.insert(pointer)
            switch ReportTests.resolve(pointer, in: summary) {
            case let text as String: XCTAssertEqual(figure[2], Markup.text(text), pointer)
            case let number as NSNumber: XCTAssertEqual(ReportTests.number(figure[2]), number.doubleValue, pointer)
            default: XCTFail("\(pointer) is not in summary.json")
            }
        }
        let zones = try Self.report().layers.zonesLayer.replacingOccurrences(of: "/", with: "~1")
        XCTAssertTrue(pointers.contains("/tables/\(zones)/rows/0/by:~01~1~00"), "\(pointers.sorted())")
        XCTAssertTrue(pointers.contains("/report/subject"))
    }

    // MARK: the tables

    func testCSVCellsFromDataAreNoFormulas() throws {
        let (folder, layers) = try Self.report()
        let tables = (folder as NSString).appendingPathComponent(Report.tablesFolder)
        var cells: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: tables) {
            let text = try String(contentsOfFile: (tables as NSString).appendingPathComponent(name), encoding: .utf8)
            cells += ReportTests.csvRecords(text).flatMap { $0 }
        }
        let formulas = layers.payloads.filter { "=+-@\t".contains($0.first ?? " ") }
        XCTAssertEqual(formulas.count, 5)
        for formula in formulas {
            XCTAssertTrue(cells.contains("'" + formula), "\(formula) is not written as text")
        }
        for cell in cells {
            guard let first = cell.first, "=+-@\t\r".contains(first) else { continue }
            XCTAssertNotNil(Double(cell), "\(cell) would be a formula")
        }
        XCTAssertTrue(cells.contains("'-2+3"))
        XCTAssertEqual(CSVText.defused("-3.5"), "-3.5", "numbers stay numbers")
        XCTAssertEqual(CSVText.defused("-1.5e-7"), "-1.5e-7")
        XCTAssertEqual(CSVText.defused("-"), "'-")
    }

    func testWorkbookHoldsDataAsStrings() throws {
        let workbook = (try Self.report().folder as NSString).appendingPathComponent(Report.workbookFile)
        let xml = try Self.python([
            "-c",
            "import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\n"
                + "for n in z.namelist():\n"
                + "    if n.startswith('xl/'): sys.stdout.write(n + '\\n' + z.read(n).decode())",
            workbook,
        ])
        XCTAssertTrue(xml.contains("xl/sharedStrings.xml"))
        XCTAssertFalse(xml.contains("<f>") || xml.contains("<f "), "a formula in the workbook")
        // libxlsxwriter leaves quotes unescaped in element text, as XML allows.
        for payload in [#"=HYPERLINK("http://x","y")"#, "+1+1", "@SUM(1)", "-2+3"] {
            XCTAssertTrue(xml.contains("<t>\(payload)</t>"), "\(payload) is not a shared string")
        }
    }
}
