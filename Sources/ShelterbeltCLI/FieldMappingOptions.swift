import ArgumentParser
import Shelterbelt

/// How a bureau's subject maps onto the field names and values the targets use: shared by targets and report.
struct FieldMappingOptions: ParsableArguments {
    @Option(
        name: .customLong("field"),
        help: ArgumentHelp(
            "NAME=FIELD: the subject's FIELD holds what the targets call NAME, e.g. treatment=CSLX (repeatable).",
            valueName: "name=field"))
    var fields: [String] = []

    @Option(
        name: .customLong("value"),
        help: ArgumentHelp(
            "NAME:CODE=VALUE: the subject's CODE in NAME's field means VALUE, e.g. treatment:01=人工造林 (repeatable).",
            valueName: "name:code=value"))
    var values: [String] = []

    @Option(
        help: ArgumentHelp(
            "Mapping file: TOML with [fields] NAME = \"FIELD\" and [values.NAME] \"CODE\" = \"VALUE\"; "
                + "--field and --value win over it.",
            valueName: "file"))
    var mapping: String?

    /// The mapping file's mapping, then the command line's on top.
    func load() throws -> FieldMapping {
        var result = try mapping.map(FieldMapping.load) ?? FieldMapping()
        for field in fields { try result.mapField(field) }
        for value in values { try result.mapValue(value) }
        return result
    }
}
