import ArgumentParser
import Foundation

/// `--threads N`, shared by the commands that run the engine.
struct ThreadsOption: ParsableArguments {
    // Optional, so that --help shows "every core" rather than this machine's count.
    @Option(name: .customLong("threads"), help: "Worker threads (default: every core).")
    var requested: Int?

    var count: Int { requested ?? ProcessInfo.processInfo.activeProcessorCount }

    func validate() throws {
        if let requested, requested < 1 { throw ValidationError("--threads must be at least 1") }
    }
}
