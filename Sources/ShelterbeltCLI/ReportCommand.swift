import ArgumentParser
import Foundation
import Shelterbelt

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract:
            "The main job: one folder with an HTML report, tables (CSV, XLSX), patches.gpkg, GeoJSON and summary.json.",
        discussion: """
            Measures the treated patches by 五区, 三区, the kongdui watersheds, the parks and the banners (stats \
            engine, geodesic areas), their progress toward the plan targets, and screens the candidate sites; \
            then writes into --out: report.html (self-contained: figures, target progress bars, maps as inline \
            SVG, tables; Chinese, or English with --lang en), summary.json (every figure; the page and the tables \
            are printed from it), report.xlsx and tables/*.csv (Chinese headers), patches.gpkg (the patches with \
            their attributes and area, WGS84) and geojson/*.geojson (RFC 7946: layout layers, zone statistics, \
            sites, conflict geometries). The folder is built beside --out \
            and renamed into place; an existing --out is replaced only if it is empty or an earlier report.

            \(ExitStatus.help(ExitStatus.report)) The sites' verdicts are in the report and do not change the \
            status (screen returns 2 and 3).
            """
    )

    @OptionGroup var layerSet: LayerSetOption

    @Option(
        help: ArgumentHelp(
            "Treated patches (Shapefile, GeoPackage, GeoJSON …) "
                + "(default: the bundled sample, Layers/ordos/sample/patches.shp).")
    )
    var subject: String?

    @Option(
        help: ArgumentHelp(
            "Candidate sites to screen (any vector file, or a 界址点坐标 .txt); 'none' for no screening "
                + "(default: Layers/ordos/sample/sites.geojson).")
    )
    var sites: String?

    @Option(help: "Targets file (default: targets.toml beside the layer manifest).")
    var targets: String?

    @Option(help: "Screening rules (default: screening-rules.toml beside the layer manifest).")
    var rules: String?

    @Option(name: .long, help: "Output folder.")
    var out: String = "report"

    @Option(help: "Language of the HTML report (tables always have Chinese headers).")
    var lang: ReportLanguage = .zh

    @Option(help: "Area unit (also 亩, 万亩, m², 公顷, 平方公里).")
    var unit: AreaUnit = .mu

    @OptionGroup var precision: PrecisionOption

    @Option(help: "Date to judge target deadlines at, YYYY-MM-DD (default: today).")
    var asOf: String?

    @Option(
        help: ArgumentHelp(
            "Field that splits the figures and colours the patches: a field name of the targets (mapped by --field) "
                + "or of the subject (default: treatment, left out when the subject has none)."))
    var by: String?

    @OptionGroup var fieldMapping: FieldMappingOptions

    @OptionGroup var buffer: BufferOption

    @OptionGroup var input: SubjectOptions

    @OptionGroup var threads: ThreadsOption

    @OptionGroup var edges: EdgesOption

    @OptionGroup var flags: OutputFlags

    func validate() throws {
        if let asOf, PlanDate(text: asOf) == nil {
            throw ValidationError("--as-of must be a date YYYY-MM-DD, not '\(asOf)'")
        }
    }

    func run() throws {
        try reportingErrors { try makeReport() }
    }

    func makeReport() throws {
        var progress: (@Sendable (String) -> Void)?
        if !flags.quiet && Terminal.stderrIsTerminal { progress = { @Sendable step in Terminal.note(step) } }
        let source = input.source(subject ?? ReportRequest.defaultSubject)
        let sites = self.sites ?? ReportRequest.defaultSites
        var request = ReportRequest(
            layers: layerSet.layers, subject: source, sites: sites == "none" ? nil : LayerSource(path: sites),
            targets: targets, rules: rules, pointBufferM: buffer.metres, byField: by, unit: unit,
            language: lang, precision: precision.decimals, byteOrderMark: flags.bom,
            asOf: asOf.flatMap(PlanDate.init(text:)) ?? .today, threads: threads.count, progress: progress)
        request.edges = edges.rule
        request.fieldMapping = try fieldMapping.load()
        let outcome = try Report.run(request, out: out)
        var table = TextTable(header: ["figure 指标", "value 数值", "unit 单位"], rightAligned: [1])
        for figure in outcome.summary.overview {
            let unit = [figure.unitEn, figure.unitZh].filter { !$0.isEmpty }.joined(separator: " ")
            table.append(["\(figure.en) \(figure.zh)", Self.text(figure.value), unit])
        }
        let csv = outcome.files.filter { $0.hasSuffix(".csv") }.count
        let geojson = outcome.files.filter { $0.hasSuffix(".geojson") }.count
        let text =
            "report written to \(out)/: \(Report.htmlFile), \(Report.summaryFile), \(Report.workbookFile), "
            + "\(Report.patchesFile), \(csv) tables in \(Report.tablesFolder)/, "
            + "\(geojson) GeoJSON files in \(Report.geojsonFolder)/\n\n"
            + table.render()
        try Terminal.emit(text, to: nil)
    }

    static func text(_ value: JSONValue) -> String {
        switch value {
        case .integer(let number): String(number)
        case .number(let number): "\(number)"
        case .string(let text): text
        default: ""
        }
    }
}
