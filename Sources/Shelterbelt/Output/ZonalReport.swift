import Foundation
import GeoKit

/// Renders a `ZonalResult` as a table, CSV, JSON or workbook, in one area unit. Categorical rasters give one row
/// per zone and class (`zone, class, area_m2, area_<unit>, share`); continuous ones one row per zone with a column
/// per statistic, named as `--stats` names it.
public struct ZonalReport {
    public let result: ZonalResult
    public let unit: AreaUnit

    public init(_ result: ZonalResult, unit: AreaUnit) { (self.result, self.unit) = (result, unit) }

    var categorical: Bool { result.request.categorical }
    var statistics: [ZonalStatistic] { result.request.statistics }

    func amount(_ squareMetres: Double) -> String {
        String(format: "%.\(unit.decimals)f", unit.fromSquareMetres(squareMetres))
    }

    /// A raster value as the class column shows it: integers without decimals.
    static func classText(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// The names `--classes` gives a value, if any.
    func names(_ value: Double) -> ClassTable.Names? {
        Int(exactly: value).flatMap { result.classes?.names[$0] }
    }

    /// A class as the table shows it: its value, then its names.
    func classLabel(_ value: Double) -> String {
        ([Self.classText(value)] + [names(value)?.text].compactMap { $0 }).joined(separator: " ")
    }

    /// A group as the table shows it: its names (or key), then its classes: "林地 forest = 2 + 3".
    static func groupLabel(_ group: ClassTable.Group) -> String {
        (group.names.text.isEmpty ? group.key : group.names.text) + " = "
            + group.classes.map(String.init).joined(separator: " + ")
    }

    static func statisticText(_ value: Double?) -> String { value.map { String(format: "%.6g", $0) } ?? "" }

    public func table() -> String {
        var table: TextTable
        if categorical {
            table = TextTable(
                header: ["zone 分区", "class 类别", "area 面积 (\(unit.symbolEn))", "share 占比"],
                rightAligned: [2, 3])
            for zone in result.zones {
                let rows =
                    zone.classes.map { (classLabel($0.value), $0.areaM2, $0.share) }
                    + zone.groups.map { (Self.groupLabel($0.group), $0.areaM2, $0.share) }
                for (index, row) in rows.enumerated() {
                    table.append([
                        index == 0 ? zone.name : "", row.0, amount(row.1), String(format: "%.2f%%", row.2 * 100),
                    ])
                }
            }
        } else {
            table = TextTable(
                header: ["zone 分区"] + statistics.map(\.description), rightAligned: Set(1...statistics.count))
            for zone in result.zones { table.append([zone.name] + zone.statistics.map(Self.statisticText)) }
        }
        return table.render() + footnotes().map { "# " + $0 }.joined(separator: "\n") + "\n"
    }

    /// What the figures rest on: the raster, its band and CRS, the coverage rule, and the cells without data.
    func footnotes() -> [String] {
        var lines = [
            "raster \(result.request.raster.path), band \(result.request.raster.band) (\(result.dataType)), "
                + "\(result.rasterCRS); each cell weighted by the exact fraction of it inside the zone"
                + (categorical ? "; areas on the GRS80 ellipsoid, shares of the zone's area with data" : "")
        ]
        if let classes = result.classes { lines.append("class names and groups from \(classes.file)") }
        for zone in result.zones where zone.noDataCells > 0 {
            lines.append(
                "zone \(zone.name): \(zone.noDataCells) cells without data (nodata "
                    + "\(result.noData.map(Self.classText) ?? "NaN")) left out, \(amount(zone.noDataAreaM2)) "
                    + "\(unit.symbolEn) of the zone")
        }
        for zone in result.zones where zone.dataAreaM2 == 0 && zone.noDataCells == 0 {
            lines.append("zone \(zone.name): outside the raster")
        }
        return lines + InputNotesText.lines(result.inputNotes)
    }

    public func csv(byteOrderMark: Bool = false) -> String {
        var csv: CSVText
        let width: Int
        if categorical {
            // With --classes, each class's names follow its value; a group's row has its key as its class.
            let named = result.classes != nil
            csv = CSVText(
                header: ["zone", "class"] + (named ? ["name_zh", "name_en"] : [])
                    + ["area_m2", "area_\(unit.rawValue)", "share"])
            func row(_ zone: String, _ name: String, _ names: ClassTable.Names?, _ areaM2: Double, _ share: Double) {
                csv.append(
                    [zone, name] + (named ? [names?.zh ?? "", names?.en ?? ""] : [])
                        + [String(format: "%.3f", areaM2), amount(areaM2), String(format: "%.6f", share)])
            }
            for zone in result.zones {
                for area in zone.classes {
                    row(zone.name, Self.classText(area.value), names(area.value), area.areaM2, area.share)
                }
                for group in zone.groups {
                    row(zone.name, group.group.key, group.group.names, group.areaM2, group.share)
                }
            }
            width = named ? 7 : 5
        } else {
            csv = CSVText(header: ["zone"] + statistics.map(\.description))
            for zone in result.zones {
                csv.append([zone.name] + zone.statistics.map { $0.map { String($0) } ?? "" })
            }
            width = statistics.count + 1
        }
        // The notes follow the rows, each in the first cell, as in `stats`.
        for line in footnotes() { csv.append(["# " + line] + Array(repeating: "", count: width - 1)) }
        return csv.render(byteOrderMark: byteOrderMark)
    }

    static func namesJSON(_ names: ClassTable.Names?) -> [(String, JSONValue)] {
        [("name_zh", names?.zh), ("name_en", names?.en)].compactMap { key, name in name.map { (key, .string($0)) } }
    }

    func figuresJSON(_ areaM2: Double, cells: Double, share: Double) -> [(String, JSONValue)] {
        [
            ("area_m2", .number(areaM2)), ("area", .number(unit.fromSquareMetres(areaM2))), ("cells", .number(cells)),
            ("share", .number(share)),
        ]
    }

    func zoneJSON(_ zone: ZonalResult.Zone) -> JSONValue {
        var members: [(String, JSONValue)] = [("zone", .string(zone.name))]
        if categorical {
            members.append(
                (
                    "classes",
                    .array(
                        zone.classes.map {
                            .object(
                                [("class", .number($0.value))] + Self.namesJSON(names($0.value))
                                    + figuresJSON($0.areaM2, cells: $0.cells, share: $0.share))
                        })
                ))
            if result.classes != nil {
                members.append(
                    (
                        "groups",
                        .array(
                            zone.groups.map {
                                .object(
                                    [
                                        ("group", .string($0.group.key)),
                                        ("classes", .array($0.group.classes.map(JSONValue.integer))),
                                    ] + Self.namesJSON($0.group.names)
                                        + figuresJSON($0.areaM2, cells: $0.cells, share: $0.share))
                            })
                    ))
            }
        } else {
            members += zip(statistics, zone.statistics).map { ($0.description, $1.map(JSONValue.number) ?? .null) }
        }
        members += [
            ("data_area_m2", .number(zone.dataAreaM2)), ("nodata_area_m2", .number(zone.noDataAreaM2)),
            ("nodata_cells", .integer(zone.noDataCells)),
        ]
        return .object(members)
    }

    public func json() -> JSONValue {
        .object([
            ("raster", .string(result.request.raster.path)), ("band", .integer(result.request.raster.band)),
            ("data_type", .string(result.dataType)), ("raster_crs", .string(result.rasterCRS)),
            ("nodata", result.noData.map(JSONValue.number) ?? .null),
            ("zones_file", .string(result.request.zones.path)),
            ("classes_file", result.classes.map { .string($0.file) } ?? .null), ("unit", .string(unit.rawValue)),
            ("zones", .array(result.zones.map(zoneJSON))), ("notes", InputNotesText.json(result.inputNotes)),
        ])
    }

    /// One sheet of figures at full precision, shown with the unit's decimals (with `--classes`, the classes'
    /// names and a sheet of the groups), and one of notes.
    public func xlsx(to path: String) throws {
        var sheets: [Workbook.Sheet] = []
        let areaColumns = [
            Workbook.Column("面积 area m²", .number(decimals: AreaUnit.m2.decimals)),
            Workbook.Column("面积 area \(unit.symbolZh) \(unit.symbolEn)", .number(decimals: unit.decimals)),
            Workbook.Column("占比 share", .percent(decimals: 2)),
        ]
        func areaCells(_ areaM2: Double, _ share: Double) -> [Workbook.Cell] {
            [.number(areaM2), .number(unit.fromSquareMetres(areaM2)), .number(share)]
        }
        let nameColumns = [Workbook.Column("名称 name_zh", .text), Workbook.Column("name_en", .text)]
        func nameCells(_ names: ClassTable.Names?) -> [Workbook.Cell] {
            [names?.zh.map(Workbook.Cell.text) ?? .blank, names?.en.map(Workbook.Cell.text) ?? .blank]
        }
        let named = result.classes != nil
        if categorical {
            let columns =
                [Workbook.Column("分区 zone", .text), Workbook.Column("类别 class", .integer)]
                + (named ? nameColumns : []) + areaColumns
            let rows = result.zones.flatMap { zone in
                zone.classes.map {
                    [.text(zone.name), .number($0.value)] + (named ? nameCells(names($0.value)) : [])
                        + areaCells($0.areaM2, $0.share)
                }
            }
            sheets.append(Workbook.Sheet(name: "zonal", columns: columns, rows: rows))
            if named {
                let groupColumns =
                    [Workbook.Column("分区 zone", .text), Workbook.Column("类组 group", .text)] + nameColumns
                    + [Workbook.Column("类别 classes", .text)] + areaColumns
                let groupRows = result.zones.flatMap { zone in
                    zone.groups.map {
                        [.text(zone.name), .text($0.group.key)] + nameCells($0.group.names)
                            + [.text($0.group.classes.map(String.init).joined(separator: " + "))]
                            + areaCells($0.areaM2, $0.share)
                    }
                }
                sheets.append(Workbook.Sheet(name: "groups", columns: groupColumns, rows: groupRows))
            }
        } else {
            // Statistics keep their own magnitude (NDVI means, counts of cells): shown as given.
            let columns =
                [Workbook.Column("分区 zone", .text)]
                + statistics.map { Workbook.Column($0.description, .number(decimals: nil)) }
            let rows = result.zones.map { zone in
                [.text(zone.name)] + zone.statistics.map { $0.map(Workbook.Cell.number) ?? .blank }
            }
            sheets.append(Workbook.Sheet(name: "zonal", columns: columns, rows: rows))
        }
        try Workbook.write(sheets + [.notes(footnotes())], to: path)
    }
}
