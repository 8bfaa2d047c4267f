import ArgumentParser
import Shelterbelt

@main
struct ShelterbeltCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shelterbelt",
        abstract: "Overlay area statistics, targets, site screening and reports for the Ordos ecological layout.",
        discussion: """
            Exit status: 0 success; 2 screening found a restricted site (none forbidden); \
            3 screening found a forbidden site; 64 the command line is wrong; \
            65 an input cannot be used (corrupt, no CRS, bad geometry); 66 an input cannot be opened; \
            70 internal error (a bug: please report it); 73 an output cannot be written.
            """,
        subcommands: [
            StatsCommand.self, LayersCommand.self, TargetsCommand.self, ScreenCommand.self, ReportCommand.self,
        ]
    )
}

/// Runs a command body, printing user-facing errors on stderr and exiting with their status.
func reportingErrors(_ body: () throws -> Void) throws {
    do { try body() } catch let error as ShelterbeltError {
        Terminal.error(error.description)
        throw ExitCode(error.exitCode)
    }
}
