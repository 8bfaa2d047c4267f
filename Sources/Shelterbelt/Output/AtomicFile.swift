import Foundation

/// Writes outputs so that a reader never sees half a file and nothing but the output is ever replaced
/// (see `OutputTarget`): a regular file (or the file a symlink names) is written as a temporary file
/// beside it and renamed into place, atomic on one file system; stdout, devices and FIFOs are written
/// through. Failures leave no temporary file behind.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws {
        try write(data, to: try OutputTarget(path), name: path)
    }

    public static func write(_ text: String, to path: String) throws { try write(Data(text.utf8), to: path) }

    /// Lets `produce` write a temporary path (e.g. through GDAL), then renames it to `path`; for stdout, a
    /// device or a FIFO, copies its bytes there instead. The temporary name keeps the extension of `path`
    /// (or `fileExtension` when it has none, as `-` has not), since GDAL drivers choose by it.
    public static func write(to path: String, fileExtension: String? = nil, _ produce: (String) throws -> Void)
        throws
    {
        let target = try OutputTarget(path)
        if case .file(let file) = target { return try replace(file, name: path, produce) }
        // GDAL and libxlsxwriter write only into a path: produce a temporary file, then copy its bytes.
        var name = temporaryName(for: path)
        if let fileExtension, URL(fileURLWithPath: path).pathExtension.isEmpty { name += "." + fileExtension }
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent(name).path
        defer { _ = unlink(temporary) }  // gone whether the copy worked or not
        try producing(temporary, name: path, produce)
        guard let data = FileManager.default.contents(atPath: temporary) else {
            throw ShelterbeltError(
                .cannotWriteOutput, file: path, problem: "its temporary copy \(temporary) cannot be read")
        }
        try write(data, to: target, name: path)
    }

    private static func write(_ data: Data, to target: OutputTarget, name: String) throws {
        switch target {
        case .file(let file):
            try replace(file, name: name) { temporary in try Descriptor.write(data, toNewFile: temporary, name: name) }
        case .descriptor(let descriptor):
            try Descriptor.write(data, to: descriptor, name: OutputTarget.name(of: descriptor))
        case .device(let device): try Descriptor.write(data, toDevice: device, name: name)
        }
    }

    /// Produces a temporary file beside `file` and renames it over `file`.
    private static func replace(_ file: String, name: String, _ produce: (String) throws -> Void) throws {
        let temporary = ((file as NSString).deletingLastPathComponent as NSString).appendingPathComponent(
            temporaryName(for: file))
        // Creating the temporary file first tells a missing or read-only folder (73) from a failed write
        // (74); it is removed again because GDAL drivers refuse to create a file that exists.
        try Descriptor.close(try Descriptor.create(temporary, name: name), name: name)
        guard unlink(temporary) == 0 else {
            throw ShelterbeltError(.cannotWrite, file: name, problem: String(cString: strerror(errno)))
        }
        do {
            try producing(temporary, name: name, produce)
            guard rename(temporary, file) == 0 else {
                throw ShelterbeltError(
                    .cannotWriteOutput, file: name, problem: "cannot be replaced: \(String(cString: strerror(errno)))")
            }
        } catch {
            _ = unlink(temporary)  // may never have been created; the error to report is the first one
            throw error
        }
    }

    /// Runs `produce`; an error that is not already one a user can act on becomes "cannot be written".
    private static func producing(_ temporary: String, name: String, _ produce: (String) throws -> Void) throws {
        do { try produce(temporary) } catch let error as ShelterbeltError { throw error } catch {
            throw ShelterbeltError(
                .cannotWriteOutput, file: name, problem: "cannot be written: \(error.localizedDescription)",
                remedy: "check the disk space")
        }
    }

    /// `.name.tmp-PID-RANDOM.ext`: hidden, unique, and with the target's extension.
    private static func temporaryName(for path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return ".\(url.deletingPathExtension().lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            + (url.pathExtension.isEmpty ? "" : "." + url.pathExtension)
    }
}
