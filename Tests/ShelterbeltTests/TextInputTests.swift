import Foundation
import XCTest
@testable import Shelterbelt

/// Bounded, line-precise text inputs: huge or binary files fail at once on their first line, a damaged byte is
/// named by line and offset in the file's own encoding, and control characters never reach a message raw.
final class TextInputTests: XCTestCase {
    static let header = BoundaryPointFileTests.header
    static let square = BoundaryPointFileTests.square

    func lines(_ bytes: [UInt8], limit: Int = 1_000) throws -> [TextLines.Line] {
        let reader = TextLines(bytes: bytes, name: "mem.txt", limit: limit, limitReason: "test")
        var result: [TextLines.Line] = []
        while let line = try reader.next() { result.append(line) }
        return result
    }

    func testLinesEndAtLFCRLFOrCRAndKnowTheirOffsets() throws {
        let found = try lines(Array("\u{FEFF}a\r\nbc\rd\n\ne".utf8))
        XCTAssertEqual(found.map { String(decoding: $0.bytes, as: UTF8.self) }, ["a", "bc", "d", "", "e"])
        XCTAssertEqual(found.map(\.number), [1, 2, 3, 4, 5])
        XCTAssertEqual(found.map(\.offset), [3, 6, 9, 11, 12])
        // CR LF split across two 64 KiB chunks is still one line end.
        let long = [UInt8](repeating: 0x41, count: TextLines.chunkBytes - 1) + [0x0D, 0x0A, 0x42]
        let split = try lines(long, limit: 1 << 20)
        XCTAssertEqual(split.map(\.bytes.count), [TextLines.chunkBytes - 1, 1])
        XCTAssertEqual(split[1].offset, TextLines.chunkBytes + 1)
    }

    func testSizeAndLineLengthLimits() {
        let many = [UInt8](String(repeating: "0123456789\n", count: 200).utf8)
        assertError(.badInput, containingAll: ["mem.txt", "is 2.1 KiB, over the limit of 1000 bytes", "line 1"]) {
            _ = try self.lines(many)
        }
        let wide = [UInt8](repeating: 0x41, count: 70_000)
        assertError(.badInput, containingAll: ["line 1 is longer than 64 KiB"]) {
            _ = try self.lines(wide, limit: 1 << 20)
        }
    }

    /// A 200 MB file of zeros (sparse) fails on line 1 within a second, having read 64 KiB of it.
    func testAHugeFileOfZerosFailsOnLineOneAtOnce() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sb-zeros-\(getpid()).txt").path
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: nil))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 200 * 1_048_576)
        try handle.close()
        let started = Date()
        assertError(.badInput, containingAll: ["sb-zeros", "line 1 is longer than 64 KiB"]) {
            _ = try BoundaryPointFile.read(path: path)
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 1)
    }

    func testControlCharactersAreEscapedInMessages() throws {
        let escape =
            Self.header + "5,1.0,D1,地块,面,@\n"
            + Self.square.replacingOccurrences(of: "J2,1,4475307.248", with: "J2,1,\u{1B}[2J\u{202E}1")
        assertError(.badInput, containingAll: ["line 10", "X coordinate '\\u{1B}[2J\\u{202E}1'"]) {
            _ = try BoundaryPointFile(parsing: escape, path: "ctl\u{7}.txt")
        }
        do {
            _ = try BoundaryPointFile(parsing: escape, path: "ctl\u{7}.txt")
        } catch let error as ShelterbeltError {
            XCTAssertTrue(error.description.hasPrefix("ctl\\u{7}.txt: line 10"), error.description)
            XCTAssertFalse(error.description.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{202E}" })
        } catch { XCTFail("\(error)") }
        let nul = Self.header + "5,1.0,D1,地块,面,@\n" + Self.square.replacingOccurrences(of: "J3", with: "J\0")
        let zero = try XCTUnwrap(Array(nul.utf8).firstIndex(of: 0))
        assertError(.badInput, containingAll: ["line 11, byte \(zero): 0x00 is a NUL byte", "4A [00] 2C 31"]) {
            _ = try BoundaryPointFile(parsing: nul, path: "nul.txt")
        }
    }

    /// One stray byte in a UTF-8 file is reported where it is, not by reading the whole file as GBK.
    func testADamagedByteInAUTF8FileIsNamedByLineAndOffset() throws {
        var bytes = try [UInt8](
            Data(contentsOf: URL(fileURLWithPath: BoundaryPointFileTests.path("prefix36_utf8.txt"))))
        let lineStarts = [0] + bytes.indices.filter { bytes[$0] == 0x0A }.map { $0 + 1 }
        // Line 14 starts "J1,1,…"; B5 4A is a GBK character, so the old whole-file rule read the file as GBK.
        let at = lineStarts[13]
        bytes.insert(0xB5, at: at)
        assertError(
            .badInput,
            containingAll: [
                "line 14, byte \(at): 0xB5 is not valid UTF-8 (the encoding of the file's other lines)",
                "the byte at \(at) is damaged",
            ]
        ) { _ = try BoundaryPointFile(bytes: bytes, path: "damaged.txt") }
        // A GBK file with a byte that is not GBK is named the same way, in GBK.
        var gbk = try [UInt8](
            Data(contentsOf: URL(fileURLWithPath: BoundaryPointFileTests.path("noprefix_gbk_crlf.txt"))))
        let third = gbk.indices.filter { gbk[$0] == 0x0A }[1] + 1
        gbk.insert(0xFF, at: third + 2)  // after 几, the first character of line 3
        assertError(.badInput, containingAll: ["line 3, byte \(third + 2): 0xFF is not valid GBK"]) {
            _ = try BoundaryPointFile(bytes: gbk, path: "gbk.txt")
        }
    }

    func testATOMLFileThatIsNotUTF8NamesItsLine() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sb-bad-\(getpid()).toml").path
        let bytes = Array("# layers\n[[layer]]\nid = \"a".utf8) + [0xC0, 0x22, 0x0A]
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        assertError(.badInput, containingAll: ["line 3, byte 26: 0xC0 is not valid UTF-8 (TOML is UTF-8)"]) {
            _ = try ConfigTable.read(path)
        }
    }
}
