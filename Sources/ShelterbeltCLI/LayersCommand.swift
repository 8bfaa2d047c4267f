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
            within tolerance of the published ones. A failed check is exit status 65.

            \(ExitStatus.help(ExitStatus.reading))
            """
    )

    enum Action: String, ExpressibleByArgument, CaseIterable { case list, check }

    @Argument(help: "list or check.")
    var action: Action = .list

    @OptionGroup var layerSet: LayerSetOption

    @OptionGroup var output: OutputOptions<LayersFormat>

    @Option(help: "Area unit (also 亩, 万亩, m², 公顷, 平方公里).")
    var unit: AreaUnit = .km2

    func run() throws {
        var failed = false
        try reportingErrors {
            let set = try layerSet.load()
            let report = LayerReport(set, unit: unit)
            let text: String
            switch action {
            case .list:
                let summaries = try LayerSummary.list(set)
                let json = output.format == .json
                text = json ? report.listJSON(summaries).serialized() + "\n" : report.listTable(summaries)
            case .check:
                let results = try LayerCheck.run(set)
                failed = !results.allSatisfy(\.passed)
                let json = output.format == .json
                text = json ? report.checkJSON(results).serialized() + "\n" : report.checkTable(results)
            }
            try Terminal.emit(text, to: output.path)
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
