import ArgumentParser
import Foundation
import Shelterbelt

struct ChangeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "change",
        abstract: "Land-use transition matrix (土地利用转移矩阵) of two survey dates, per zone.",
        discussion: """
            For each zone and in total: the area of every (before class, after class) pair, each layer's area per \
            class, the net change per class, and the area only one layer covers. Areas are geodesic on the GRS80 \
            ellipsoid (CGCS2000) unless --area planar:EPSG:nnnn is given. Where features of one layer overlap, the \
            shared area counts once, for the first feature (reported). Invalid polygons are repaired; null, empty \
            and non-polygon features are skipped and counted.

            Example: land-use change 2020 → 2025 per kongdui watershed, in 亩:
              shelterbelt change dltb2020.shp dltb2025.gpkg --class-field DLMC \\
                --zones Layers/ordos/kongdui.geojson --unit mu

            \(ExitStatus.help(ExitStatus.reading))
            """
    )

    @Argument(help: "Land use at the earlier date (polygons, any format GDAL reads).")
    var before: String

    @Argument(help: "Land use at the later date.")
    var after: String

    @Option(help: "Field holding each feature's class (land-use code or name).")
    var classField: String

    @Option(help: "AFTER's class field, when its name differs from --class-field.")
    var afterClassField: String?

    @Option(help: "Zone polygons to split the matrix by (watersheds, zones, parks, banners).")
    var zones: String?

    @Option(help: "Field naming the zones (default: name_zh, name, NAME, 名称, zone or id).")
    var zoneField: String?

    @OptionGroup var areas: AreaOptions

    @Option(
        help: ArgumentHelp(
            "Write the pieces whose class changed (before, after, zone, area) to FILE.",
            discussion: "FILE.gpkg (GeoPackage, in the working CRS) or FILE.geojson (RFC 7946, WGS84 lon/lat).",
            valueName: "FILE"))
    var changes: String?

    @OptionGroup var edges: EdgesOption

    @OptionGroup var output: OutputOptions<ChangeFormat>

    @OptionGroup var layers: ChangeLayerOptions

    @OptionGroup var zonesOptions: ZonesOptions

    @OptionGroup var threads: ThreadsOption

    @OptionGroup var flags: OutputFlags

    func validate() throws {
        if zones == nil, zoneField != nil { throw ValidationError("--zone-field needs --zones") }
        if let changes, ChangeGeometryFile.kind(of: changes) == nil {
            throw ValidationError("--changes writes FILE.gpkg or FILE.geojson, not \(changes)")
        }
    }

    func run() throws {
        try reportingErrors {
            let request = ChangeRequest(
                before: layers.before(before), after: layers.after(after), classField: classField,
                afterClassField: afterClassField, zones: zones.map(zonesOptions.source), zoneField: zoneField,
                method: try areas.method(), edges: edges.rule, threads: threads.count,
                keepChanges: changes != nil, progress: ProgressBar.callback(label: "comparing", quiet: flags.quiet))
            let report = ChangeReport(try ChangeEngine.run(request), unit: areas.unit)
            if let changes, let kind = ChangeGeometryFile.kind(of: changes) {
                try ChangeGeometryFile.write(report, to: changes, kind: kind)
            }
            let text: String
            switch output.format {
            case .xlsx: return try report.xlsx(to: try output.file())
            case .csv: text = report.csv(byteOrderMark: flags.bom)
            case .json: text = report.json().serialized() + "\n"
            case .table: text = report.table()
            }
            try Terminal.emit(text, to: output.path)
        }
    }
}
