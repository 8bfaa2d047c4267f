import Foundation

/// The files this run reads, so that no output replaces one: inputs are never modified, even when
/// `-o` names one (or one of its sidecars, see `InputSidecars`) by mistake, through a symlink or another
/// spelling of its path.
public enum InputFiles {
    private static let files = Locked<Set<String>>([])

    static func register(_ paths: [String]) {
        let canonical = paths.map(CanonicalPath.of)
        files.update { $0.formUnion(canonical) }
    }

    /// Throws when `path` is one of this run's inputs or a sidecar of one.
    static func refuseOverwriting(_ path: String) throws {
        let target = CanonicalPath.of(path)
        let inputs = files.value.filter { InputSidecars.belongs(target, to: $0) }.sorted()
        // Named after the file itself, or else the `.shp` a user knows a Shapefile set by.
        guard
            let input = inputs.first(where: { $0 == target }) ?? inputs.first(where: { $0.hasSuffix(".shp") })
                ?? inputs.first
        else { return }
        let problem =
            target == input
            ? "is an input of this run; writing the output there would replace it"
            : "belongs with \(input), an input of this run; writing the output there would replace or corrupt it"
        throw ShelterbeltError(.usage, file: path, problem: problem, remedy: "choose another output path")
    }

    /// Throws when an input of this run lies inside `folder`, which is about to be replaced.
    static func refuseReplacing(folder: String) throws {
        let prefix = CanonicalPath.of(folder) + "/"
        guard let input = files.value.sorted().first(where: { $0.hasPrefix(prefix) }) else { return }
        throw ShelterbeltError(
            .usage, file: folder,
            problem: "holds \(input), an input of this run; replacing the folder would delete it",
            remedy: "choose another --out, or move that input out of the folder")
    }
}
