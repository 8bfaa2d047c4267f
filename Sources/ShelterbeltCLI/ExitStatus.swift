import Shelterbelt

/// An exit status and what it means, composed into each command's --help so that every command lists the
/// statuses it can return in the same words (the README's lists are these sentences).
struct ExitStatus: Sendable {
    let code: Int32
    let meaning: String

    static let success = ExitStatus(code: 0, meaning: "success")
    static let restricted = ExitStatus(code: 2, meaning: "screening found a restricted site (none forbidden)")
    static let forbidden = ExitStatus(code: 3, meaning: "screening found a forbidden site")
    static let usage = ExitStatus(
        ShelterbeltError.Kind.usage, "the command line is wrong (a value out of range, -o naming an input)")
    static let badInput = ExitStatus(
        ShelterbeltError.Kind.badInput,
        "an input cannot be used (corrupt, no or impossible CRS, unusable geometry, text that does not decode)")
    static let missingInput = ExitStatus(ShelterbeltError.Kind.missingInput, "an input cannot be opened")
    static let internalError = ExitStatus(
        ShelterbeltError.Kind.internalError, "internal error (a bug: please report it)")
    static let cannotCreate = ExitStatus(ShelterbeltError.Kind.cannotWrite, "an output cannot be created")
    static let cannotWrite = ExitStatus(
        ShelterbeltError.Kind.cannotWriteOutput, "writing an output failed (disk full, closed standard output)")

    init(code: Int32, meaning: String) { (self.code, self.meaning) = (code, meaning) }
    init(_ kind: ShelterbeltError.Kind, _ meaning: String) { self.init(code: kind.rawValue, meaning: meaning) }

    /// What every command can return: it reads inputs and writes a result.
    static let reading = [success, usage, badInput, missingInput, cannotCreate, cannotWrite]
    /// What `screen` can return: its verdicts, and an internal error when GEOS finds no nearest points.
    static let screening = reading + [restricted, forbidden, internalError]
    /// What `report` can return: an internal error when a geometry cannot be drawn or reprojected.
    static let report = reading + [internalError]

    /// "Exit status: 0 success; 2 …; 64 …." for a command's --help, in the order of the codes.
    static func help(_ statuses: [ExitStatus]) -> String {
        let items = statuses.sorted { $0.code < $1.code }.map { "\($0.code) \($0.meaning)" }
        return "Exit status: " + items.joined(separator: "; ") + "."
    }
}
