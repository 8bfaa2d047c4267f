import ArgumentParser
import Foundation
import Shelterbelt

struct TargetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "targets",
        abstract: "Progress of treated patches toward the plans' area targets.",
        discussion: """
            For each area target of the targets file: the area of the subject patches that count toward it \
            (count_field/count_values, and treatment year within the period when year_field is set) inside its \
            scope, measured by the stats engine; progress = (baseline + measured) / target; remaining; and the \
            deadline status (met, on track, behind, overdue, in progress) as of --as-of. Output targets are \
            listed with their source but are not measurable from geometry.
            """
    )

    @Option(help: "Treated patches (Shapefile, GeoPackage, GeoJSON …).")
    var subject: String

    @OptionGroup var layerSet: LayerSetOption

    @Option(help: "Targets file (default: targets.toml beside the layer manifest).")
    var targets: String?

    @Option(help: "Date to judge deadlines at, YYYY-MM-DD (default: today).")
    var asOf: String?

    @Option(help: "table, csv or json.")
    var format: String = "table"

    @Option(name: .shortAndLong, help: "Output file (written atomically); default stdout.")
    var output: String?

    @OptionGroup var input: SubjectOptions

    @OptionGroup var threads: ThreadsOption

    @OptionGroup var edges: EdgesOption

    @Flag(help: "CSV: start with the byte-order mark Excel needs for Chinese text.")
    var bom = false

    @Flag(help: "No progress bar.")
    var quiet = false

    func validate() throws {
        guard ["table", "csv", "json"].contains(format) else {
            throw ValidationError("--format must be table, csv or json")
        }
        if let asOf, PlanDate(text: asOf) == nil {
            throw ValidationError("--as-of must be a date YYYY-MM-DD, not '\(asOf)'")
        }
    }

    func run() throws {
        try reportingErrors {
            let set = try layerSet.load()
            let measurement = try TargetMeasurement.measure(
                try Targets.load(targets, layers: set), layers: set,
                subject: input.source(subject),
                asOf: asOf.flatMap(PlanDate.init(text:)) ?? .today, edges: edges.rule, threads: threads.count,
                progress: ProgressBar.callback(label: "measuring", quiet: quiet))
            let report = TargetReport(measurement)
            let text: String
            switch format {
            case "csv": text = report.csv(byteOrderMark: bom)
            case "json": text = report.json().serialized() + "\n"
            default: text = report.table()
            }
            try Terminal.emit(text, to: output)
        }
    }
}
