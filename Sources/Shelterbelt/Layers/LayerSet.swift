import Foundation

/// A loaded layer manifest: its folder and its layers by id. Every command that needs the layout
/// takes one; `--layers DIR_OR_TOML` chooses it, the bundled Ordos layout is the default.
public struct LayerSet: Sendable {
    public let manifest: LayerManifest
    private let byId: [String: LayerDefinition]

    public init(_ manifest: LayerManifest) {
        self.manifest = manifest
        byId = Dictionary(uniqueKeysWithValues: manifest.layers.map { ($0.id, $0) })
    }

    /// The manifest's folder, where `targets.toml` is looked for by default.
    public var directory: String { manifest.directory }
    public var layers: [LayerDefinition] { manifest.layers }
    public func layer(_ id: String) -> LayerDefinition? { byId[id] }

    /// The city outline, against which the other layers are checked.
    public var city: LayerDefinition? { layers.first { $0.kind == .city } }

    static let manifestName = "layers.toml"

    /// Loads the layer set at `location` (a folder holding layers.toml, or a manifest file), or the bundled one.
    public static func load(_ location: String?) throws -> LayerSet {
        guard let location else {
            let bundled = BundledLayers.path(manifestName)
            guard FileManager.default.fileExists(atPath: bundled) else {
                throw ShelterbeltError(
                    .missingInput,
                    problem: "no layer set given and \(bundled) is not under the current folder or the executable's",
                    remedy: "run from the Shelterbelt folder or pass --layers DIR "
                        + "(a folder with layers.toml, or the manifest itself)"
                )
            }
            return LayerSet(try LayerManifest.load(bundled))
        }
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: location, isDirectory: &isFolder)
        let file = exists && isFolder.boolValue ? (location as NSString).appendingPathComponent(manifestName) : location
        return LayerSet(try LayerManifest.load(file))
    }

    /// The ids of a layer's features (its `id_field` values), to check a target's scope before measuring.
    public func featureIds(of layer: LayerDefinition) throws -> [String] {
        let opened = try layer.source.open()
        let field = try opened.field(layer.idField, option: "id_field of layer \(layer.id) in \(manifest.file)")
        var ids: [String] = []
        while let raw = try opened.nextRaw(fields: [field]) { ids.append(raw.key ?? "") }
        return ids
    }
}
