import Foundation
import GeoKit

/// Renders a `StatsResult` as a table, CSV, JSON or GeoJSON, in one area unit.
public struct StatsReport {
    public let result: StatsResult
    public let unit: AreaUnit

    public init(_ result: StatsResult, unit: AreaUnit) {
        self.result = result
        self.unit = unit
    }

    func amount(_ squareMetres: Double) -> String {
        String(format: "%.\(unit.decimals)f", unit.fromSquareMetres(squareMetres))
    }

    static func label(_ scope: StatsResult.Scope) -> String {
        switch scope {
        case .zone(let name): name
        case .outside: "(outside all zones / 分区外)"
        case .total: "(total / 合计)"
        }
    }

    public func table() -> String {
        let byClass = result.byField != nil
        var header = ["zone 分区"]
        if byClass { header.append("\(result.byField!) 类别") }
        header += ["area 面积 (\(unit.symbolEn))", "features 要素", "share 占比", "overlap 重叠 (\(unit.symbolEn))"]
        let first = byClass ? 2 : 1
        var table = TextTable(header: header, rightAligned: Set(first..<header.count))
        for row in result.rows where byClass || row.key == nil {
            var cells = [row.key == nil ? Self.label(row.scope) : ""]
            if byClass { cells.append(row.key ?? "(all / 全部)") }
            cells += [
                amount(row.area), String(row.features), row.share.map { String(format: "%.2f%%", $0 * 100) } ?? "",
                row.measure.overlap > 0 ? amount(row.measure.overlap) : "",
            ]
            table.append(cells)
        }
        return table.render() + footnotes()
    }

    /// What the reader must know to trust the figures: method, repairs, skips, overlaps.
    func footnotes() -> String {
        let ellipsoid = result.method == .geodesic ? "GRS80 ellipsoid, CGCS2000" : "projected CRS"
        var lines = [
            "area method: \(result.method) (\(ellipsoid)); \(result.featuresRead) features read, "
                + "\(result.fastPath) inside one zone, \(result.intersected) overlays"
        ]
        lines += InputNotesText.lines(result.inputNotes)
        if result.overlaps.pairs > 0 {
            let examples = result.overlaps.overlapIds.prefix(5).map(String.init).joined(separator: ", ")
            lines.append(
                "\(result.overlaps.features) features overlap one another (\(result.overlaps.pairs) pairs); "
                    + "overlap counted once, \(amount(result.total.measure.overlap)) \(unit.symbolEn) removed "
                    + "(e.g. feature \(examples))")
        }
        if result.zones.overlapping {
            lines.append("note: zones overlap one another; a feature in two zones counts in both")
        }
        return lines.map { "# " + $0 }.joined(separator: "\n") + "\n"
    }

    /// The rows as one sheet of an Excel workbook at `path`: full-precision numbers shown with the unit's
    /// decimals, shares as percentages, bilingual headers; the input notes on a second sheet.
    public func xlsx(to path: String) throws {
        let squareMetres = Workbook.Column.Kind.number(decimals: AreaUnit.m2.decimals)
        let columns = [
            Workbook.Column("分区 zone", .text), Workbook.Column("分类 class", .text),
            Workbook.Column("面积 area m²", squareMetres),
            Workbook.Column("面积 area \(unit.symbolZh) \(unit.symbolEn)", .number(decimals: unit.decimals)),
            Workbook.Column("图斑数 features", .integer), Workbook.Column("分区面积 zone area m²", squareMetres),
            Workbook.Column("占比 share", .percent(decimals: 2)), Workbook.Column("重叠 overlap m²", squareMetres),
        ]
        let rows = result.rows.map { row -> [Workbook.Cell] in
            [
                .text(Self.label(row.scope)), row.key.map(Workbook.Cell.text) ?? .blank, .number(row.area),
                .number(unit.fromSquareMetres(row.area)), .number(Double(row.features)),
                row.zoneArea.map(Workbook.Cell.number) ?? .blank, row.share.map(Workbook.Cell.number) ?? .blank,
                .number(row.measure.overlap),
            ]
        }
        try Workbook.write(
            [
                Workbook.Sheet(name: "stats", columns: columns, rows: rows),
                .notes(InputNotesText.lines(result.inputNotes)),
            ], to: path)
    }

    public func csv(byteOrderMark: Bool = false) -> String {
        var csv = CSVText(header: [
            "zone", "class", "area_m2", "area_\(unit.rawValue)", "features", "zone_area_m2", "share", "overlap_m2",
        ])
        for row in result.rows {
            csv.append([
                Self.label(row.scope), row.key ?? "", String(format: "%.3f", row.area), amount(row.area),
                String(row.features),
                row.zoneArea.map { String(format: "%.3f", $0) } ?? "",
                row.share.map { String(format: "%.6f", $0) } ?? "",
                String(format: "%.3f", row.measure.overlap),
            ])
        }
        // The notes follow the rows, each in the first cell, so a reader of the file sees what the figures rest on.
        for line in InputNotesText.lines(result.inputNotes) {
            csv.append(["# " + line] + Array(repeating: "", count: 7))
        }
        return csv.render(byteOrderMark: byteOrderMark)
    }

    func rowJSON(_ row: StatsResult.Row) -> JSONValue { .object(rowMembers(row)) }

    func rowMembers(_ row: StatsResult.Row) -> [(String, JSONValue)] {
        var members: [(String, JSONValue)] = []
        if case .zone(let name) = row.scope { members.append(("zone", .string(name))) }
        if result.byField != nil { members.append(("class", row.key.map(JSONValue.string) ?? .null)) }
        members += [
            ("area_m2", .number(row.area)), ("area", .number(unit.fromSquareMetres(row.area))),
            ("features", .integer(row.features)), ("overlap_m2", .number(row.measure.overlap)),
        ]
        if let zoneArea = row.zoneArea {
            members += [("zone_area_m2", .number(zoneArea)), ("share", row.share.map(JSONValue.number) ?? .null)]
        }
        return members
    }

    public func json() -> JSONValue {
        let zoneRows = result.rows.filter { if case .zone = $0.scope { return true } else { return false } }
        var members: [(String, JSONValue)] = [
            ("subject", .string(result.subject.path)), ("subject_layer", .string(result.subjectLayer)),
            ("subject_crs", .string(result.subjectCRS)), ("zones", .string(result.zones.source.path)),
            ("zone_field", result.zoneField.map(JSONValue.string) ?? .null),
            ("by", result.byField.map(JSONValue.string) ?? .null),
            ("area_method", .string(result.method.description)), ("unit", .string(unit.rawValue)),
            ("rows", .array(zoneRows.map(rowJSON))),
            ("outside", rowJSON(result.outside)), ("total", rowJSON(result.total)),
        ]
        if result.byField != nil {
            members.append(
                ("outside_by_class", .array(result.rows.filter { $0.scope == .outside && $0.key != nil }.map(rowJSON))))
            members.append(
                ("total_by_class", .array(result.rows.filter { $0.scope == .total && $0.key != nil }.map(rowJSON))))
        }
        members += [
            ("input", .object([("features_read", .integer(result.featuresRead))])),
            ("input_notes", InputNotesText.json(result.inputNotes)),
            (
                "overlaps",
                .object([
                    ("pairs", .integer(result.overlaps.pairs)), ("features", .integer(result.overlaps.features)),
                    ("area_m2", .number(result.total.measure.overlap)),
                    ("example_ids", .array(result.overlaps.overlapIds.map { .integer(Int($0)) })),
                ])
            ),
            ("zones_overlap", .bool(result.zones.overlapping)),
            (
                "engine",
                .object([
                    ("inside_one_zone", .integer(result.fastPath)), ("overlays", .integer(result.intersected)),
                    ("seconds", JSONValue.rounded(result.seconds, 3)),
                ])
            ),
        ]
        return .object(members)
    }

    /// The zones with their figures as properties, for a report map (RFC 7946).
    public func geojson(precision: Int = GeoJSONWriter.defaultPrecision) throws -> String {
        let context = GEOSContext()
        let toWGS84 = try CoordinateTransform(from: result.method.workingCRS, to: "EPSG:4326")
        let features = try result.zones.names.indices.map { index -> GeoJSONFeature in
            let geometry = try toWGS84.apply(try Geometry(wkb: result.zones.wkb[index], context: context))
            let row = result.zone(result.zones.names[index])!
            return GeoJSONFeature(geometry: geometry, properties: rowMembers(row) + [("unit", .string(unit.rawValue))])
        }
        return try GeoJSONWriter.document(
            features, precision: precision, foreign: [("input_notes", InputNotesText.json(result.inputNotes))])
    }
}
