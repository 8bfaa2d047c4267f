import Foundation

/// Writes outputs so that a reader never sees half a file: write a temporary file beside the
/// target, then rename it into place (atomic on one file system). Failures leave nothing behind.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws {
        try write(to: path) { temporary in try data.write(to: URL(fileURLWithPath: temporary)) }
    }

    public static func write(_ text: String, to path: String) throws { try write(Data(text.utf8), to: path) }

    /// Lets `produce` write a temporary path (e.g. through GDAL), then renames it to `path`.
    /// The temporary name keeps the extension, since GDAL drivers choose by it.
    public static func write(to path: String, _ produce: (String) throws -> Void) throws {
        try InputFiles.refuseOverwriting(path)
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: directory) else {
            throw ShelterbeltError(
                .cannotWrite, file: path, problem: "the folder \(directory) does not exist", remedy: "create it first")
        }
        let temporary =
            directory
            + "/.\(url.deletingPathExtension().lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            + (url.pathExtension.isEmpty ? "" : "." + url.pathExtension)
        do {
            try produce(temporary)
            guard rename(temporary, path) == 0 else {
                throw ShelterbeltError(.cannotWrite, file: path, problem: String(cString: strerror(errno)))
            }
        } catch let error as ShelterbeltError {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw ShelterbeltError(
                .cannotWrite, file: path, problem: "cannot be written: \(error.localizedDescription)",
                remedy: "check the folder exists and is writable")
        }
    }
}
