import Foundation

/// The output folder of a report, built whole in a temporary folder beside it and renamed into place,
/// so a failed run leaves no half folder. An existing folder is replaced only when it is empty or an
/// earlier report (its summary.json names the generator), never anything else.
enum ReportFolder {
    static func write(to path: String, _ produce: (String) throws -> Void) throws {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let parent = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        let manager = FileManager.default
        guard !name.isEmpty, name != "/", name != ".", name != ".." else {
            throw ShelterbeltError(
                .usage, file: path, problem: "is not a folder a report can be written to",
                remedy: "pass --out NEW_FOLDER")
        }
        var isFolder: ObjCBool = false
        let exists = manager.fileExists(atPath: url.path, isDirectory: &isFolder)
        if exists { try checkReplaceable(url.path, isFolder: isFolder.boolValue) }
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
        do {
            try produce(temporary)
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
            return
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
    }

    /// An existing `--out` must be an empty folder or a report folder.
    static func checkReplaceable(_ path: String, isFolder: Bool) throws {
        guard isFolder else {
            throw ShelterbeltError(
                .cannotWrite, file: path, problem: "exists and is not a folder", remedy: "choose another --out")
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        if entries.isEmpty { return }
        let summary = (path as NSString).appendingPathComponent(Report.summaryFile)
        if let data = FileManager.default.contents(atPath: summary),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let report = object["report"] as? [String: Any], report["generator"] as? String == ReportSummary.generator
        {
            return
        }
        throw ShelterbeltError(
            .cannotWrite, file: path,
            problem: "exists and is not a report folder written by shelterbelt report, so it is left alone",
            remedy: "choose another --out, or empty or remove that folder yourself")
    }
}
