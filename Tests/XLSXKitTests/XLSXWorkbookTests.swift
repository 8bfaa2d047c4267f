import Foundation
import XCTest
import XLSXKit

final class XLSXWorkbookTests: XCTestCase {
    func temporaryPath(_ name: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xlsxkit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        return directory.appendingPathComponent(name).path
    }

    func testClosedWorkbookIsAZipFile() throws {
        let path = try temporaryPath("a.xlsx")
        let workbook = try XLSXWorkbook(path: path)
        let sheet = try workbook.addSheet("面积")
        try sheet.write("=1+1", row: 0, column: 0)
        try sheet.write(1234.5, row: 1, column: 0, format: XLSXFormat(numberFormat: "#,##0.0"))
        try sheet.writeBlank(row: 2, column: 0, format: XLSXFormat(bold: true))
        try sheet.setColumn(0, width: 12)
        try sheet.freezePanes(rows: 1, columns: 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path), "nothing is written before close()")
        try workbook.close()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertEqual(Array(bytes.prefix(4)), [0x50, 0x4B, 0x03, 0x04], "a zip file")
        try workbook.close()  // a second close does nothing
    }

    func testSheetNamesExcelRefusesAreErrors() throws {
        let workbook = try XLSXWorkbook(path: try temporaryPath("names.xlsx"))
        _ = try workbook.addSheet("stats")
        for name in ["stats", "STATS", "a[1]", "'quoted'", String(repeating: "长", count: 32)] {
            XCTAssertThrowsError(try workbook.addSheet(name), name) { error in
                XCTAssertTrue("\(error)".contains("sheet name"), "\(error)")
            }
        }
        _ = try workbook.addSheet(String(repeating: "长", count: 31))
    }

    func testCellsBeyondASheetAndNonFiniteNumbersAreErrors() throws {
        let workbook = try XLSXWorkbook(path: try temporaryPath("cells.xlsx"))
        let sheet = try workbook.addSheet("s")
        XCTAssertThrowsError(try sheet.write("x", row: 1_048_576, column: 0))
        XCTAssertThrowsError(try sheet.write("x", row: -1, column: 0))
        XCTAssertThrowsError(try sheet.write("x", row: 0, column: 16_384))
        XCTAssertThrowsError(try sheet.write(.nan, row: 0, column: 0))
        XCTAssertThrowsError(try sheet.write(.infinity, row: 0, column: 0))
        XCTAssertThrowsError(try sheet.write(String(repeating: "x", count: 32_768), row: 0, column: 0)) { error in
            XCTAssertEqual((error as? XLSXError)?.message.isEmpty, false)
        }
    }

    func testCloseIntoAMissingFolderIsAnError() throws {
        let workbook = try XLSXWorkbook(path: "/nonexistent-\(UUID().uuidString)/a.xlsx")
        _ = try workbook.addSheet("s")
        XCTAssertThrowsError(try workbook.close()) { error in
            XCTAssertTrue((error as? XLSXError)?.operation.hasPrefix("cannot write /nonexistent-") == true, "\(error)")
        }
    }

    func testUnclosedWorkbookWritesNothing() throws {
        let path = try temporaryPath("dropped.xlsx")
        do {
            let workbook = try XLSXWorkbook(path: path)
            try workbook.addSheet("s").write(1, row: 0, column: 0)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
    }
}
