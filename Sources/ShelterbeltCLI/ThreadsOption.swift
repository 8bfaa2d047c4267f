import ArgumentParser
import Foundation

/// `--threads N`, shared by the commands that run the engine.
struct ThreadsOption: ParsableArguments {
    // Optional, so that --help shows "every core" rather than this machine's count. Parsed unconditionally so
    // that `--threads -1` is read as a number (and refused as one), not as a missing value.
    @Option(
        name: .customLong("threads"), parsing: .unconditional,
        help: "Worker threads (default: every core; at most 4 × the cores).")
    var requested: Int?

    static var cores: Int { ProcessInfo.processInfo.activeProcessorCount }
    /// More workers than this only cost memory and start-up: each holds its own copy of the zones.
    static var most: Int { 4 * cores }

    /// The threads to use; a request beyond `most` is capped, and the note says so.
    var count: Int {
        guard let requested else { return Self.cores }
        if requested > Self.most {
            Terminal.note("--threads \(requested) is more than 4 × the \(Self.cores) cores; using \(Self.most)")
        }
        return min(requested, Self.most)
    }

    func validate() throws {
        if let requested, requested < 1 { throw ValidationError("--threads must be at least 1 (it is \(requested))") }
    }
}
