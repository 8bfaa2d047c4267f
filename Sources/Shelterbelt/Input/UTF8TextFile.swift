/// A configuration file (a TOML layer manifest, targets or screening rules) read whole, through the bounded line
/// reader: at most 4 MiB, lines under 64 KiB, and a byte that is not UTF-8 is an error naming its line and offset.
enum UTF8TextFile {
    static let limit = 4 * 1_048_576

    /// The text, lines joined with LF so that TOML's line numbers stay the file's.
    static func read(_ path: String, format: String = "TOML") throws -> String {
        let lines = try TextLines(
            path: path, limit: limit, limitReason: "a \(format) configuration file is a few KB to a few hundred KB")
        let decoder = LineDecoder(encoding: "UTF-8", choice: .required(by: format), file: path)
        var text: [String] = []
        while let line = try lines.next() { text.append(try decoder.decode(line)) }
        return text.joined(separator: "\n")
    }
}
