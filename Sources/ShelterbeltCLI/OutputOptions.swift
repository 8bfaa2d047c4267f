import ArgumentParser

/// Where a command writes its result and in which format: shared by stats, targets, screen and layers.
struct OutputOptions<Format: OutputFormat>: ParsableArguments {
    @Option(help: ArgumentHelp(Format.help))
    var format: Format = .table

    @Option(
        name: [.customShort("o"), .customLong("output")],
        help: ArgumentHelp("Output file (written atomically); default stdout.", valueName: "file"))
    var path: String?

    func validate() throws {
        if format.needsFile { _ = try file() }
    }

    /// The output file of a format that cannot go to standard output.
    func file() throws -> String {
        guard let path else {
            throw ValidationError("--format \(format.rawValue) writes a file: name it with -o FILE.\(format.rawValue)")
        }
        return path
    }
}
