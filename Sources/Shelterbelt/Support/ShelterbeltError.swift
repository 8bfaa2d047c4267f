/// An error a user can act on: which file, layer and feature, what is wrong, and what to do.
public struct ShelterbeltError: Error, CustomStringConvertible, Sendable {
    /// The kinds of failure, each with its documented exit status (sysexits.h numbers).
    public enum Kind: Int32, Sendable {
        case usage = 64  // EX_USAGE: the command line is wrong
        case badInput = 65  // EX_DATAERR: an input exists but its content cannot be used
        case missingInput = 66  // EX_NOINPUT: an input cannot be opened
        case internalError = 70  // EX_SOFTWARE: a bug; please report it
        case cannotWrite = 73  // EX_CANTCREAT: an output cannot be created
        case cannotWriteOutput = 74  // EX_IOERR: writing an output failed (disk full, closed stdout)
    }

    public var kind: Kind
    public var file: String?
    public var layer: String?
    public var feature: Int64?
    public var problem: String
    public var remedy: String?

    public init(
        _ kind: Kind, file: String? = nil, layer: String? = nil, feature: Int64? = nil, problem: String,
        remedy: String? = nil
    ) {
        self.kind = kind; self.file = file; self.layer = layer; self.feature = feature
        self.problem = problem; self.remedy = remedy
    }

    public static func usage(_ problem: String) -> ShelterbeltError { ShelterbeltError(.usage, problem: problem) }

    public var exitCode: Int32 { kind.rawValue }

    /// The message, with control characters from inputs (file names, quoted lines) escaped.
    public var description: String {
        var place: [String] = []
        if let file { place.append(VisibleText.escaping(file)) }
        if let layer { place.append("layer '\(VisibleText.escaping(layer))'") }
        if let feature { place.append("feature \(feature)") }
        let problem = VisibleText.escaping(problem)
        var text = place.isEmpty ? problem : place.joined(separator: ", ") + ": " + problem
        if let remedy { text += "\n  what to do: " + VisibleText.escaping(remedy) }
        return text
    }
}
