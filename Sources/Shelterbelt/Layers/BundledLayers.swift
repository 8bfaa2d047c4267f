import Foundation

/// The bundled Ordos files (layout, targets, rules, sample data) are found the same way by every
/// command: `Layers/ordos` under the current folder, else under a folder above the executable (a build
/// inside the package, e.g. `.build/release/shelterbelt`), so they work from any working folder.
public enum BundledLayers {
    static let folder = "Layers/ordos"

    /// The path of `name` inside the bundled folder; when the folder is nowhere to be found, the
    /// relative path, so the error that follows names what was expected.
    public static func path(_ name: String) -> String {
        let relative = (folder as NSString).appendingPathComponent(name)
        var candidates = [FileManager.default.currentDirectoryPath]
        var above = (Bundle.main.executableURL ?? URL(fileURLWithPath: "/")).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        while above.path != "/" {
            candidates.append(above.path)
            above = above.deletingLastPathComponent()
        }
        return candidates.map { ($0 as NSString).appendingPathComponent(relative) }
            .first { FileManager.default.fileExists(atPath: $0) } ?? relative
    }
}
