import Foundation
import GeoKit

/// Renders a `ChangeResult` as square matrices (text table, Excel) or long rows (CSV, JSON), in one area unit.
public struct ChangeReport {
    public let result: ChangeResult
    public let unit: AreaUnit

    static let notInBefore = "(not in BEFORE / 前期无)"
    static let notInAfter = "(not in AFTER / 后期无)"

    public init(_ result: ChangeResult, unit: AreaUnit) {
        self.result = result
        self.unit = unit
    }

    var scopes: [ChangeResult.Matrix] { result.matrices + [result.total] }

    func amount(_ squareMetres: Double) -> String {
        String(format: "%.\(unit.decimals)f", unit.fromSquareMetres(squareMetres))
    }

    /// One square matrix per scope: before classes down, after classes across, each with what only one layer
    /// covers, the totals and the net change of every class.
    public func table() -> String {
        let classes = result.classes
        let blocks = scopes.map { matrix -> String in
            let header =
                ["\(StatsReport.label(matrix.scope)): before \\ after 前期\\后期 (\(unit.symbolEn))"] + classes
                + [Self.notInAfter, "total 合计"]
            var table = TextTable(header: header, rightAligned: Set(1..<header.count))
            for before in classes {
                table.append(
                    [before] + classes.map { amount(matrix.area(before, $0)) }
                        + [amount(matrix.notInAfter[before] ?? 0), amount(matrix.beforeTotals[before] ?? 0)])
            }
            let notInBefore = classes.map { matrix.notInBefore[$0] ?? 0 }
            table.append([Self.notInBefore] + notInBefore.map(amount) + ["", amount(notInBefore.reduce(0, +))])
            table.append(
                ["total 合计"] + classes.map { amount(matrix.afterTotals[$0] ?? 0) }
                    + [amount(matrix.notInAfter.values.reduce(0, +)), amount(matrix.unionArea)])
            table.append(
                ["net change 净变化"] + classes.map { amount(matrix.netChange($0)) }
                    + ["", amount(matrix.afterArea - matrix.beforeArea)])
            return table.render()
        }
        return blocks.joined(separator: "\n") + footnotes()
    }

    /// What the reader must know to trust the figures: method, both layers, overlaps, repairs, skips.
    func footnotes() -> String {
        let ellipsoid = result.method == .geodesic ? "GRS80 ellipsoid, CGCS2000" : "projected CRS"
        var lines = [
            "area method: \(result.method) (\(ellipsoid)); before \(result.before.path) (\(result.classField), "
                + "\(result.beforeFeatures) features), after \(result.after.path) (\(result.afterClassField), "
                + "\(result.afterFeatures) features); \(result.contained) pairs inside one another, "
                + "\(result.intersected) overlays"
        ]
        for (name, overlap) in [("before", result.beforeOverlap), ("after", result.afterOverlap)]
        where overlap.features > 0 {
            let examples = overlap.exampleIds.map(String.init).joined(separator: ", ")
            lines.append(
                "\(name): \(overlap.features) features overlap earlier ones; the shared area counts once, for the "
                    + "first feature: \(amount(overlap.area)) \(unit.symbolEn) (e.g. feature \(examples))")
        }
        lines += InputNotesText.lines(result.inputNotes)
        if result.zones?.overlapping == true {
            lines.append("note: zones overlap one another; an area in two zones counts in both")
        }
        return lines.map { "# " + $0 }.joined(separator: "\n") + "\n"
    }

    /// One line per scope and pair of classes with area, then what only one layer covers, per class.
    struct Line {
        let scope: String
        let before: String
        let after: String
        let area: Double
    }

    var lines: [Line] {
        scopes.flatMap { matrix -> [Line] in
            let scope = StatsReport.label(matrix.scope)
            let shared = result.classes.flatMap { before in
                result.classes.compactMap { after in
                    let area = matrix.area(before, after)
                    return area > 0 ? Line(scope: scope, before: before, after: after, area: area) : nil
                }
            }
            let onlyBefore = result.classes.compactMap { key in
                (matrix.notInAfter[key] ?? 0) > 0
                    ? Line(scope: scope, before: key, after: Self.notInAfter, area: matrix.notInAfter[key] ?? 0) : nil
            }
            let onlyAfter = result.classes.compactMap { key in
                (matrix.notInBefore[key] ?? 0) > 0
                    ? Line(scope: scope, before: Self.notInBefore, after: key, area: matrix.notInBefore[key] ?? 0)
                    : nil
            }
            return shared + onlyBefore + onlyAfter
        }
    }

    public func csv(byteOrderMark: Bool = false) -> String {
        var csv = CSVText(header: ["zone", "before", "after", "area_m2", "area_\(unit.rawValue)"])
        for line in lines {
            csv.append([line.scope, line.before, line.after, String(format: "%.3f", line.area), amount(line.area)])
        }
        // The notes follow the rows, each in the first cell, so a reader of the file sees what the figures rest on.
        for note in InputNotesText.lines(result.inputNotes) { csv.append(["# " + note, "", "", "", ""]) }
        return csv.render(byteOrderMark: byteOrderMark)
    }

    func areaJSON(_ key: String, _ name: String, _ value: Double) -> JSONValue {
        .object([(key, .string(name)), ("area_m2", .number(value)), ("area", .number(unit.fromSquareMetres(value)))])
    }

    func matrixJSON(_ matrix: ChangeResult.Matrix) -> JSONValue {
        let classes = result.classes
        func perClass(_ values: [String: Double]) -> JSONValue {
            .array(classes.map { areaJSON("class", $0, values[$0] ?? 0) })
        }
        let cells = classes.flatMap { before in
            classes.compactMap { after -> JSONValue? in
                let area = matrix.area(before, after)
                guard area > 0 else { return nil }
                return .object([
                    ("before", .string(before)), ("after", .string(after)), ("area_m2", .number(area)),
                    ("area", .number(unit.fromSquareMetres(area))),
                ])
            }
        }
        var members: [(String, JSONValue)] = []
        if case .zone(let name) = matrix.scope { members.append(("zone", .string(name))) }
        members += [
            ("transitions", .array(cells)), ("not_in_after", perClass(matrix.notInAfter)),
            ("not_in_before", perClass(matrix.notInBefore)), ("before_totals", perClass(matrix.beforeTotals)),
            ("after_totals", perClass(matrix.afterTotals)),
            ("net_change", perClass(Dictionary(uniqueKeysWithValues: classes.map { ($0, matrix.netChange($0)) }))),
            ("union_area_m2", .number(matrix.unionArea)),
        ]
        return .object(members)
    }

    func overlapJSON(_ overlap: LayerOverlap) -> JSONValue {
        .object([
            ("features", .integer(overlap.features)), ("area_m2", .number(overlap.area)),
            ("example_ids", .array(overlap.exampleIds.map { .integer(Int($0)) })),
        ])
    }

    public func json() -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("before", .string(result.before.path)), ("before_layer", .string(result.beforeLayer)),
            ("before_crs", .string(result.beforeCRS)), ("after", .string(result.after.path)),
            ("after_layer", .string(result.afterLayer)), ("after_crs", .string(result.afterCRS)),
            ("class_field", .string(result.classField)), ("after_class_field", .string(result.afterClassField)),
            ("zones", result.zones.map { .string($0.source.path) } ?? .null),
            ("zone_field", result.zoneField.map(JSONValue.string) ?? .null),
            ("area_method", .string(result.method.description)), ("unit", .string(unit.rawValue)),
            ("classes", .array(result.classes.map(JSONValue.string))),
            ("rows", .array(result.matrices.filter { $0.scope != .outside }.map(matrixJSON))),
        ]
        if let outside = result.matrices.first(where: { $0.scope == .outside }) {
            members.append(("outside", matrixJSON(outside)))
        }
        members += [
            ("total", matrixJSON(result.total)),
            (
                "input",
                .object([
                    ("before_features_read", .integer(result.beforeFeatures)),
                    ("after_features_read", .integer(result.afterFeatures)),
                ])
            ),
            ("input_notes", InputNotesText.json(result.inputNotes)),
            (
                "overlaps",
                .object([("before", overlapJSON(result.beforeOverlap)), ("after", overlapJSON(result.afterOverlap))])
            ),
            ("zones_overlap", .bool(result.zones?.overlapping ?? false)),
            (
                "engine",
                .object([
                    ("pairs_inside_one_another", .integer(result.contained)),
                    ("overlays", .integer(result.intersected)), ("seconds", JSONValue.rounded(result.seconds, 3)),
                ])
            ),
        ]
        return .object(members)
    }

    /// The long rows, the square matrices and the notes as three sheets of an Excel workbook at `path`.
    public func xlsx(to path: String) throws {
        let area = Workbook.Column.Kind.number(decimals: unit.decimals)
        let long = Workbook.Sheet(
            name: "transitions",
            columns: [
                Workbook.Column("分区 zone", .text), Workbook.Column("前期 before", .text),
                Workbook.Column("后期 after", .text),
                Workbook.Column("面积 area m²", .number(decimals: AreaUnit.m2.decimals)),
                Workbook.Column("面积 area \(unit.symbolZh) \(unit.symbolEn)", area),
            ],
            rows: lines.map {
                [
                    .text($0.scope), .text($0.before), .text($0.after), .number($0.area),
                    .number(unit.fromSquareMetres($0.area)),
                ]
            })
        let classes = result.classes
        let square = Workbook.Sheet(
            name: "matrix",
            columns: [Workbook.Column("分区 zone", .text), Workbook.Column("前期\\后期 before \\ after", .text)]
                + (classes + [Self.notInAfter, "合计 total"]).map { Workbook.Column($0, area) },
            rows: scopes.flatMap { matrix -> [[Workbook.Cell]] in
                let scope = Workbook.Cell.text(StatsReport.label(matrix.scope))
                func area(_ value: Double?) -> Workbook.Cell { .number(unit.fromSquareMetres(value ?? 0)) }
                let rows = classes.map { before -> [Workbook.Cell] in
                    [scope, .text(before)] + classes.map { area(matrix.area(before, $0)) }
                        + [area(matrix.notInAfter[before]), area(matrix.beforeTotals[before])]
                }
                let notInBefore = classes.map { matrix.notInBefore[$0] ?? 0 }
                return rows + [
                    [scope, .text(Self.notInBefore)] + notInBefore.map(area) + [
                        .blank, area(notInBefore.reduce(0, +)),
                    ],
                    [scope, .text("合计 total")] + classes.map { area(matrix.afterTotals[$0]) }
                        + [area(matrix.notInAfter.values.reduce(0, +)), area(matrix.unionArea)],
                    [scope, .text("净变化 net change")] + classes.map { area(matrix.netChange($0)) }
                        + [.blank, area(matrix.afterArea - matrix.beforeArea)],
                ]
            })
        let notes = Workbook.Sheet.notes(footnotes().split(separator: "\n").map { String($0.dropFirst(2)) })
        try Workbook.write([long, square, notes], to: path)
    }
}
