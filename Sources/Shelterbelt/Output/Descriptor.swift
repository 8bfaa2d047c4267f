import Foundation

/// Bytes written with the system calls themselves, every result checked: how outputs reach stdout,
/// devices, pipes and temporary files. Failing to open or create is exit 73, failing to write exit 74.
enum Descriptor {
    /// Writes all of `data` to an open descriptor; `name` is how messages call it.
    static func write(_ data: Data, to descriptor: Int32, name: String) throws {
        let failure: Int32? = data.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return nil }
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
        guard let failure else { return }
        if failure == EPIPE && descriptor == STDOUT_FILENO { endAsReaderLeft() }
        throw ShelterbeltError(
            .cannotWriteOutput, file: name, problem: "cannot be written: \(String(cString: strerror(failure)))",
            remedy: "check the disk space, and that a pipe's reader is still running")
    }

    /// Opens an existing device or FIFO (a FIFO waits for its reader), writes `data` and closes it.
    static func write(_ data: Data, toDevice path: String, name: String) throws {
        let descriptor = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ShelterbeltError(
                .cannotWrite, file: name, problem: "cannot be opened: \(String(cString: strerror(errno)))")
        }
        try writeAndClose(data, to: descriptor, name: name)
    }

    /// Creates the new file `path` (never an existing one) and writes `data` into it.
    static func write(_ data: Data, toNewFile path: String, name: String) throws {
        try writeAndClose(data, to: try create(path, name: name), name: name)
    }

    /// Creates the new file `path` and returns its open descriptor; a missing folder or one that may not
    /// be written is exit 73.
    static func create(_ path: String, name: String) throws -> Int32 {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            let folder = (path as NSString).deletingLastPathComponent
            let problem =
                errno == ENOENT
                ? "the folder \(folder) does not exist" : "cannot be created: \(String(cString: strerror(errno)))"
            throw ShelterbeltError(
                .cannotWrite, file: name, problem: problem,
                remedy: errno == ENOENT ? "create it first" : "check that the folder is writable")
        }
        return descriptor
    }

    /// Closes a descriptor this code opened; the close of a file is where some file systems report a full disk.
    static func close(_ descriptor: Int32, name: String) throws {
        guard Foundation.close(descriptor) == 0 else {
            throw ShelterbeltError(
                .cannotWriteOutput, file: name, problem: "cannot be written: \(String(cString: strerror(errno)))")
        }
    }

    private static func writeAndClose(_ data: Data, to descriptor: Int32, name: String) throws {
        do { try write(data, to: descriptor, name: name) } catch {
            _ = Foundation.close(descriptor)  // the write error is the one to report
            throw error
        }
        try close(descriptor, name: name)
    }

    /// A reader that left (`shelterbelt stats … | head -1`) ends the run the way it ends any Unix filter:
    /// by SIGPIPE, silently. Only reached when SIGPIPE was ignored; if it cannot be raised, exit 0 is as quiet.
    private static func endAsReaderLeft() -> Never {
        _ = signal(SIGPIPE, SIG_DFL)
        _ = raise(SIGPIPE)
        exit(0)
    }
}
