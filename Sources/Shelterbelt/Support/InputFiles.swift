import Foundation

/// The files this run reads, so that no output replaces one: inputs are never modified, even when
/// `-o` names one by mistake (`stats patches.geojson … -o patches.geojson`).
public enum InputFiles {
    private static let files = Locked<Set<String>>([])

    static func register(_ paths: [String]) {
        let canonical = paths.map(Self.canonical)
        files.update { $0.formUnion(canonical) }
    }

    /// Throws when `path` is one of this run's inputs.
    static func refuseOverwriting(_ path: String) throws {
        guard files.value.contains(canonical(path)) else { return }
        throw ShelterbeltError(
            .usage, file: path, problem: "is an input of this run; writing the output there would replace it",
            remedy: "choose another output path")
    }

    private static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
