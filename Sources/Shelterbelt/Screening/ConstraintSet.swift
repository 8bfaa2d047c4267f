import GeoKit

/// The constraint layers of a rules file, read once: every usable feature in CGCS2000 lon/lat
/// (EPSG:4490), repaired like zones are, with the attributes the rules need, and cut into small
/// pieces (≤ 200 vertices, like the stats engine's zones) so a site meets only a few hundred
/// vertices of even the largest red-line polygon. Held as WKB so each worker rebuilds it in its own
/// GEOS context.
public struct ConstraintSet: Sendable {
    public let rules: ScreeningRules
    let layers: [ConstraintLayer]
    /// For each rule: its layer, the features that pass its where filter, and their pieces.
    let ruleLayer: [Int]
    let ruleFeatures: [[Int]]
    let rulePieces: [[Int]]

    /// Fields that name a constraint feature and give it an id, in order of preference (else the FID).
    static let nameFields = ["name_zh", "name", "NAME", "名称", "mc", "MC"]
    static let idFields = ["id", "ID", "code", "CODE", "编号", "bh", "BH"]

    public static func load(_ rules: ScreeningRules, edges: EdgeRule = .straight) throws -> ConstraintSet {
        var layers: [ConstraintLayer] = []
        var byPath: [String: Int] = [:]
        var ruleLayer: [Int] = []
        for rule in rules.rules {
            if let known = byPath[rule.path] { ruleLayer.append(known); continue }
            let using = rules.rules.filter { $0.path == rule.path }
            layers.append(try ConstraintLayer.read(rule.path, for: using, rulesFile: rules.file, edges: edges))
            byPath[rule.path] = layers.count - 1
            ruleLayer.append(layers.count - 1)
        }
        var ruleFeatures: [[Int]] = []
        var rulePieces: [[Int]] = []
        for (index, rule) in rules.rules.enumerated() {
            let layer = layers[ruleLayer[index]]
            let features = layer.features.indices.filter { feature in
                guard let field = rule.whereField else { return true }
                return rule.keeps(whereValue: layer.features[feature].attributes[field])
            }
            let wanted = Set(features)
            ruleFeatures.append(features)
            rulePieces.append(layer.pieces.indices.filter { wanted.contains(layer.pieces[$0].feature) })
        }
        return ConstraintSet(
            rules: rules, layers: layers, ruleLayer: ruleLayer, ruleFeatures: ruleFeatures, rulePieces: rulePieces)
    }

    /// Constraint features each rule screens against (after its where filter).
    public var featureCounts: [Int] { ruleFeatures.map(\.count) }
    /// What had to be done to each constraint layer's features, by layer path.
    public var notes: [LayerNotes] {
        layers.map { LayerNotes(role: .constraint, path: $0.label.path, notes: $0.notes) }
    }
}

/// One constraint feature, ready for any thread.
struct ConstraintFeature: Sendable {
    let fid: Int64
    /// The id and name shown in reports (the FID when the layer has no id field).
    let id: String
    let name: String
    /// Values of the fields rules filter or condition on.
    let attributes: [String: String]
    let kind: FeatureShape
    let wkb: [UInt8]
}

/// A piece of a constraint feature: its part inside one grid cell (lines and points are one piece).
struct ConstraintPiece: Sendable {
    let feature: Int
    let cell: Envelope
    let wkb: [UInt8]
}

/// One constraint layer as read: its features and their pieces.
struct ConstraintLayer: Sendable {
    let label: LayerLabel
    let features: [ConstraintFeature]
    let pieces: [ConstraintPiece]
    let notes: InputNotes

    static func read(_ path: String, for rules: [ScreeningRules.Rule], rulesFile: String, edges: EdgeRule) throws
        -> ConstraintLayer
    {
        let opened = try LayerSource(path: path, role: .constraint).open()
        var wanted: [String] = []
        for rule in rules {
            let named = [
                ("where_field", rule.whereField),
                ("conditional_when.constraint_field", rule.conditionalWhen?.constraintField),
            ]
            for case let (key, name?) in named {
                guard opened.layer.fieldIndex(name) != nil else {
                    throw ShelterbeltError(
                        .badInput, file: rulesFile,
                        problem: "rule \(rule.number): \(key) '\(name)' is not a field of \(path)",
                        remedy: "use one of: \(opened.layer.fieldNames.joined(separator: ", "))")
                }
                if !wanted.contains(name) { wanted.append(name) }
            }
        }
        // layers.toml's mapping wins; without one, the usual field names are tried.
        func field(_ mapped: String?, key: String, usual: [String]) throws -> Int? {
            guard let mapped else { return usual.lazy.compactMap { opened.layer.fieldIndex($0) }.first }
            guard let index = opened.layer.fieldIndex(mapped) else {
                throw ShelterbeltError(
                    .badInput, file: rulesFile,
                    problem: "layers.toml maps \(key) = '\(mapped)', which is not a field of \(path)",
                    remedy: "use one of: \(opened.layer.fieldNames.joined(separator: ", "))")
            }
            return index
        }
        let idField = try field(rules.lazy.compactMap(\.idField).first, key: "id_field", usual: ConstraintSet.idFields)
        let nameField = try field(
            rules.lazy.compactMap(\.nameField).first, key: "name_zh_field", usual: ConstraintSet.nameFields)
        // Values arrive in this order: the rules' fields, then the id, then the name.
        let fields = wanted.compactMap { opened.layer.fieldIndex($0) } + [idField, nameField].compactMap { $0 }
        let reader = try FeatureSource(opened, fields: fields, to: .geodesic, edges: edges)
        var features: [ConstraintFeature] = []
        var pieces: [ConstraintPiece] = []
        while let item = try reader.nextKept(), let geometry = item.geometry {
            var attributes: [String: String] = [:]
            for (position, name) in wanted.enumerated() { attributes[name] = item.text(position) }
            let id = idField.flatMap { _ in item.text(wanted.count) } ?? String(item.id)
            let name = nameField.flatMap { _ in item.text(wanted.count + (idField == nil ? 0 : 1)) } ?? ""
            let index = features.count
            features.append(
                ConstraintFeature(
                    fid: item.id, id: id, name: name, attributes: attributes, kind: item.shape, wkb: geometry.wkb))
            if item.shape == .area {
                pieces += try ZonePiece.subdivide(geometry, index: index).map {
                    ConstraintPiece(feature: index, cell: $0.cell, wkb: $0.wkb)
                }
            } else {
                pieces.append(ConstraintPiece(feature: index, cell: try geometry.envelope, wkb: geometry.wkb))
            }
        }
        return ConstraintLayer(label: opened.label, features: features, pieces: pieces, notes: reader.notes)
    }
}
