import Foundation
import XCTest
@testable import Shelterbelt

/// The workbook as Excel reads it: the XML inside the .xlsx (a zip file), unpacked with unzip.
final class WorkbookTests: XCTestCase {
    /// One member of a zip file as text.
    static func unzip(_ path: String, _ member: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        process.arguments = ["-p", path, member]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "unzip -p \(path) \(member)")
        return output
    }

    /// The widths of a sheet's columns, from `<col min="N" max="N" width="W" …/>`.
    static func widths(_ sheet: String) throws -> [Double] {
        let pattern = try NSRegularExpression(pattern: #"<col min="\d+" max="\d+" width="([0-9.]+)""#)
        return pattern.matches(in: sheet, range: NSRange(sheet.startIndex..., in: sheet)).compactMap { match in
            Range(match.range(at: 1), in: sheet).flatMap { Double(sheet[$0]) }
        }
    }

    func written(_ sheets: [Workbook.Sheet]) throws -> String {
        let path = try temporaryDirectory().appendingPathComponent("book.xlsx").path
        try Workbook.write(sheets, to: path)
        return path
    }

    func testColumnsHaveNumberFormatsAFrozenHeaderAndFittedWidths() throws {
        let path = try written([
            Workbook.Sheet(
                name: "面积",
                columns: [
                    Workbook.Column("name", .text), Workbook.Column("名称", .text),
                    Workbook.Column("面积（亩）", .number(decimals: 1)), Workbook.Column("占比", .percent(decimals: 1)),
                    Workbook.Column("图斑数", .integer), Workbook.Column("目标值", .number(decimals: nil)),
                ],
                rows: [
                    [.text("abcdef"), .text("西柳沟治理区"), .number(12345.67), .number(0.19), .number(1234), .number(2.5)],
                    [.text("=1+1"), .blank, .number(.nan), .number(0.5), .number(7), .number(12000)],
                ])
        ])
        let sheet = try Self.unzip(path, "xl/worksheets/sheet1.xml")
        XCTAssertTrue(sheet.contains(#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#))
        XCTAssertTrue(sheet.contains(#"<autoFilter ref="A1:F3"/>"#), sheet)
        // Six ASCII characters against six 汉字 (twelve columns), each plus 2; the header is narrower in both.
        let widths = try Self.widths(sheet)
        XCTAssertEqual(widths.count, 6)
        XCTAssertEqual(widths[0], 8, accuracy: 1)
        XCTAssertEqual(widths[1], 14, accuracy: 1)
        XCTAssertEqual(widths[2], 12, accuracy: 1, "\"面积（亩）\" is 10 wide, wider than 12,345.7")
        XCTAssertTrue(sheet.contains("<v>0.19</v>"), "a percentage is stored as its fraction")
        XCTAssertFalse(sheet.contains("<v>19</v>"))
        XCTAssertTrue(sheet.contains("<v>12345.67</v>"), "the number is kept whole; the format rounds it")
        XCTAssertFalse(sheet.contains(#"<c r="C3""#), "NaN is left blank")
        XCTAssertFalse(sheet.contains(#"<c r="B3""#), "a blank without a format is no cell")
        XCTAssertFalse(sheet.contains("<f>") || sheet.contains("<f "), "no formula")
        XCTAssertTrue(sheet.contains(#"<c r="A3" t="s">"#), "text is a shared string")
        XCTAssertTrue(try Self.unzip(path, "xl/sharedStrings.xml").contains("<t>=1+1</t>"))

        let styles = try Self.unzip(path, "xl/styles.xml")
        for format in ["#,##0.0", "0.0%", "#,##0"] {
            XCTAssertTrue(styles.contains(#"formatCode="\#(format)""#), "\(format) in \(styles)")
        }
        XCTAssertFalse(styles.contains(##"formatCode="#,##0.00""##), "2.5 and 12000 need one decimal and none")
    }

    func testLongTextWrapsAtTheMaximumWidth() throws {
        let note = String(repeating: "依据", count: 50)
        let path = try written([Workbook.Sheet.notes([note, "short"])])
        let sheet = try Self.unzip(path, "xl/worksheets/sheet1.xml")
        XCTAssertEqual(try Self.widths(sheet).first ?? 0, Double(Workbook.maximumWidth + 2), accuracy: 1)
        XCTAssertTrue(try Self.unzip(path, "xl/styles.xml").contains(#"wrapText="1""#))
    }

    func testSheetNamesAreMadeOnesExcelTakes() {
        var used = Set<String>()
        XCTAssertEqual(Workbook.legalName("stats", besides: &used), "stats")
        XCTAssertEqual(Workbook.legalName("STATS", besides: &used), "STATS (2)")
        XCTAssertEqual(Workbook.legalName("' onmouseover='x", besides: &used), " onmouseover='x")
        XCTAssertEqual(Workbook.legalName("a/b[1]:*?\\", besides: &used), "ab1")
        XCTAssertEqual(Workbook.legalName("''", besides: &used), "sheet")
        let apostrophe = String(repeating: "a", count: 30) + "'b"
        XCTAssertEqual(Workbook.legalName(apostrophe, besides: &used), String(repeating: "a", count: 30))
        XCTAssertEqual(
            Workbook.legalName(String(repeating: "b", count: 30) + "😀c", besides: &used),
            String(repeating: "b", count: 30))
        let long = String(repeating: "长", count: 40)
        XCTAssertEqual(Workbook.legalName(long, besides: &used), String(repeating: "长", count: 31))
        XCTAssertEqual(Workbook.legalName(long, besides: &used), String(repeating: "长", count: 27) + " (2)")
    }

    func testDisplayWidthCountsWideCharactersTwice() {
        XCTAssertEqual(DisplayWidth.of("abc"), 3)
        XCTAssertEqual(DisplayWidth.of("西柳沟"), 6)
        XCTAssertEqual(DisplayWidth.of("治理占比（%）"), 13)
        XCTAssertEqual(DisplayWidth.of("e\u{301}"), 1, "a combining mark takes no column")
        XCTAssertEqual(DisplayWidth.of("report\u{202E}fdp"), 9, "a bidi control takes no column")
        XCTAssertEqual(DisplayWidth.of("ab\n西柳沟"), 6, "the widest line")
        XCTAssertEqual(DisplayWidth.of(""), 0)
    }

    func testValuesAsGivenShowTheirOwnDecimals() {
        XCTAssertEqual(Workbook.Column.exactDecimals(12000), 0)
        XCTAssertEqual(Workbook.Column.exactDecimals(2.5), 1)
        XCTAssertEqual(Workbook.Column.exactDecimals(1.2345678), 7)
        let column = Workbook.Column("目标值", .number(decimals: nil))
        XCTAssertEqual(column.format(1.25).numberFormat, "#,##0.00")
        XCTAssertEqual(column.text(.number(1234567.5)), "1,234,567.5")
        XCTAssertEqual(Workbook.Column("占比", .percent(decimals: 2)).text(.number(0.0019)), "0.19%")
    }
}
