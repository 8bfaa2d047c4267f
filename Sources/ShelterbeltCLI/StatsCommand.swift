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
              shelterbelt stats Layers/ordos/sample/patches.shp --zones Layers/ordos/kongdui.geojson --by treatment --unit mu

            Exit status: 0 success; 64 the command line is wrong (or -o names an input); 65 an input cannot be used \
            (corrupt, no or impossible CRS, unusable geometry, undeclared non-UTF-8 text); 66 an input cannot be \
            opened; 73 an output cannot be created; 74 writing an output failed (disk full, closed stdout).
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

    @Option(help: "Area unit: m2, ha, mu (亩), wan-mu (万亩) or km2.")
    var unit: String = "ha"

    @Option(help: "geodesic (GRS80 ellipsoid) or planar:EPSG:nnnn (a projected CRS).")
    var area: String = "geodesic"

    @OptionGroup var edges: EdgesOption

    @Option(help: "table, csv, json, geojson or xlsx (an Excel workbook; needs -o).")
    var format: String = "table"

    @Option(name: .shortAndLong, help: "Output file (written atomically); default stdout.")
    var output: String?

    @OptionGroup var input: InputOptions

    @OptionGroup var threads: ThreadsOption

    @Flag(help: "CSV: start with the byte-order mark Excel needs for Chinese text.")
    var bom = false

    @Option(help: "GeoJSON coordinate decimals.")
    var precision: Int = 6

    @Flag(help: "No progress bar.")
    var quiet = false

    func validate() throws {
        guard ["table", "csv", "json", "geojson", "xlsx"].contains(format) else {
            throw ValidationError("--format must be table, csv, json, geojson or xlsx")
        }
        if format == "xlsx" && output == nil {
            throw ValidationError("--format xlsx writes a workbook: name it with -o FILE.xlsx")
        }
        guard AreaUnit(text: unit) != nil else { throw ValidationError("--unit must be m2, ha, mu, wan-mu or km2") }
        guard (0...15).contains(precision) else { throw ValidationError("--precision must be 0 to 15") }
    }

    func run() throws {
        try reportingErrors {
            let request = StatsRequest(
                subject: input.subject(subject), zones: input.zones(zones), zoneField: zoneField, byField: by,
                method: try AreaMethod(text: area), edges: edges.rule, threads: threads.count,
                progress: ProgressBar.callback(label: "measuring", quiet: quiet))
            let report = StatsReport(try StatsEngine.run(request), unit: AreaUnit(text: unit)!)
            if format == "xlsx", let output { return try report.xlsx(to: output) }
            let text: String
            switch format {
            case "csv": text = report.csv(byteOrderMark: bom)
            case "json": text = report.json().serialized() + "\n"
            case "geojson": text = try report.geojson(precision: precision)
            default: text = report.table()
            }
            try Terminal.emit(text, to: output)
        }
    }
}
