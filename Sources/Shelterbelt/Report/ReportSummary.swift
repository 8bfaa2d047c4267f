import Foundation
import GeoKit

/// Every figure of a `shelterbelt report`, as written to `summary.json`: the one source the HTML
/// page, the CSV files and the XLSX workbook are rendered from. Numbers are stored already rounded
/// to the decimals they are shown with, so a rendered figure and its summary value are the same
/// number, and two runs over the same inputs give the same file.
public struct ReportSummary: Sendable {
    /// What the report is about: inputs, date, unit, method (`report` in the JSON).
    public var about: [(String, JSONValue)]
    /// The headline figures (`overview`).
    public var overview: [ReportFigure]
    /// The tables, in report order (`tables`, keyed by id).
    public var tables: [ReportTable]
    /// The map frames: extent, projection latitude, size and scale bar (`maps`).
    public var maps: [MapFrame]
    /// Notes on method and input, in both languages (`notes`).
    public var notes: [ReportNote]

    /// Marks a folder as a report folder, so `--out` never replaces anything else.
    public static let generator = "shelterbelt report"

    public func table(_ id: String) -> ReportTable? { tables.first { $0.id == id } }
    public func map(_ id: String) -> MapFrame? { maps.first { $0.id == id } }

    /// A member of `about` as text.
    public func aboutText(_ key: String) -> String? {
        guard case .string(let text)? = about.first(where: { $0.0 == key })?.1 else { return nil }
        return text
    }

    public func json() -> JSONValue {
        .object([
            ("report", .object(about)),
            ("overview", .object(overview.map { ($0.key, $0.value) })),
            ("tables", .object(tables.map { ($0.id, $0.json()) })),
            ("maps", .object(maps.map { ($0.id, $0.json()) })),
            ("notes", .array(notes.map { .object([("zh", .string($0.zh)), ("en", .string($0.en))]) })),
        ])
    }

    /// The JSON Pointer (RFC 6901) of a figure, as the HTML page names it in `data-ptr`.
    static func pointer(_ parts: [String]) -> String {
        parts.map { "/" + $0.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1") }
            .joined()
    }
}

/// One headline figure: a number with its label and unit in both languages.
public struct ReportFigure: Sendable {
    public let key: String
    public let zh: String
    public let en: String
    public let value: JSONValue
    public let format: ReportColumn.Kind
    public let unitZh: String
    public let unitEn: String

    public init(
        _ key: String, zh: String, en: String, value: JSONValue, format: ReportColumn.Kind, unitZh: String = "",
        unitEn: String = ""
    ) {
        self.key = key; self.zh = zh; self.en = en; self.value = value; self.format = format
        self.unitZh = unitZh; self.unitEn = unitEn
    }

    var pointer: String { ReportSummary.pointer(["overview", key]) }
}

/// A note under the report: method, caveats, what was done to the input.
public struct ReportNote: Sendable {
    public let zh: String
    public let en: String
    public init(zh: String, en: String) { self.zh = zh; self.en = en }
}

/// A report language: Chinese (default) or English.
public enum ReportLanguage: String, Sendable, CaseIterable {
    case zh, en

    /// The Chinese or the English text.
    func pick(_ zh: String, _ en: String) -> String { self == .zh ? zh : en }
}

/// A column of a report table: the key of its value in the summary rows, its Chinese and English
/// headers, and how its values print.
public struct ReportColumn: Sendable {
    public enum Kind: Sendable, Equatable {
        case text
        case integer
        /// A number printed with `decimals` decimals; nil prints it as given (a target's value).
        case number(decimals: Int?)
        /// A percentage, stored as percent (12.5 means 12.5 %), with `decimals` decimals.
        case percent(decimals: Int)
    }

    public let key: String
    public let zh: String
    public let en: String
    public let kind: Kind
    /// Shown on the HTML page only in this language (the name column of the other language is left out).
    public let language: ReportLanguage?

    public init(_ key: String, zh: String, en: String, _ kind: Kind, language: ReportLanguage? = nil) {
        self.key = key; self.zh = zh; self.en = en; self.kind = kind; self.language = language
    }

    public var isNumeric: Bool { kind != .text }

    /// The decimals a value is rounded to in the summary (nil: as given, or not a number).
    var decimals: Int? {
        switch kind {
        case .number(let decimals): decimals
        case .percent(let decimals): decimals
        case .integer: 0
        case .text: nil
        }
    }

    func json() -> JSONValue {
        var members: [(String, JSONValue)] = [("key", .string(key)), ("zh", .string(zh)), ("en", .string(en))]
        switch kind {
        case .text: members.append(("type", .string("text")))
        case .integer: members.append(("type", .string("integer")))
        case .number(let decimals):
            members += [("type", .string("number")), ("decimals", decimals.map(JSONValue.integer) ?? .null)]
        case .percent(let decimals): members += [("type", .string("percent")), ("decimals", .integer(decimals))]
        }
        return .object(members)
    }
}

/// A table of the report: its columns and rows, each row one value per column.
public struct ReportTable: Sendable {
    /// ASCII id: the CSV file name and the key in `summary.json`.
    public let id: String
    /// The XLSX sheet name (Chinese, at most 31 characters).
    public let sheet: String
    public let titleZh: String
    public let titleEn: String
    public let columns: [ReportColumn]
    /// One value per column; numbers already rounded to their column's decimals.
    public private(set) var rows: [[JSONValue]] = []
    /// Rows that sum others (totals, "outside every zone"), set in bold.
    public private(set) var totalRows: Set<Int> = []

    public init(id: String, sheet: String, titleZh: String, titleEn: String, columns: [ReportColumn]) {
        self.id = id; self.sheet = sheet; self.titleZh = titleZh; self.titleEn = titleEn; self.columns = columns
    }

    /// Adds a row given as (key, value) pairs; columns without a value are null. Numbers are rounded
    /// to their column's decimals here, once.
    mutating func append(_ values: [String: JSONValue], total: Bool = false) {
        if total { totalRows.insert(rows.count) }
        rows.append(columns.map { column in ReportFormat.rounded(values[column.key] ?? .null, column.kind) })
    }

    public func value(row: Int, key: String) -> JSONValue? {
        guard let column = columns.firstIndex(where: { $0.key == key }), rows.indices.contains(row) else { return nil }
        return rows[row][column]
    }

    /// A row as (key, value) pairs, e.g. for the properties of a GeoJSON feature.
    public func members(row: Int) -> [(String, JSONValue)] { zip(columns.map(\.key), rows[row]).map { ($0, $1) } }

    func pointer(row: Int, key: String) -> String { ReportSummary.pointer(["tables", id, "rows", String(row), key]) }

    func json() -> JSONValue {
        .object([
            ("title_zh", .string(titleZh)), ("title_en", .string(titleEn)), ("sheet", .string(sheet)),
            ("columns", .array(columns.map { $0.json() })),
            ("rows", .array(rows.indices.map { .object(members(row: $0)) })),
        ])
    }
}

/// Where a map of the report lies and how it is drawn: lon/lat extent, the latitude whose cosine
/// scales longitudes (a simple equirectangular projection), pixel size and scale bar.
public struct MapFrame: Sendable {
    public let id: String
    public let titleZh: String
    public let titleEn: String
    /// WGS84 lon/lat, rounded to 4 decimals.
    public let bbox: Envelope
    /// Rounded to 2 decimals; the projection uses exactly this value.
    public let midLatitude: Double
    /// Size of the map area in pixels (the legend is drawn beside it).
    public let width: Int
    public let height: Int
    /// Length of the scale bar in km and metres per pixel along it (at the mid latitude).
    public let scaleBarKm: Double
    public let metresPerPixel: Double
    /// Features drawn on the map.
    public let features: Int

    /// A frame around `extent` (lon/lat), `width` pixels wide, with 2 % margin on every side.
    static func fitting(id: String, titleZh: String, titleEn: String, extent: Envelope, width: Int, features: Int)
        -> MapFrame
    {
        let padX = (extent.maxX - extent.minX) * 0.02, padY = (extent.maxY - extent.minY) * 0.02
        func round4(_ value: Double, _ rule: FloatingPointRoundingRule) -> Double {
            (value * 10_000).rounded(rule) / 10_000
        }
        let box = Envelope(
            minX: round4(extent.minX - padX, .down), minY: round4(extent.minY - padY, .down),
            maxX: round4(extent.maxX + padX, .up), maxY: round4(extent.maxY + padY, .up))
        let midLatitude = ((box.minY + box.maxY) / 2 * 100).rounded() / 100
        let cosine = cos(midLatitude * .pi / 180)
        let pixelsPerDegree = Double(width) / ((box.maxX - box.minX) * cosine)
        // An empty or degenerate extent has no height (0), rather than trapping on a NaN or infinite one.
        let height = Int(exactly: ((box.maxY - box.minY) * pixelsPerDegree).rounded(.up)) ?? 0
        // Metres in one degree of longitude along the mid latitude (geodesic on GRS80), over its pixels.
        let metresPerDegree = Geodesic(.grs80).distance(
            Point(x: box.minX, y: midLatitude), Point(x: box.minX + 1, y: midLatitude))
        let metresPerPixel = metresPerDegree / (pixelsPerDegree * cosine)
        return MapFrame(
            id: id, titleZh: titleZh, titleEn: titleEn, bbox: box, midLatitude: midLatitude, width: width,
            height: height,
            scaleBarKm: niceLength(Double(width) / 5 * metresPerPixel / 1000),
            metresPerPixel: (metresPerPixel * 1000).rounded() / 1000, features: features)
    }

    /// The largest 1, 2 or 5 × 10ⁿ not above `value`.
    static func niceLength(_ value: Double) -> Double {
        let power = pow(10, (log10(value)).rounded(.down))
        let step = [5.0, 2, 1].first { $0 * power <= value } ?? 1
        return step * power
    }

    func json() -> JSONValue {
        .object([
            ("title_zh", .string(titleZh)), ("title_en", .string(titleEn)),
            ("bbox", .array([bbox.minX, bbox.minY, bbox.maxX, bbox.maxY].map(JSONValue.number))),
            ("projection", .string("equirectangular, x scaled by cos(mid_latitude)")),
            ("mid_latitude", .number(midLatitude)), ("width_px", .integer(width)), ("height_px", .integer(height)),
            ("scale_bar_km", .number(scaleBarKm)), ("metres_per_px", .number(metresPerPixel)),
            ("features", .integer(features)),
        ])
    }
}
