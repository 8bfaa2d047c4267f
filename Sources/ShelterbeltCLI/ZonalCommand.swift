import ArgumentParser
import Foundation
import Shelterbelt

struct ZonalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zonal",
        abstract: "Raster land cover or values per zone, with exact cell coverage (as exactextract).",
        discussion: """
            Each cell counts by the exact fraction of it inside the zone, never by its centre. With \
            --categorical, the area of each class per zone, from the cells' true areas on the GRS80 ellipsoid; \
            otherwise the coverage-weighted statistics of --stats. Cells holding the band's nodata value (or \
            NaN) are left out and counted. Zones are read into the raster's CRS; the raster is never resampled.

            Example: land cover per kongdui watershed, in 亩:
              shelterbelt zonal landcover.tif --zones Layers/ordos/kongdui.geojson --categorical --unit mu

            \(ExitStatus.help(ExitStatus.reading))
            """
    )

    @Argument(help: "The raster (GeoTIFF, COG or any raster GDAL reads), north-up.")
    var raster: String

    @Option(help: "Zone polygons (watersheds, zones, parks, banners).")
    var zones: String

    @Option(help: "Field naming the zones (default: name_zh, name, NAME, 名称, zone or id).")
    var zoneField: String?

    @Flag(help: "Area per class per zone (a raster of integer classes, e.g. land cover).")
    var categorical = false

    @Option(
        help: ArgumentHelp(
            "Statistics of a continuous raster: mean, min, max, sum, count, stdev, median, pNN, coverage>=T.",
            valueName: "list"))
    var stats = "mean,min,max,count"

    @Option(help: "The band to read, from 1.")
    var band = 1

    @Option(help: "CRS of a raster that declares none, e.g. EPSG:4490.")
    var rasterAssumeCrs: String?

    @Option(help: "Area unit (also 亩, 万亩, m², 公顷, 平方公里).")
    var unit: AreaUnit = .ha

    @OptionGroup var output: OutputOptions<ZonalFormat>

    @OptionGroup var zonesOptions: ZonesOptions

    @OptionGroup var flags: OutputFlags

    func validate() throws {
        if band < 1 { throw ValidationError("--band counts from 1") }
    }

    func run() throws {
        try reportingErrors {
            let request = ZonalRequest(
                raster: RasterSource(path: raster, band: band, assumeCRS: rasterAssumeCrs),
                zones: zonesOptions.source(zones), zoneField: zoneField, categorical: categorical,
                statistics: categorical ? [] : try ZonalStatistic.list(stats))
            let report = ZonalReport(try ZonalEngine.run(request), unit: unit)
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
