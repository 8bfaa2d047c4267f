import Foundation

/// Paths as the file system sees them, so that `./a/../a/x.shp`, a symlink and the file it names are one
/// path (a lexical clean-up is not enough: `a/..` is not `.` when `a` is a symlink).
enum CanonicalPath {
    /// The real path of `path` with every symlink followed; for a file that does not exist yet, the real
    /// path of its folder joined with its name.
    static func of(_ path: String) -> String {
        let target = followingLinks(path)
        if let real = realPath(target) { return real }
        let folder = (target as NSString).deletingLastPathComponent
        return ((realPath(folder) ?? folder) as NSString).appendingPathComponent((target as NSString).lastPathComponent)
    }

    /// The absolute path a chain of symlinks ends at, even when that file does not exist yet (so writing
    /// "through" a dangling link creates the file it names rather than replacing the link).
    static func followingLinks(_ path: String) -> String {
        var current = URL(fileURLWithPath: path).path
        // Bounded like the kernel's own limit, so a loop of links ends (and then fails to open, as it should).
        for _ in 0..<40 {
            guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else {
                return current
            }
            current =
                destination.hasPrefix("/")
                ? destination
                : ((current as NSString).deletingLastPathComponent as NSString).appendingPathComponent(destination)
        }
        return current
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
