import ArgumentParser
import Foundation
import Shelterbelt

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Area of a subject layer inside each zone of a zones layer.",
        discussion: """
            Areas are geodesic on the GRS80 ellipsoid (CGCS2000) unless --area planar:EPSG:nnnn is given. \
            Overlapping subject features are counted once (the overlap is reported). Invalid polygons are \
            repaired; null, empty and non-polygon features are skipped and counted.

            Example: treated patches per kongdui watershed and treatment type, in 亩:
              shelterbelt stats Layers/ordos/sample/patches.shp --zones Layers/ordos/kongdui.geojson \\
                --by treatment --unit mu

            \(ExitStatus.help(ExitStatus.reading))
            """
    )

    @Argument(help: "Subject polygons (Shapefile, GeoPackage, GeoJSON, File Geodatabase, KML, DXF …).")
    var subject: String

    @Option(help: "Zone polygons (watersheds, zones, parks, banners).")
    var zones: String

    @Option(help: "Field naming the zones (default: name_zh, name, NAME, 名称, zone or id).")
    var zoneField: String?

    @Option(help: "Subject field to split each zone by (land-use code, treatment type, year …).")
    var by: String?

    @OptionGroup var areas: AreaOptions

    @OptionGroup var edges: EdgesOption

    @OptionGroup var output: OutputOptions<StatsFormat>

    @OptionGroup var input: InputOptions

    @OptionGroup var threads: ThreadsOption

    @OptionGroup var flags: OutputFlags

    @OptionGroup var precision: PrecisionOption

    func run() throws {
        try reportingErrors {
            let request = StatsRequest(
                subject: input.subject(subject), zones: input.zones(zones), zoneField: zoneField, byField: by,
                method: try areas.method(), edges: edges.rule, threads: threads.count,
                progress: ProgressBar.callback(label: "measuring", quiet: flags.quiet))
            let report = StatsReport(try StatsEngine.run(request), unit: areas.unit)
            let text: String
            switch output.format {
            case .xlsx: return try report.xlsx(to: try output.file())
            case .csv: text = report.csv(byteOrderMark: flags.bom)
            case .json: text = report.json().serialized() + "\n"
            case .geojson: text = try report.geojson(precision: precision.decimals)
            case .table: text = report.table()
            }
            try Terminal.emit(text, to: output.path)
        }
    }
}
