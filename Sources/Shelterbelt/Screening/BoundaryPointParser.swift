import Foundation
import GeoKit

/// The line-by-line state of a parse.
struct BoundaryPointParser {
    let path: String
    var header: [BoundaryPointFile.HeaderEntry] = []
    var parcels: [BoundaryPointFile.Parcel] = []
    /// The zone number in front of the eastings, when they carry one (0 until the first point says).
    var prefixZone: Int?
    var sawUnprefixed = false
    var firstPointLine = 0

    static let headerFormat = "界址点数,地块面积,地块编号,地块名称,图形属性(点/线/面)[,图幅号,地块用途,…],@"

    init(path: String) { self.path = path }

    func fail(_ line: Int, _ problem: String, _ remedy: String? = nil) -> ShelterbeltError {
        ShelterbeltError(.badInput, file: path, problem: "line \(line): \(problem)", remedy: remedy)
    }

    enum Section {
        case none, header(String), coordinates
    }
    var section = Section.none
    var sawCoordinates = false

    /// One decoded line, without its line end.
    mutating func line(_ text: String, number: Int) throws {
        let line = text.trimmingCharacters(in: .whitespaces)
        guard !line.isEmpty else { return }
        if let name = Self.sectionName(line) {
            if name == "地块坐标" {
                guard !sawCoordinates else {
                    throw fail(number, "a second [地块坐标] section", "put every parcel under one [地块坐标]")
                }
                sawCoordinates = true
                section = .coordinates
            } else {
                guard !sawCoordinates else {
                    throw fail(
                        number, "section [\(name)] after [地块坐标]",
                        "header sections such as [属性描述] come before [地块坐标]")
                }
                section = .header(name)
            }
            return
        }
        switch section {
        case .none:
            throw fail(
                number, "text before the first section: '\(line.prefix(40))'",
                "a boundary-point file starts with a section header such as [属性描述] "
                    + "and has its points under [地块坐标]")
        case .header(let name):
            guard let equals = line.firstIndex(of: "=") ?? line.firstIndex(of: "＝") else {
                throw fail(number, "expected key=value in section [\(name)], found '\(line.prefix(40))'")
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty else { throw fail(number, "a value without a key in section [\(name)]") }
            if let earlier = header.first(where: { $0.key == key && $0.section == name }) {
                throw fail(number, "key '\(key)' repeated (first on line \(earlier.line))", "keep one of them")
            }
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            header.append(.init(section: name, key: key, value: value, line: number))
        case .coordinates:
            try coordinateLine(line, number)
        }
    }

    /// After the last line: the last parcel is checked, and a file without parcels is refused.
    mutating func finish() throws {
        guard sawCoordinates else {
            throw ShelterbeltError(
                .badInput, file: path, problem: "has no [地块坐标] section",
                remedy: "is this a boundary-point (界址点坐标) file? Its parcels and points belong under [地块坐标]")
        }
        try finishParcel()
        guard !parcels.isEmpty else {
            throw ShelterbeltError(
                .badInput, file: path, problem: "has no parcel under [地块坐标]",
                remedy: "each parcel starts with a line \(Self.headerFormat)")
        }
    }

    /// "[name]" or "【name】".
    static func sectionName(_ line: String) -> String? {
        guard (line.hasPrefix("[") && line.hasSuffix("]")) || (line.hasPrefix("【") && line.hasSuffix("】")),
            line.count >= 2
        else { return nil }
        return String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
    }

    mutating func coordinateLine(_ line: String, _ number: Int) throws {
        if line.contains("，") {
            throw fail(
                number, "full-width comma '，' in '\(line.prefix(60))'", "separate fields with the ASCII comma ','")
        }
        let fields = line.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        if fields.last == "@" {
            try finishParcel()
            parcels.append(try parcelHeader(Array(fields.dropLast()), number))
        } else if fields.count == 4 {
            try point(fields, number)
        } else if fields.contains("@") {
            throw fail(number, "'@' must end a parcel header line", "write the parcel header as \(Self.headerFormat)")
        } else {
            throw fail(
                number, "\(fields.count) fields where a point line has 4 (点号,圈号,X,Y) and a parcel header ends with ,@",
                "check for a missing or extra comma")
        }
    }

    func parcelHeader(_ fields: [String], _ number: Int) throws -> BoundaryPointFile.Parcel {
        guard fields.count >= 5 else {
            throw fail(
                number, "parcel header has \(fields.count) fields before '@'; at least 5 are needed",
                "write it as \(Self.headerFormat)")
        }
        guard let count = Int(fields[0]), count > 0 else {
            throw fail(
                number, "界址点数 '\(fields[0])' is not a whole number > 0",
                "the first field of a parcel header is its number of points")
        }
        guard let area = Self.number(fields[1]) else {
            throw fail(
                number, "地块面积 '\(fields[1])' is not a number",
                "the second field is the parcel's area in hectares, e.g. 1.2345")
        }
        guard let shape = BoundaryPointFile.Shape(rawValue: fields[4]) else {
            throw fail(
                number, "图形属性 '\(fields[4])' is not 点, 线 or 面",
                "the fifth field says what the points draw: 面 for an area")
        }
        return BoundaryPointFile.Parcel(
            line: number, declaredPointCount: count, declaredAreaHa: area, number: fields[2], name: fields[3],
            shape: shape, sheet: fields.count > 5 ? fields[5] : "", use: fields.count > 6 ? fields[6] : "",
            extra: fields.count > 7 ? Array(fields[7...]).filter { !$0.isEmpty } : [])
    }

    mutating func point(_ fields: [String], _ number: Int) throws {
        guard !parcels.isEmpty else {
            throw fail(number, "a point line before any parcel header", "start each parcel with \(Self.headerFormat)")
        }
        guard !fields[0].isEmpty else { throw fail(number, "the point id (点号) is empty") }
        guard let ringNumber = Int(fields[1]), ringNumber >= 1 else {
            throw fail(
                number, "ring number (圈号) '\(fields[1])' is not a whole number ≥ 1",
                "1 is the outer boundary, 2, 3 … are holes")
        }
        guard let x = Self.number(fields[2]) else {
            throw fail(
                number, "X coordinate '\(fields[2])' is not a number",
                "write plain decimals in metres, e.g. 4385123.456")
        }
        guard let y = Self.number(fields[3]) else {
            throw fail(
                number, "Y coordinate '\(fields[3])' is not a number",
                "write plain decimals in metres, e.g. 36512345.678")
        }
        try checkCoordinates(x: x, y: y, number)
        let current = parcels.count - 1
        if let last = parcels[current].rings.last?.number, ringNumber != last {
            guard ringNumber == last + 1 else {
                throw fail(
                    number, "ring number (圈号) goes from \(last) to \(ringNumber)",
                    "number the rings 1, 2, 3 … in order and keep each ring's points together")
            }
            try checkClosed(parcels[current].rings[parcels[current].rings.count - 1], parcels[current])
            parcels[current].rings.append(.init(number: ringNumber))
        } else if parcels[current].rings.isEmpty {
            guard ringNumber == 1 else {
                throw fail(number, "the first ring is numbered \(ringNumber)", "the outer boundary is ring (圈号) 1")
            }
            parcels[current].rings.append(.init(number: 1))
        }
        let ring = parcels[current].rings.count - 1
        parcels[current].rings[ring].points.append(Point(x: y, y: x))
        parcels[current].rings[ring].ids.append(fields[0])
        parcels[current].rings[ring].lines.append(number)
    }

    /// X must be a northing and Y an easting in metres, with or without a zone prefix used consistently.
    mutating func checkCoordinates(x: Double, y: Double, _ number: Int) throws {
        let northings = 1_000_000.0..<6_500_000.0
        let looksLikeEasting = { (value: Double) in
            (value > 0 && value < 1_000_000) || (value >= 13_000_000 && value < 46_000_000)
        }
        if !northings.contains(x), looksLikeEasting(x), northings.contains(y) {
            throw fail(
                number,
                "X and Y are swapped: X = \(Self.text(x)) looks like an easting "
                    + "and Y = \(Self.text(y)) like a northing",
                "the format puts the northing first: 点号,圈号,X(northing, e.g. 4385123.456),Y(easting, e.g. 36512345.678)")
        }
        guard northings.contains(x) else {
            throw fail(
                number,
                "X = \(Self.text(x)) is not a Gauss-Krüger northing in China "
                    + "(1 000 000 – 6 500 000 m; Ordos ≈ 4 100 000 – 4 550 000)",
                "X is the northing in metres")
        }
        // Int(exactly:) gives nil for an easting of 26 digits or a NaN instead of trapping; such a Y is no easting.
        let prefix = Int(exactly: (y / 1_000_000).rounded(.towardZero)) ?? -1
        let offset = y - Double(prefix) * 1_000_000
        guard y > 0, prefix == 0 || (13...23).contains(prefix) || (25...45).contains(prefix), offset > 0 else {
            throw fail(
                number,
                "Y = \(Self.text(y)) is not a Gauss-Krüger easting "
                    + "(500 000 ± 400 000 m, or with the zone number in front, e.g. 36 512 345)",
                "Y is the easting in metres")
        }
        if prefix == 0 {
            if let prefixZone {
                throw fail(
                    number,
                    "Y = \(Self.text(y)) has no zone number in front, but earlier points carry zone \(prefixZone)",
                    "write every easting the same way")
            }
            sawUnprefixed = true
        } else {
            if sawUnprefixed {
                throw fail(
                    number, "Y = \(Self.text(y)) carries zone number \(prefix), but earlier points carry none",
                    "write every easting the same way")
            }
            if let prefixZone, prefixZone != prefix {
                throw fail(
                    number,
                    "Y = \(Self.text(y)) carries zone number \(prefix), but earlier points carry zone \(prefixZone)",
                    "a file's points are in one zone")
            }
            if prefixZone == nil { firstPointLine = number }
            prefixZone = prefix
        }
    }

    func checkClosed(_ ring: BoundaryPointFile.Ring, _ parcel: BoundaryPointFile.Parcel) throws {
        let last = ring.lines.last ?? parcel.line
        let name = "ring \(ring.number) of parcel '\(parcel.label(index: parcels.count - 1))'"
        switch parcel.shape {
        case .area:
            guard ring.points.first == ring.points.last else {
                throw fail(
                    last,
                    "\(name) is not closed: its last point (\(ring.ids.last ?? ""), line \(last)) "
                        + "is not its first point (\(ring.ids.first ?? ""), line \(ring.lines.first ?? last)) repeated",
                    "end each ring with its first point again, as the format requires")
            }
            guard Set(ring.points).count >= 3 else {
                throw fail(
                    last, "\(name) has \(Set(ring.points).count) distinct points; an area needs at least 3",
                    "check the ring's points")
            }
        case .line:
            guard ring.points.count >= 2 else {
                throw fail(last, "\(name) is a line with one point", "a line needs at least 2 points")
            }
        case .point: break
        }
    }

    mutating func finishParcel() throws {
        guard let parcel = parcels.last else { return }
        guard let ring = parcel.rings.last else {
            throw fail(
                parcel.line, "parcel '\(parcel.label(index: parcels.count - 1))' has no points",
                "list its points (点号,圈号,X,Y) after the header")
        }
        try checkClosed(ring, parcel)
        let listed = parcel.rings.map(\.points.count).reduce(0, +)
        let distinct = parcel.shape == .area ? listed - parcel.rings.count : listed
        guard parcel.declaredPointCount == listed || parcel.declaredPointCount == distinct else {
            let without = parcel.shape == .area ? " (\(distinct) without the repeated closing points)" : ""
            throw fail(
                parcel.line,
                "parcel '\(parcel.label(index: parcels.count - 1))' declares 界址点数 = \(parcel.declaredPointCount) "
                    + "but lists \(listed) points\(without)",
                "correct 界址点数 or restore the missing points")
        }
    }

    /// The CRS from the header and the eastings; `assumeCRS` only when they do not determine it.
    func settleCRS(assumeCRS: String?) throws -> (crs: String, zone: Int?, width: Int?) {
        func entry(_ key: String) -> BoundaryPointFile.HeaderEntry? {
            header.last { $0.key == key && !$0.value.isEmpty }
        }
        if let system = entry("坐标系") {
            let value = system.value
            if value.contains("80") || value.contains("西安") || value.contains("54") || value.contains("北京") {
                throw fail(
                    system.line, "坐标系=\(value): only CGCS2000 (2000国家大地坐标系) coordinates are accepted",
                    "Xi'an 80 and Beijing 54 need a datum transformation with local parameters; "
                        + "convert the file to CGCS2000 first"
                )
            }
            guard value.contains("2000") else {
                throw fail(
                    system.line, "坐标系=\(value) is not CGCS2000", "the coordinate system must be 2000国家大地坐标系 (CGCS2000)")
            }
        } else if assumeCRS == nil {
            throw ShelterbeltError(
                .badInput, file: path, problem: "the header does not say its coordinate system (坐标系)",
                remedy: "add 坐标系=2000国家大地坐标系 to [属性描述], or pass --assume-crs EPSG:nnnn")
        }
        if let unit = entry("计量单位"), !["米", "m", "metre", "meter"].contains(unit.value.lowercased()) {
            throw fail(unit.line, "计量单位=\(unit.value): coordinates must be in metres (米)")
        }
        if let projection = entry("投影类型"),
            !(projection.value.contains("高斯") || projection.value.lowercased().contains("gauss"))
        {
            throw fail(projection.line, "投影类型=\(projection.value): only Gauss-Krüger (高斯克吕格) coordinates are accepted")
        }
        var width: Int?
        if let band = entry("几度分带") {
            guard let value = Int(band.value), value == 3 || value == 6 else {
                throw fail(band.line, "几度分带=\(band.value) must be 3 or 6")
            }
            width = value
        }
        var zone: Int?
        if let entry = entry("带号") {
            guard let value = Int(entry.value) else {
                throw fail(entry.line, "带号=\(entry.value) is not a whole number")
            }
            if value >= 72, value <= 135, value % 3 == 0, width != 6 {
                throw fail(
                    entry.line, "带号=\(value) looks like a central meridian, not a zone number",
                    "for 3-degree zones 带号 is the zone number: \(value)°E is zone \(value / 3)")
            }
            let inferred = width ?? ((25...45).contains(value) ? 3 : (13...23).contains(value) ? 6 : nil)
            guard let inferred, (inferred == 3 ? 25...45 : 13...23).contains(value) else {
                throw fail(
                    entry.line, "带号=\(value) is not a \(width.map { "\($0)-degree" } ?? "Gauss-Krüger") zone of China",
                    "3-degree zones are 25–45, 6-degree zones 13–23")
            }
            width = inferred
            zone = value
        }
        if let prefixZone {
            if let zone, zone != prefixZone {
                throw fail(
                    firstPointLine, "the eastings carry zone number \(prefixZone) but the header says 带号=\(zone)",
                    "correct 带号 or the eastings")
            }
            let inferred = width ?? ((25...45).contains(prefixZone) ? 3 : 6)
            guard (inferred == 3 ? 25...45 : 13...23).contains(prefixZone) else {
                throw fail(
                    firstPointLine,
                    "the eastings carry zone number \(prefixZone), which is not a \(inferred)-degree zone",
                    "check 几度分带 and the eastings")
            }
            (zone, width) = (prefixZone, inferred)
        }
        guard let zone, let width else {
            guard let assumeCRS else {
                throw ShelterbeltError(
                    .badInput, file: path,
                    problem:
                        "the Gauss-Krüger zone cannot be told: "
                        + "the eastings carry no zone number and the header has no 带号",
                    remedy:
                        "add 带号=<zone> to [属性描述], or pass --assume-crs "
                        + "(for Ordos EPSG:4544, 4545 or 4546: central meridian 105°, 108° or 111°E)"
                )
            }
            return (assumeCRS, nil, nil)
        }
        let epsg =
            width == 3 ? (prefixZone != nil ? 4513 : 4534) + zone - 25 : (prefixZone != nil ? 4491 : 4502) + zone - 13
        if let assumeCRS, assumeCRS.uppercased().replacingOccurrences(of: " ", with: "") != "EPSG:\(epsg)" {
            let prefixed = prefixZone != nil ? ", eastings with the zone number" : ""
            throw ShelterbeltError(
                .usage, file: path,
                problem: "the file says EPSG:\(epsg) (zone \(zone)\(prefixed)) but --assume-crs says \(assumeCRS)",
                remedy: "drop --assume-crs: the file's header settles its CRS")
        }
        return ("EPSG:\(epsg)", zone, width)
    }

    /// Parcels whose declared 地块面积 differs from the planar area of their rings by more than 1 % (and 0.01 ha).
    func areaWarnings() -> [String] {
        parcels.enumerated().compactMap { index, parcel in
            guard parcel.shape == .area, parcel.declaredAreaHa > 0 else { return nil }
            let shoelace = { (ring: [Point]) -> Double in
                var sum = 0.0
                for i in 0..<(ring.count - 1) {
                    sum +=
                        (ring[i].x - ring[0].x) * (ring[i + 1].y - ring[0].y) - (ring[i + 1].x - ring[0].x)
                        * (ring[i].y - ring[0].y)
                }
                return abs(sum) / 2
            }
            let measured =
                (shoelace(parcel.rings[0].points) - parcel.rings.dropFirst().map { shoelace($0.points) }.reduce(0, +))
                / 10_000
            guard abs(measured - parcel.declaredAreaHa) > max(0.01, 0.01 * parcel.declaredAreaHa) else { return nil }
            // The label is the file's text: escaped as errors are, since warnings are printed too.
            return VisibleText.escaping(
                "line \(parcel.line): parcel '\(parcel.label(index: index))' declares 地块面积 \(parcel.declaredAreaHa) ha "
                    + "but its rings measure " + String(format: "%.4f", measured) + " ha (plane Gauss-Krüger area)")
        }
    }

    /// A plain decimal number: optional sign, digits, optional fraction. No exponents, NaN or separators.
    static func number(_ text: String) -> Double? {
        guard !text.isEmpty else { return nil }
        var digits = 0, dots = 0
        for (index, character) in text.enumerated() {
            if character.isASCII, character.isNumber {
                digits += 1
            } else if character == "." {
                dots += 1
            } else if (character == "-" || character == "+") && index == 0 {
                continue
            } else {
                return nil
            }
        }
        guard digits > 0, dots <= 1 else { return nil }
        return Double(text)
    }

    static func text(_ value: Double) -> String { String(format: "%.3f", value) }
}
