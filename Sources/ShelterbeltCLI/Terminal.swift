import Foundation
import Shelterbelt

/// Everything the command line prints goes through here.
enum Terminal {
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Run with stdin, stdout or stderr closed (`>&-`), the first file the run opens would take that
    /// descriptor, and what is printed would land in it. A read-only /dev/null holds each closed one instead,
    /// so writing the result there fails (exit 74) and no file receives it.
    static func occupyClosedStandardStreams() {
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(descriptor, F_GETFD) == -1 {
            let opened = open("/dev/null", O_RDONLY)
            if opened >= 0, opened != descriptor { close(opened) }
        }
    }

    static func error(_ message: String) { toStandardError("shelterbelt: error: \(message)\n") }

    static func note(_ message: String) { toStandardError("shelterbelt: \(message)\n") }

    /// Messages to stderr; when even stderr cannot be written there is no one left to tell, so nothing is
    /// (Foundation's non-throwing `write` would crash the process instead).
    static func toStandardError(_ text: String) {
        try? FileHandle.standardError.write(contentsOf: Data(text.utf8))
    }

    /// Writes a result to `path` (see `AtomicFile`), or to stdout when there is none. A full disk or a
    /// closed stdout is an error (exit 74), never a crash; a reader that left (`| head -1`) ends the run quietly.
    static func emit(_ text: String, to path: String?) throws {
        try AtomicFile.write(text, to: path ?? "-")
    }
}

/// A progress bar on stderr, drawn only when stderr is a terminal and at most ten times a second.
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(label: String) { self.label = label }

    /// The callback to hand to an engine, or nil when nothing should be drawn.
    static func callback(label: String, quiet: Bool) -> (@Sendable (Int, Int?) -> Void)? {
        guard !quiet, Terminal.stderrIsTerminal else { return nil }
        let bar = ProgressBar(label: label)
        return { done, total in bar.update(done, total) }
    }

    func update(_ done: Int, _ total: Int?) {
        let finished = total.map { done >= $0 } ?? false
        guard finished || Date().timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = Date()
        var line = "\r\(label) \(done)"
        if let total, total > 0 {
            let fraction = min(1, Double(done) / Double(total))
            let filled = Int(fraction * 30)
            line =
                "\r\(label) [" + String(repeating: "#", count: filled) + String(repeating: " ", count: 30 - filled)
                + "] \(Int(fraction * 100))% \(done)/\(total)"
        }
        Terminal.toStandardError(line + (finished ? "\n" : ""))
        drawn = !finished
    }
}
