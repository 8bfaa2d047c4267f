import ArgumentParser
import Foundation
import Shelterbelt

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The main job: one folder with an HTML report, tables (CSV, XLSX), GeoJSON and summary.json.",
        discussion: """
            Measures the treated patches by 五区, 三区, the kongdui watersheds, the parks and the banners (stats \
            engine, geodesic areas), their progress toward the plan targets, and screens the candidate sites; \
            then writes into --out: report.html (self-contained: figures, target progress bars, maps as inline \
            SVG, tables; Chinese, or English with --lang en), summary.json (every figure; the page and the tables \
            are printed from it), report.xlsx and tables/*.csv (Chinese headers), and geojson/*.geojson (RFC 7946: \
            layout layers, patches, zone statistics, sites, conflict geometries). The folder is built beside --out \
            and renamed into place; an existing --out is replaced only if it is empty or an earlier report.
            """
    )

    @OptionGroup var layerSet: LayerSetOption

    @Option(
        help:
            "Treated patches (Shapefile, GeoPackage, GeoJSON …) (default: the bundled sample, Layers/ordos/sample/patches.shp)."
    )
    var subject: String?

    @Option(
        help:
            "Candidate sites to screen (any vector file, or a 界址点坐标 .txt); 'none' for no screening (default: Layers/ordos/sample/sites.geojson)."
    )
    var sites: String?

    @Option(help: "Targets file (default: targets.toml beside the layer manifest).")
    var targets: String?

    @Option(help: "Screening rules (default: screening-rules.toml beside the layer manifest).")
    var rules: String?

    @Option(name: .long, help: "Output folder.")
    var out: String = "report"

    @Option(help: "Language of the HTML report: zh or en (tables always have Chinese headers).")
    var lang: String = "zh"

    @Option(help: "Area unit: mu (亩), wan-mu (万亩), ha, km2 or m2.")
    var unit: String = "mu"

    @Option(help: "GeoJSON coordinate decimals (6 ≈ 0.1 m).")
    var precision: Int = 6

    @Flag(help: "CSV: start with the byte-order mark Excel needs for Chinese text.")
    var bom = false

    @Option(help: "Date to judge target deadlines at, YYYY-MM-DD (default: today).")
    var asOf: String?

    @Option(help: "Subject field that splits the figures and colours the patches.")
    var by: String = "treatment"

    @Option(help: ArgumentHelp("Screen the area within METRES of point and line sites.", valueName: "metres"))
    var buffer: Double?

    @OptionGroup var input: SubjectOptions

    @OptionGroup var threads: ThreadsOption

    @OptionGroup var edges: EdgesOption

    @Flag(help: "No progress lines.")
    var quiet = false

    func validate() throws {
        guard ReportLanguage(rawValue: lang) != nil else { throw ValidationError("--lang must be zh or en") }
        guard AreaUnit(text: unit) != nil else { throw ValidationError("--unit must be mu, wan-mu, ha, km2 or m2") }
        guard (0...15).contains(precision) else { throw ValidationError("--precision must be 0 to 15") }
        if let asOf, PlanDate(text: asOf) == nil {
            throw ValidationError("--as-of must be a date YYYY-MM-DD, not '\(asOf)'")
        }
        if let buffer {
            guard buffer > 0, buffer.isFinite else {
                throw ValidationError("--buffer must be a distance in metres > 0")
            }
        }
    }

    func run() throws {
        try reportingErrors { try makeReport() }
    }

    func makeReport() throws {
        var progress: (@Sendable (String) -> Void)?
        if !quiet && Terminal.stderrIsTerminal { progress = { @Sendable step in Terminal.note(step) } }
        let source = input.source(subject ?? ReportRequest.defaultSubject)
        let sites = self.sites ?? ReportRequest.defaultSites
        var request = ReportRequest(
            layers: layerSet.layers, subject: source, sites: sites == "none" ? nil : LayerSource(path: sites),
            targets: targets, rules: rules, pointBufferM: buffer, byField: by, unit: AreaUnit(text: unit)!,
            language: ReportLanguage(rawValue: lang)!, precision: precision, byteOrderMark: bom,
            asOf: asOf.flatMap(PlanDate.init(text:)) ?? .today, threads: threads.count, progress: progress)
        request.edges = edges.rule
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
            + "\(csv) tables in \(Report.tablesFolder)/, \(geojson) GeoJSON files in \(Report.geojsonFolder)/\n\n"
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
