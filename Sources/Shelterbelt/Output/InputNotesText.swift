/// The one way the notes of a run's layers are written, for every output format: lines for text tables,
/// CSV and reports, a JSON value for JSON and GeoJSON, rows for workbooks.
public enum InputNotesText {
    /// One line per kind of note and per remark, each naming the layer's role and file.
    /// `excluding`: kinds the output already reports in another way.
    public static func lines(
        _ layers: [LayerNotes], chinese: Bool = false, bilingual: Bool = true,
        excluding: Set<InputNotes.Kind> = []
    ) -> [String] {
        layers.flatMap { layer -> [String] in
            let place = "\(layer.role.rawValue) \(layer.path): "
            let counted = InputNotes.Kind.allCases.filter { !excluding.contains($0) }.compactMap { kind -> String? in
                guard let count = layer.notes.counts[kind] else { return nil }
                let ids = layer.notes.examples[kind, default: []].map(String.init).joined(separator: ", ")
                let text =
                    bilingual
                    ? "\(kind.explanationEn) / \(kind.explanationZh)"
                    : chinese ? kind.explanationZh : kind.explanationEn
                return place + "\(count) \(text) (e.g. feature \(ids))"
            }
            return counted + layer.notes.remarks.map { place + $0 }
        }
    }

    public static func json(_ layers: [LayerNotes]) -> JSONValue {
        .array(
            layers.map { layer in
                let kinds = InputNotes.Kind.allCases.filter { layer.notes.counts[$0] != nil }
                return .object([
                    ("role", .string(layer.role.rawValue)), ("file", .string(layer.path)),
                    ("counts", .object(kinds.map { ($0.rawValue, .integer(layer.notes.counts[$0] ?? 0)) })),
                    (
                        "example_ids",
                        .object(
                            kinds.map {
                                ($0.rawValue, .array(layer.notes.examples[$0, default: []].map { .integer(Int($0)) }))
                            })
                    ),
                    ("skipped_total", .integer(layer.notes.skipped)),
                    ("remarks", .array(layer.notes.remarks.map(JSONValue.string))),
                ])
            })
    }
}
