import ArgumentParser
import Shelterbelt

@main
struct ShelterbeltCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shelterbelt",
        abstract: "Overlay area statistics, targets, site screening and reports for the Ordos ecological layout.",
        discussion: ExitStatus.help(ExitStatus.screening),
        subcommands: [
            StatsCommand.self, ChangeCommand.self, LayersCommand.self, TargetsCommand.self, ScreenCommand.self,
            ReportCommand.self, ZonalCommand.self,
        ]
    )

    static func main() {
        Terminal.occupyClosedStandardStreams()
        main(nil)
    }
}

/// Runs a command body, printing user-facing errors on stderr and exiting with their status. Any other
/// error is a bug (the library turns every input problem into a `ShelterbeltError`): exit 70, not
/// argument-parser's generic 1.
func reportingErrors(_ body: () throws -> Void) throws {
    do { try body() } catch let error as ShelterbeltError {
        Terminal.error(error.description)
        throw ExitCode(error.exitCode)
    } catch {
        let bug = ShelterbeltError(.internalError, problem: "internal error (\(error)); please report it")
        Terminal.error(bug.description)
        throw ExitCode(bug.exitCode)
    }
}
