import Foundation

/// Where an output's bytes go. A regular file is replaced atomically; anything else that takes bytes
/// (a terminal, a pipe, /dev/null) is written through, since replacing it with a file would destroy it.
enum OutputTarget: Equatable {
    /// An open descriptor: `-` and /dev/stdout are 1, /dev/stderr is 2, /dev/fd/N and /proc/self/fd/N are N.
    case descriptor(Int32)
    /// A character device or a FIFO, opened and written.
    case device(String)
    /// A regular file, or a new one: its canonical path, symlinks followed, so a link stays a link.
    case file(String)

    /// Classifies `path`; refuses an input of this run or a sidecar of one (exit 64), and anything that is
    /// neither a file, a device nor a pipe (exit 73).
    init(_ path: String) throws {
        if let descriptor = Self.descriptor(named: path) {
            self = .descriptor(descriptor)
            return
        }
        try InputFiles.refuseOverwriting(path)
        let resolved = CanonicalPath.of(path)
        var status = stat()
        guard stat(resolved, &status) == 0 else {
            guard errno == ENOENT else {
                throw ShelterbeltError(.cannotWrite, file: path, problem: String(cString: strerror(errno)))
            }
            self = .file(resolved)
            return
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: self = .file(resolved)
        case S_IFCHR, S_IFIFO: self = .device(resolved)
        case S_IFDIR:
            throw ShelterbeltError(
                .cannotWrite, file: path, problem: "is a folder", remedy: "name a file (inside it or elsewhere)")
        default:
            throw ShelterbeltError(
                .cannotWrite, file: path, problem: "is neither a file, a character device nor a pipe",
                remedy: "choose another output path")
        }
    }

    /// How messages name a descriptor.
    static func name(of descriptor: Int32) -> String {
        switch descriptor {
        case STDOUT_FILENO: "standard output"
        case STDERR_FILENO: "standard error"
        default: "descriptor \(descriptor)"
        }
    }

    private static func descriptor(named path: String) -> Int32? {
        switch path {
        case "-", "/dev/stdout": return STDOUT_FILENO
        case "/dev/stderr": return STDERR_FILENO
        default:
            for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
                return Int32(path.dropFirst(prefix.count))
            }
            return nil
        }
    }
}
