import ArgumentParser
import Shelterbelt

struct LayersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "layers",
        abstract: "List or check the layers of a layer set (the bundled Ordos layout by default).",
        discussion: """
            list: each layer's id, kind, names, feature count, geodesic area and published area. \
            check: that each layer opens, has features, is in the manifest's CRS, has valid geometry; that \
            partitions have no overlaps and no gaps; that nothing lies outside the city; that measured areas are \
            within tolerance of the published ones. Exit status 65 when a check fails.
            """
    )

    enum Action: String, ExpressibleByArgument, CaseIterable { case list, check }

    @Argument(help: "list or check.")
    var action: Action = .list

    @OptionGroup var layerSet: LayerSetOption

    @Option(help: "table or json.")
    var format: String = "table"

    @Option(help: "Area unit: m2, ha, mu (亩), wan-mu (万亩) or km2.")
    var unit: String = "km2"

    @Option(name: .shortAndLong, help: "Output file (written atomically); default stdout.")
    var output: String?

    func validate() throws {
        guard ["table", "json"].contains(format) else { throw ValidationError("--format must be table or json") }
        guard AreaUnit(text: unit) != nil else { throw ValidationError("--unit must be m2, ha, mu, wan-mu or km2") }
    }

    func run() throws {
        var failed = false
        try reportingErrors {
            let set = try layerSet.load()
            let report = LayerReport(set, unit: AreaUnit(text: unit)!)
            let text: String
            switch action {
            case .list:
                let summaries = try LayerSummary.list(set)
                text = format == "json" ? report.listJSON(summaries).serialized() + "\n" : report.listTable(summaries)
            case .check:
                let results = try LayerCheck.run(set)
                failed = !results.allSatisfy(\.passed)
                text = format == "json" ? report.checkJSON(results).serialized() + "\n" : report.checkTable(results)
            }
            try Terminal.emit(text, to: output)
        }
        if failed { throw ExitCode(ShelterbeltError.Kind.badInput.rawValue) }
    }
}

/// Which layer set a command works on.
struct LayerSetOption: ParsableArguments {
    @Option(help: "Layer set: a folder holding layers.toml, or a manifest file (default: the bundled Layers/ordos).")
    var layers: String?

    func load() throws -> LayerSet { try LayerSet.load(layers) }
}
