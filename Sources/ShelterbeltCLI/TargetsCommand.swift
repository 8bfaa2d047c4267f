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
            listed with their source but are not measurable from geometry. A bureau's layer with its own field \
            names and codes is read through --field, --value or --mapping; a target whose field the subject lacks \
            is listed as not measurable, with the reason, and the others are measured.

            \(ExitStatus.help(ExitStatus.reading))
            """
    )

    @Option(help: "Treated patches (Shapefile, GeoPackage, GeoJSON …).")
    var subject: String

    @OptionGroup var layerSet: LayerSetOption

    @Option(help: "Targets file (default: targets.toml beside the layer manifest).")
    var targets: String?

    @Option(help: "Date to judge deadlines at, YYYY-MM-DD (default: today).")
    var asOf: String?

    @OptionGroup var fieldMapping: FieldMappingOptions

    @OptionGroup var output: OutputOptions<TableFormat>

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
        try reportingErrors {
            let set = try layerSet.load()
            let measurement = try TargetMeasurement.measure(
                try Targets.load(targets, layers: set), layers: set,
                subject: input.source(subject), mapping: try fieldMapping.load(),
                asOf: asOf.flatMap(PlanDate.init(text:)) ?? .today, edges: edges.rule, threads: threads.count,
                progress: ProgressBar.callback(label: "measuring", quiet: flags.quiet))
            let report = TargetReport(measurement)
            let text: String
            switch output.format {
            case .csv: text = report.csv(byteOrderMark: flags.bom)
            case .json: text = report.json().serialized() + "\n"
            case .table: text = report.table()
            }
            try Terminal.emit(text, to: output.path)
        }
    }
}
