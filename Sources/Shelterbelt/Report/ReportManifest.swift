import Foundation

/// The list of everything a report wrote into its folder, kept in the folder as `.shelterbelt-report.json`,
/// so that a later run replaces the folder only when it holds nothing else: a user's `notes.docx` or
/// `data/` put there afterwards keeps the folder from being replaced.
struct ReportManifest {
    static let file = ".shelterbelt-report.json"

    /// Paths relative to the folder; folders end in "/".
    let entries: Set<String>

    init(entries: Set<String>) { self.entries = entries }

    /// The manifest of what `folder` holds now.
    init(listing folder: String) throws { entries = Set(try Self.list(folder, "")) }

    /// The manifest an earlier report left in `folder`; nil when there is none or it is not one.
    init?(readFrom folder: String) {
        guard let data = FileManager.default.contents(atPath: (folder as NSString).appendingPathComponent(Self.file)),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            object["generator"] as? String == ReportSummary.generator, let entries = object["entries"] as? [String]
        else { return nil }
        self.entries = Set(entries)
    }

    func write(into folder: String) throws {
        let json = JSONValue.object([
            ("generator", .string(ReportSummary.generator)),
            ("entries", .array(entries.sorted().map { .string($0) })),
        ])
        try AtomicFile.write(json.serialized() + "\n", to: (folder as NSString).appendingPathComponent(Self.file))
    }

    /// What `folder` holds that this manifest does not list, in order; a folder not listed is named once,
    /// not entry by entry.
    func foreignEntries(in folder: String) throws -> [String] {
        try Self.list(folder, "") { entries.contains($0) }.filter { !entries.contains($0) && $0 != Self.file }
    }

    /// Every entry under `folder`, sorted, `prefix` before each; descends into a subfolder only when
    /// `descend` accepts it. Symlinks are entries, never followed.
    private static func list(_ folder: String, _ prefix: String, descend: (String) -> Bool = { _ in true }) throws
        -> [String]
    {
        let manager = FileManager.default
        var result: [String] = []
        for name in try manager.contentsOfDirectory(atPath: folder).sorted() {
            let path = (folder as NSString).appendingPathComponent(name)
            guard try manager.attributesOfItem(atPath: path)[.type] as? FileAttributeType == .typeDirectory else {
                result.append(prefix + name)
                continue
            }
            let entry = prefix + name + "/"
            result.append(entry)
            if descend(entry) { result += try list(path, entry, descend: descend) }
        }
        return result
    }
}
