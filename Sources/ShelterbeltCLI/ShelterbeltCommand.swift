import ArgumentParser
import Shelterbelt

@main
struct ShelterbeltCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shelterbelt",
        abstract: "Overlay area statistics, targets, site screening and reports for the Ordos ecological layout.",
        discussion: ExitStatus.help(ExitStatus.screening),
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
