import GeoKit
import XCTest
@testable import Shelterbelt

/// The 界址点坐标 parser: well-formed files in both easting conventions and encodings, and one broken
/// file per kind of error, each named with its line.
final class BoundaryPointFileTests: XCTestCase {
    static func path(_ name: String) -> String { Fixtures.path("screening/boundary/\(name)") }

    func testWellFormedFileWithZonePrefix() throws {
        let parsed = try BoundaryPointFile.read(path: Self.path("prefix36_utf8.txt"))
        XCTAssertEqual(parsed.crs, "EPSG:4524")
        XCTAssertEqual(parsed.zone, 36)
        XCTAssertEqual(parsed.zoneWidth, 3)
        XCTAssertTrue(parsed.eastingHasZonePrefix)
        XCTAssertEqual(parsed.encoding, "UTF-8")
        XCTAssertEqual(parsed.value("坐标系"), "2000国家大地坐标系")
        XCTAssertEqual(parsed.value("转换参数"), ",,,,,,")
        XCTAssertEqual(parsed.parcels.map(\.number), ["D1", "D2"])
        XCTAssertEqual(parsed.parcels.map(\.line), [13, 19])
        let holed = parsed.parcels[1]
        XCTAssertEqual(holed.rings.map(\.number), [1, 2])
        XCTAssertEqual(holed.rings.map(\.points.count), [5, 5])
        XCTAssertEqual(holed.declaredPointCount, 10)  // counts the closing points
        XCTAssertEqual(holed.attributes["地块用途"], "光伏")
        XCTAssertEqual(holed.shape, .area)
        XCTAssertEqual(parsed.parcels[0].extra, ["1003"])
        // X is the northing, Y the easting: stored as x = easting.
        XCTAssertEqual(parsed.parcels[0].rings[0].points[0], Point(x: 36561543.502, y: 4474752.028))
        XCTAssertEqual(parsed.warnings, [])
        let context = GEOSContext()
        let polygon = try parsed.geometry(of: holed, context: context)
        XCTAssertEqual(try polygon.polygons.first?.holes.count, 1)
    }

    func testGBKFileWithCRLFAndNoZonePrefix() throws {
        let parsed = try BoundaryPointFile.read(path: Self.path("noprefix_gbk_crlf.txt"))
        XCTAssertEqual(parsed.crs, "EPSG:4545")  // zone 36 without the prefix: CM 108°E
        XCTAssertFalse(parsed.eastingHasZonePrefix)
        XCTAssertEqual(parsed.encoding, "GB18030")
        XCTAssertEqual(parsed.parcels.count, 1)
        XCTAssertEqual(parsed.parcels[0].name, "跨红线道路")
        XCTAssertEqual(parsed.parcels[0].declaredPointCount, 4)  // without the closing point
        XCTAssertEqual(parsed.parcels[0].rings[0].points.count, 5)
        XCTAssertEqual(parsed.parcels[0].label(index: 0), "1")
        // Declared as UTF-8 it is refused, not misread.
        assertError(.badInput, containingAll: ["not valid UTF-8"]) {
            _ = try BoundaryPointFile.read(path: Self.path("noprefix_gbk_crlf.txt"), encoding: "UTF-8")
        }
        XCTAssertEqual(
            try BoundaryPointFile.read(path: Self.path("noprefix_gbk_crlf.txt"), encoding: "GBK").parcels[0].name,
            "跨红线道路")
    }

    func testEachBrokenFileNamesItsLineAndFault() {
        let cases: [(String, [String])] = [
            ("field_count.txt", ["line 11", "5 fields", "4 (点号,圈号,X,Y)"]),
            ("not_numeric.txt", ["line 11", "X coordinate 'l475307.248' is not a number"]),
            ("not_closed.txt", ["line 13", "ring 1 of parcel 'D1' is not closed", "J1, line 10"]),
            ("count_mismatch.txt", ["line 9", "界址点数 = 9", "lists 5 points"]),
            ("swapped.txt", ["line 10", "X and Y are swapped"]),
            ("zone_mismatch.txt", ["line 10", "zone number 36", "带号=37"]),
            ("xian80.txt", ["line 2", "only CGCS2000"]),
            ("no_zone.txt", ["zone cannot be told", "--assume-crs"]),
            ("meridian_zone.txt", ["line 6", "central meridian", "zone 36"]),
            ("ring_jump.txt", ["line 15", "goes from 1 to 3"]),
            ("point_before_header.txt", ["line 9", "before any parcel header"]),
            ("fullwidth_comma.txt", ["line 10", "full-width comma"]),
            ("no_section.txt", ["line 1", "text before the first section"]),
        ]
        for (name, texts) in cases {
            assertError(.badInput, containingAll: [name] + texts) {
                _ = try BoundaryPointFile.read(path: Self.path("bad/\(name)"))
            }
        }
        // A self-intersecting ring parses, but is refused when its polygon is built.
        assertError(
            .badInput,
            containingAll: ["bowtie.txt", "line 9", "parcel 'D1' does not form a valid polygon", "Self-intersection"]
        ) {
            let parsed = try BoundaryPointFile.read(path: Self.path("bad/bowtie.txt"))
            _ = try parsed.geometry(of: parsed.parcels[0], context: GEOSContext())
        }
    }

    func testAssumedCRSOnlyWhereTheFileIsSilent() throws {
        let parsed = try BoundaryPointFile.read(path: Self.path("bad/no_zone.txt"), assumeCRS: "EPSG:4545")
        XCTAssertEqual(parsed.crs, "EPSG:4545")
        XCTAssertNil(parsed.zone)
        assertError(.usage, containingAll: ["EPSG:4524", "--assume-crs says EPSG:4545"]) {
            _ = try BoundaryPointFile.read(path: Self.path("prefix36_utf8.txt"), assumeCRS: "EPSG:4545")
        }
    }

    static let header = "[属性描述]\n坐标系=2000国家大地坐标系\n几度分带=3\n投影类型=高斯克吕格\n计量单位=米\n带号=36\n[地块坐标]\n"
    static let square =
        "J1,1,4474752.028,36561543.502\nJ2,1,4475307.248,36561538.947\nJ3,1,4475300.333,36560690.127\n"
        + "J4,1,4474745.114,36560694.619\nJ1,1,4474752.028,36561543.502\n"

    func parse(_ text: String) throws -> BoundaryPointFile { try BoundaryPointFile(parsing: text, path: "inline.txt") }

    func testMoreFaultsInline() {
        let cases: [(String, [String])] = [
            (Self.header + "5,1.0,D1,地块,@\n" + Self.square, ["line 8", "4 fields before '@'"]),
            (Self.header + "five,1.0,D1,地块,面,@\n" + Self.square, ["line 8", "界址点数 'five'"]),
            (Self.header + "5,1.0,D1,地块,面积,@\n" + Self.square, ["line 8", "图形属性 '面积'"]),
            (Self.header + "5,1 ha,D1,地块,面,@\n" + Self.square, ["line 8", "地块面积 '1 ha'"]),
            (
                Self.header + "5,1.0,D1,地块,面,@\n" + Self.square.replacingOccurrences(of: "J2,1,", with: "J2,a,"),
                ["line 10", "圈号"]
            ),
            (
                Self.header + "5,1.0,D1,地块,面,@\n"
                    + Self.square.replacingOccurrences(of: "J2,1,4475307.248", with: "J2,1,1e6"),
                ["line 10", "X coordinate '1e6'"]
            ),
            (
                Self.header + "5,1.0,D1,地块,面,@\n"
                    + Self.square.replacingOccurrences(of: "36561538.947", with: "36561538.947@"),
                ["line 10", "Y coordinate"]
            ),
            (
                Self.header + "5,1.0,D1,地块,面,@\n"
                    + Self.square.replacingOccurrences(
                        of: "J2,1,4475307.248,36561538.947", with: "J2,1,4475307.248,561538.947"),
                ["line 10", "no zone number"]
            ),
            (
                Self.header + "5,1.0,D1,地块,面,@\n"
                    + Self.square.replacingOccurrences(of: "J2,1,4475307.248", with: "J2,1,9475307.248"),
                ["line 10", "not a Gauss-Krüger northing"]
            ),
            // An easting of 26 digits is beyond Int: an error on its line, not a trap.
            (
                Self.header + "5,1.0,D1,地块,面,@\n"
                    + Self.square.replacingOccurrences(
                        of: "J2,1,4475307.248,36561538.947", with: "J2,1,4475307.248,12345678901234567890123456"),
                ["line 10", "not a Gauss-Krüger easting"]
            ),
            (
                Self.header + "5,1.0,D1,地块,面,@\n" + "J1,2,4474752.028,36561543.502\n",
                ["line 9", "first ring is numbered 2"]
            ),
            (Self.header + "5,1.0,D1,地块,面,@\n", ["line 8", "has no points"]),
            (Self.header, ["no parcel"]),
            ("[属性描述]\n坐标系=2000国家大地坐标系\n带号\n[地块坐标]\n", ["line 3", "expected key=value"]),
            ("[属性描述]\n带号=36\n带号=37\n[地块坐标]\n", ["line 3", "repeated (first on line 2)"]),
            ("[属性描述]\n坐标系=2000国家大地坐标系\n", ["no [地块坐标] section"]),
            (
                Self.header.replacingOccurrences(of: "米", with: "千米") + "5,1.0,D1,地块,面,@\n" + Self.square,
                ["line 5", "metres"]
            ),
            (
                Self.header.replacingOccurrences(of: "几度分带=3", with: "几度分带=5") + "5,1.0,D1,地块,面,@\n" + Self.square,
                ["line 3", "must be 3 or 6"]
            ),
            (Self.header + "5,1.0,D1,地块,面,@\n" + Self.square + "[扩展信息]\n", ["line 14", "after [地块坐标]"]),
            (Self.header + "5,1.0,D1,地块,面,@,x\n" + Self.square, ["line 8", "'@' must end"]),
        ]
        for (text, needles) in cases {
            assertError(.badInput, containingAll: ["inline.txt"] + needles) { _ = try parse(text) }
        }
    }

    func testVariantsThatAreAccepted() throws {
        // Full-width section brackets, spaces around fields, blank lines, a 6-degree zone with prefix,
        // and a line (线) parcel.
        let six =
            "【属性描述】\n坐标系 = 2000国家大地坐标系\n几度分带=6\n带号=19\n\n【地块坐标】\n"
            + "2, 0, L1 , 管线 , 线 ,,,@\n J1 , 1 , 4474752.028 , 19561543.502 \nJ2,1,4475307.248,19561538.947\n"
        let parsed = try parse(six)
        XCTAssertEqual(parsed.crs, "EPSG:4497")  // CGCS2000 / Gauss-Kruger zone 19
        XCTAssertEqual(parsed.parcels[0].shape, .line)
        XCTAssertEqual(parsed.parcels[0].number, "L1")
        XCTAssertEqual(try parsed.geometry(of: parsed.parcels[0], context: GEOSContext()).kind, .lineString)
        // The zone from the prefix alone, without 带号 or 几度分带.
        let bare = try parse("[属性描述]\n坐标系=2000国家大地坐标系\n[地块坐标]\n5,0,D1,地块,面,@\n" + Self.square)
        XCTAssertEqual(bare.crs, "EPSG:4524")
        // A declared area far from the rings' is a warning, not an error.
        let off = try parse(Self.header + "5,99,D1,地块,面,@\n" + Self.square)
        XCTAssertEqual(off.warnings.count, 1)
        XCTAssertTrue(off.warnings[0].contains("地块面积 99.0 ha"), off.warnings[0])
    }

    func testWhichFilesAreBoundaryPointFiles() {
        XCTAssertTrue(BoundaryPointFile.looksLike(path: Self.path("prefix36_utf8.txt")))
        XCTAssertTrue(BoundaryPointFile.looksLike(path: Self.path("noprefix_gbk_crlf.txt")))
        XCTAssertFalse(BoundaryPointFile.looksLike(path: Fixtures.path("screening/sites.geojson")))
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("sb-bp-\(getpid()).dat").path
        try? FileManager.default.removeItem(atPath: copy)
        XCTAssertNoThrow(try FileManager.default.copyItem(atPath: Self.path("noprefix_gbk_crlf.txt"), toPath: copy))
        defer { try? FileManager.default.removeItem(atPath: copy) }
        XCTAssertTrue(BoundaryPointFile.looksLike(path: copy))  // GBK section header sniffed, whatever the extension
    }
}
