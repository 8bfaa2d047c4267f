import ArgumentParser

/// How text is written: shared by the commands that write CSV and draw progress (stats, targets, screen, report).
struct OutputFlags: ParsableArguments {
    @Flag(help: "CSV: start with the byte-order mark Excel needs for Chinese text.")
    var bom = false

    @Flag(help: "No progress output (bar or lines) on stderr.")
    var quiet = false
}
