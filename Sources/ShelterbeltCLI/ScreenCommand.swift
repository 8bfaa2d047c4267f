import ArgumentParser
import Foundation
import Shelterbelt

struct ScreenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screen",
        abstract: "Screen project sites against ecological red lines, reserves, corridors and other constraints.",
        discussion: """
            Each site gets a verdict — clear, advisory, conditional, restricted or forbidden: the worst severity \
            among the constraints it overlaps or comes within a rule's buffer_m of — with, for every constraint \
            feature met, its id and name, the overlap (m², 亩, share of the site) or the distance in metres. \
            Touching is not overlap; overlaps thinner than the rules' tolerance_m are reported as slivers and not \
            counted. Areas are geodesic (GRS80); distances are geodesic between the nearest points.

            SITES is any vector file GDAL reads (points and lines need --buffer) or a boundary-point coordinate \
            file (界址点坐标 .txt, as for 建设用地报批; GBK or UTF-8; X northing, Y easting).

            \(ExitStatus.help(ExitStatus.screening)) Success is every site clear, advisory or conditional; \
            sites without a usable geometry are listed as not screened and do not change the status.
            """
    )

    @Argument(
        help: ArgumentHelp(
            "Candidate sites: a vector layer (Shapefile, GeoPackage, GeoJSON, KML, DXF …) "
                + "or a 界址点坐标 .txt file."))
    var sites: String

    @Option(help: "Rules file (TOML) (default: the bundled Layers/ordos/screening-rules.toml).")
    var rules: String?

    @OptionGroup var buffer: BufferOption

    @Option(
        help:
            ArgumentHelp(
                "Field that labels the sites (default: site_id, id, code, 编号, name …, else the feature id; "
                    + "地块编号 for .txt)."))
    var siteIdField: String?

    @Option(
        help: ArgumentHelp(
            "Give every site this attribute value, e.g. project_type=PV for a .txt file (repeatable).",
            valueName: "field=value"))
    var siteValue: [String] = []

    @OptionGroup var output: OutputOptions<TableFormat>

    @Option(
        help: ArgumentHelp(
            "Write the conflict geometries (site ∩ constraint) here as RFC 7946 GeoJSON.", valueName: "file.geojson"))
    var conflicts: String?

    @Option(help: "Sites layer inside a multi-layer file (GeoPackage, File Geodatabase, KML).")
    var layer: String?

    @Option(
        help: ArgumentHelp(
            "Text encoding of a Shapefile (wins over its .cpg) or of a .txt file "
                + "(e.g. GBK; .txt files that are not UTF-8 are read as GBK).")
    )
    var encoding: String?

    @Option(
        help: ArgumentHelp(
            "CRS to read the sites in, e.g. EPSG:4524, or GCJ02 / BD09 for points copied from web maps "
                + "(for .txt files: only when the header has no 带号).")
    )
    var assumeCrs: String?

    @OptionGroup var threads: ThreadsOption

    @OptionGroup var edges: EdgesOption

    @OptionGroup var flags: OutputFlags

    func validate() throws {
        _ = try values()
    }

    func values() throws -> [String: String] {
        var values: [String: String] = [:]
        for item in siteValue {
            guard let equals = item.firstIndex(of: "="), equals != item.startIndex else {
                throw ValidationError("--site-value must be FIELD=VALUE, e.g. project_type=PV (not '\(item)')")
            }
            values[String(item[..<equals])] = String(item[item.index(after: equals)...])
        }
        return values
    }

    func run() throws {
        var worst = Verdict.clear
        try reportingErrors {
            var request = ScreeningRequest(
                sites: LayerSource(path: sites, layer: layer, encoding: encoding, assumeCRS: assumeCrs, role: .sites),
                rulesPath: rules ?? ScreeningRules.defaultPath,
                pointBufferM: buffer.metres, siteIDField: siteIdField, siteValues: try values(), threads: threads.count,
                progress: ProgressBar.callback(label: "screening", quiet: flags.quiet))
            request.edges = edges.rule
            let report = ScreeningReport(try SiteScreener.run(request))
            let text: String
            switch output.format {
            case .csv: text = report.csv(byteOrderMark: flags.bom)
            case .json: text = report.json().serialized() + "\n"
            case .table: text = report.table()
            }
            if let conflicts { try AtomicFile.write(try report.conflicts(), to: conflicts) }
            try Terminal.emit(text, to: output.path)
            worst = report.result.worst
        }
        switch worst {
        case .flagged(.forbidden): throw ExitCode(ExitStatus.forbidden.code)
        case .flagged(.restricted): throw ExitCode(ExitStatus.restricted.code)
        default: break
        }
    }
}
