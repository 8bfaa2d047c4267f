import Foundation

/// The output folder of a report, built whole in a temporary folder beside it and renamed into place,
/// so a failed run leaves no half folder. An existing folder is replaced only when it is empty or holds
/// nothing but what an earlier report wrote (its `ReportManifest`), never anything else. A symlink to a
/// folder stays a link: the folder it names is the one written.
enum ReportFolder {
    /// Runs `produce` on the new folder's temporary twin and renames that into place, returning what
    /// `produce` returned. `path` is checked first, so a folder that would be refused is refused in a
    /// second, not after minutes of work.
    @discardableResult
    static func write<Result>(to path: String, _ produce: (String) throws -> Result) throws -> Result {
        let (url, exists) = try target(path)
        let parent = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        let manager = FileManager.default
        do { try manager.createDirectory(atPath: parent, withIntermediateDirectories: true) } catch {
            throw ShelterbeltError(
                .cannotWrite, file: parent, problem: "cannot be created: \(error.localizedDescription)")
        }
        let tag = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let temporary = (parent as NSString).appendingPathComponent(".\(name).tmp-\(tag)")
        do { try manager.createDirectory(atPath: temporary, withIntermediateDirectories: false) } catch {
            throw ShelterbeltError(
                .cannotWrite, file: parent, problem: "cannot hold a new folder: \(error.localizedDescription)",
                remedy: "check that the folder is writable")
        }
        let result: Result
        do {
            result = try produce(temporary)
            try ReportManifest(listing: temporary).write(into: temporary)
        } catch {
            try? manager.removeItem(atPath: temporary)
            throw error
        }
        guard exists else {
            guard rename(temporary, url.path) == 0 else {
                let problem = String(cString: strerror(errno))
                try? manager.removeItem(atPath: temporary)
                throw ShelterbeltError(.cannotWrite, file: url.path, problem: problem)
            }
            return result
        }
        // Replace the earlier report: move it aside, move the new one in, then delete the old one.
        let aside = (parent as NSString).appendingPathComponent(".\(name).old-\(tag)")
        guard rename(url.path, aside) == 0 else {
            let problem = String(cString: strerror(errno))
            try? manager.removeItem(atPath: temporary)
            throw ShelterbeltError(
                .cannotWrite, file: url.path, problem: "the earlier report cannot be replaced: \(problem)")
        }
        guard rename(temporary, url.path) == 0 else {
            let problem = String(cString: strerror(errno))
            _ = rename(aside, url.path)
            try? manager.removeItem(atPath: temporary)
            throw ShelterbeltError(.cannotWrite, file: url.path, problem: problem)
        }
        try? manager.removeItem(atPath: aside)
        return result
    }

    /// The folder `path` names (through symlinks), and whether it exists; throws when it may not be written.
    private static func target(_ path: String) throws -> (url: URL, exists: Bool) {
        let url = URL(fileURLWithPath: CanonicalPath.followingLinks(path)).standardizedFileURL
        let name = url.lastPathComponent
        guard !name.isEmpty, name != "/", name != ".", name != ".." else {
            throw ShelterbeltError(
                .usage, file: path, problem: "is not a folder a report can be written to",
                remedy: "pass --out NEW_FOLDER")
        }
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder)
        if exists { try checkReplaceable(url.path, isFolder: isFolder.boolValue) }
        try InputFiles.refuseReplacing(folder: url.path)
        return (url, exists)
    }

    /// An existing `--out` must be an empty folder or hold only what an earlier report wrote.
    static func checkReplaceable(_ path: String, isFolder: Bool) throws {
        guard isFolder else {
            throw ShelterbeltError(
                .cannotWrite, file: path, problem: "exists and is not a folder", remedy: "choose another --out")
        }
        let foreign: [String]
        do {
            foreign = try (ReportManifest(readFrom: path) ?? ReportManifest(entries: [])).foreignEntries(in: path)
        } catch {
            throw ShelterbeltError(
                .cannotWrite, file: path, problem: "cannot be read: \(error.localizedDescription)",
                remedy: "choose another --out")
        }
        guard !foreign.isEmpty else { return }
        let more = foreign.count > 5 ? " and \(foreign.count - 5) more" : ""
        let shown = foreign.prefix(5).joined(separator: ", ") + more
        throw ShelterbeltError(
            .cannotWrite, file: path,
            problem: "holds what no earlier shelterbelt report wrote there (\(shown)), so it is left alone",
            remedy: "move those out of the folder, or choose another --out")
    }
}
