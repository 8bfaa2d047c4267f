import Foundation
import GeoKit

/// A land-approval boundary-point coordinate file (界址点坐标, the text exchanged for 建设用地报批 and
/// 土地勘测定界), parsed strictly:
///
/// ```text
/// [属性描述]
/// 坐标系=2000国家大地坐标系
/// 几度分带=3
/// 投影类型=高斯克吕格
/// 计量单位=米
/// 带号=36
/// 精度=0.01
/// [地块坐标]
/// 5,1.2345,D1,一号地块,面,K49G012034,光伏,,@
/// J1,1,4385123.456,36512345.678
/// …
/// J1,1,4385123.456,36512345.678
/// ```
///
/// Header sections hold `key=value` lines. Under `[地块坐标]`, a parcel starts with a header line
/// `界址点数,地块面积(公顷),地块编号,地块名称,图形属性(点/线/面)[,图幅号,地块用途,地类编号/备注…],@`
/// followed by point lines `点号,圈号,X,Y`: X is the northing, Y the easting (with or without the
/// zone number in front); ring 1 is the outer boundary, rings 2, 3 … are holes; each area ring repeats
/// its first point at the end. 界址点数 may count the repeated closing points or not.
///
/// Any malformed line is an error naming the file, the line and what is wrong. Only CGCS2000
/// Gauss-Krüger coordinates in metres are accepted (Xi'an 80 and Beijing 54 need datum parameters
/// the format does not carry). The CRS is EPSG:4513+(zone−25) with the zone prefix and
/// EPSG:4534+(zone−25) without it for 3-degree zones 25–45 (4491+/4502+(zone−13) for 6-degree zones 13–23).
public struct BoundaryPointFile: Sendable {
    public enum Shape: String, Sendable { case point = "点", line = "线", area = "面" }

    public struct Ring: Sendable {
        /// 圈号: 1 for the outer boundary, 2, 3 … for holes.
        public var number: Int
        /// Points with x = easting (Y in the file), y = northing (X in the file), as stored (prefix kept).
        public var points: [Point] = []
        public var ids: [String] = []
        public var lines: [Int] = []
    }

    public struct Parcel: Sendable {
        /// Line of the parcel header.
        public var line: Int
        public var declaredPointCount: Int
        /// 地块面积 in hectares, as declared.
        public var declaredAreaHa: Double
        public var number: String
        public var name: String
        public var shape: Shape
        public var sheet: String
        public var use: String
        /// The fields after 地块用途 and before @ (地类编号, 备注 …), as written.
        public var extra: [String]
        public var rings: [Ring] = []

        /// A label for reports: 地块编号, else 地块名称, else "parcel N".
        public func label(index: Int) -> String {
            !number.isEmpty ? number : !name.isEmpty ? name : "parcel \(index + 1)"
        }

        /// The parcel's fields by their Chinese names, for screening conditions.
        public var attributes: [String: String] {
            var fields = [
                "地块编号": number, "地块名称": name, "地块用途": use, "图幅号": sheet, "图形属性": shape.rawValue,
                "界址点数": String(declaredPointCount), "地块面积": String(declaredAreaHa),
            ]
            if let first = extra.first { fields["地类编号"] = first }
            if !extra.isEmpty { fields["备注"] = extra.joined(separator: ",") }
            return fields
        }
    }

    public let path: String
    /// Every header `key=value`, with the section it came from.
    public let header: [HeaderEntry]
    public let parcels: [Parcel]
    /// The Gauss-Krüger zone number and width (3 or 6 degrees); nil when the CRS was assumed.
    public let zone: Int?
    public let zoneWidth: Int?
    public let eastingHasZonePrefix: Bool
    /// "EPSG:nnnn" of the coordinates.
    public let crs: String
    /// What was decoded: "UTF-8", "GB18030" (GBK), "UTF-16LE", "UTF-16BE" or the encoding asked for.
    public let encoding: String
    /// Things that are not errors but a reviewer should see (e.g. 地块面积 disagreeing with the rings).
    public let warnings: [String]

    public struct HeaderEntry: Sendable {
        public var section: String
        public var key: String
        public var value: String
        public var line: Int
    }

    public func value(_ key: String) -> String? { header.last { $0.key == key }?.value }

    /// Whether `path` should be read as a boundary-point file: a .txt file, or any file whose text
    /// has a `[地块坐标]` or `[属性描述]` section header.
    public static func looksLike(path: String) -> Bool {
        if (path as NSString).pathExtension.lowercased() == "txt" { return true }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
            let handle = FileHandle(forReadingAtPath: path)
        else { return false }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: 4096) else { return false }
        let head = [UInt8](data)
        let markers = ["[地块坐标]", "[属性描述]"]
        let utf8 = markers.map { Array($0.utf8) }
        let gbk: [[UInt8]] = [
            [0x5B, 0xB5, 0xD8, 0xBF, 0xE9, 0xD7, 0xF8, 0xB1, 0xEA, 0x5D],
            [0x5B, 0xCA, 0xF4, 0xD0, 0xD4, 0xC3, 0xE8, 0xCA, 0xF6, 0x5D],
        ]
        return (utf8 + gbk).contains { marker in
            head.count >= marker.count
                && (0...(head.count - marker.count)).contains { head[$0..<($0 + marker.count)].elementsEqual(marker) }
        }
    }

    /// The largest file read: a 界址点 file for land approval is a few MB at most.
    static let sizeLimit = 64 * 1_048_576
    static let sizeReason = "a 界址点 file for land approval is a few MB at most"

    /// Reads a file line by line in bounded memory, stopping at the first bad line. The encoding is `encoding` when
    /// given, else the byte-order mark's (UTF-8, UTF-16), else UTF-8 unless most lines that are not plain ASCII
    /// are not UTF-8, then GBK (GB18030); a line not valid in that encoding is an error naming its line and byte
    /// (see `LineDecoder`). `assumeCRS` ("EPSG:nnnn") is used only when the file does not determine its zone.
    public static func read(path: String, encoding: String? = nil, assumeCRS: String? = nil) throws -> BoundaryPointFile
    {
        InputFiles.register([path])
        let lines = try TextLines(path: path, limit: sizeLimit, limitReason: sizeReason)
        return try BoundaryPointFile(lines: lines, encoding: encoding, assumeCRS: assumeCRS)
    }

    /// Parses the bytes of a file named `path` in messages, exactly as `read` parses the file.
    public init(bytes: [UInt8], path: String, encoding: String? = nil, assumeCRS: String? = nil) throws {
        let lines = TextLines(bytes: bytes, name: path, limit: Self.sizeLimit, limitReason: Self.sizeReason)
        try self.init(lines: lines, encoding: encoding, assumeCRS: assumeCRS)
    }

    public init(parsing text: String, path: String, assumeCRS: String? = nil) throws {
        try self.init(bytes: Array(text.utf8), path: path, assumeCRS: assumeCRS)
    }

    init(lines: TextLines, encoding: String?, assumeCRS: String?) throws {
        let decoder = try LineDecoder.choose(for: lines, asked: encoding)
        var parser = BoundaryPointParser(path: lines.file)
        while let line = try lines.next() { try parser.line(try decoder.decode(line), number: line.number) }
        try parser.finish()
        let settled = try parser.settleCRS(assumeCRS: assumeCRS)
        path = lines.file
        header = parser.header
        parcels = parser.parcels
        zone = settled.zone
        zoneWidth = settled.width
        eastingHasZonePrefix = parser.prefixZone != nil
        crs = settled.crs
        self.encoding = decoder.encoding
        warnings = parser.areaWarnings()
    }

    /// The parcel's geometry in the file's CRS: a polygon (holes from rings 2, 3 …) for 面, lines for 线,
    /// points for 点. A polygon whose rings cross is an error naming the parcel and where.
    public func geometry(of parcel: Parcel, context: GEOSContext) throws -> Geometry {
        let fail = { (problem: String, remedy: String) in
            ShelterbeltError(
                .badInput, file: path, problem: "line \(parcel.line): parcel '\(parcel.label(index: 0))' \(problem)",
                remedy: remedy)
        }
        do {
            switch parcel.shape {
            case .area:
                let polygon = try Geometry.polygon(
                    PolygonRings(exterior: parcel.rings[0].points, holes: parcel.rings.dropFirst().map(\.points)),
                    context: context)
                guard try polygon.isValid else {
                    throw fail(
                        "does not form a valid polygon: \(polygon.validityReason)",
                        "check the point order: a ring must not cross itself, "
                            + "and holes (圈号 2, 3 …) must lie inside ring 1 without crossing it"
                    )
                }
                return polygon
            case .line:
                let lines = try parcel.rings.map { try Geometry.lineString($0.points, context: context) }
                return lines.count == 1 ? lines[0] : try Geometry.collection(lines, context: context)
            case .point:
                let points = try parcel.rings.flatMap(\.points).map { try Geometry.point($0, context: context) }
                return points.count == 1 ? points[0] : try Geometry.collection(points, context: context)
            }
        } catch let error as GeometryError {
            throw fail("cannot be built: \(error.message)", "check its points")
        }
    }
}
