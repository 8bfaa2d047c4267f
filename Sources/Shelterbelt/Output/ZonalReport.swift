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

    static func statisticText(_ value: Double?) -> String { value.map { String(format: "%.6g", $0) } ?? "" }

    public func table() -> String {
        var table: TextTable
        if categorical {
            table = TextTable(
                header: ["zone 分区", "class 类别", "area 面积 (\(unit.symbolEn))", "share 占比"],
                rightAligned: [2, 3])
            for zone in result.zones {
                for (index, area) in zone.classes.enumerated() {
                    table.append([
                        index == 0 ? zone.name : "", Self.classText(area.value), amount(area.areaM2),
                        String(format: "%.2f%%", area.share * 100),
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
            csv = CSVText(header: ["zone", "class", "area_m2", "area_\(unit.rawValue)", "share"])
            for zone in result.zones {
                for area in zone.classes {
                    csv.append([
                        zone.name, Self.classText(area.value), String(format: "%.3f", area.areaM2),
                        amount(area.areaM2), String(format: "%.6f", area.share),
                    ])
                }
            }
            width = 5
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

    func zoneJSON(_ zone: ZonalResult.Zone) -> JSONValue {
        var members: [(String, JSONValue)] = [("zone", .string(zone.name))]
        if categorical {
            members.append(
                (
                    "classes",
                    .array(
                        zone.classes.map {
                            .object([
                                ("class", .number($0.value)), ("area_m2", .number($0.areaM2)),
                                ("area", .number(unit.fromSquareMetres($0.areaM2))), ("cells", .number($0.cells)),
                                ("share", .number($0.share)),
                            ])
                        })
                ))
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
            ("zones_file", .string(result.request.zones.path)), ("unit", .string(unit.rawValue)),
            ("zones", .array(result.zones.map(zoneJSON))), ("notes", InputNotesText.json(result.inputNotes)),
        ])
    }

    /// One sheet of figures at full precision (shown with the unit's decimals) and one of notes.
    public func xlsx(to path: String) throws {
        let columns: [Workbook.Column]
        var rows: [[Workbook.Cell]] = []
        if categorical {
            columns = [
                Workbook.Column("分区 zone", .text), Workbook.Column("类别 class", .integer),
                Workbook.Column("面积 area m²", .number(decimals: AreaUnit.m2.decimals)),
                Workbook.Column(
                    "面积 area \(unit.symbolZh) \(unit.symbolEn)", .number(decimals: unit.decimals)),
                Workbook.Column("占比 share", .percent(decimals: 2)),
            ]
            for zone in result.zones {
                rows += zone.classes.map {
                    [
                        .text(zone.name), .number($0.value), .number($0.areaM2),
                        .number(unit.fromSquareMetres($0.areaM2)), .number($0.share),
                    ]
                }
            }
        } else {
            // Statistics keep their own magnitude (NDVI means, counts of cells): shown as given.
            columns =
                [Workbook.Column("分区 zone", .text)]
                + statistics.map { Workbook.Column($0.description, .number(decimals: nil)) }
            rows = result.zones.map { zone in
                [.text(zone.name)] + zone.statistics.map { $0.map(Workbook.Cell.number) ?? .blank }
            }
        }
        try Workbook.write(
            [Workbook.Sheet(name: "zonal", columns: columns, rows: rows), .notes(footnotes())], to: path)
    }
}
