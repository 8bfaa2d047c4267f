import ArgumentParser
import Shelterbelt

/// How to open the subject and zone layers.
struct InputOptions: ParsableArguments {
    @OptionGroup var subjectOptions: SubjectOptions

    @Option(help: "Zones layer inside a multi-layer file.")
    var zonesLayer: String?

    @Option(help: "Zones Shapefile attribute encoding when it has no .cpg.")
    var zonesEncoding: String?

    @Option(help: "CRS of a zones layer that declares none.")
    var zonesAssumeCrs: String?

    func subject(_ path: String) -> LayerSource { subjectOptions.source(path) }

    func zones(_ path: String) -> LayerSource {
        LayerSource(path: path, layer: zonesLayer, encoding: zonesEncoding, assumeCRS: zonesAssumeCrs)
    }
}
