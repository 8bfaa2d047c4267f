/// How each zone set of a run names a feature's class from the values read with it. Sets split the same
/// way (the report's five zone tables, all by treatment) share one split, so its key is made once a feature.
struct ClassKeys: Sendable {
    /// A field of a split: where its value is in `RawFeature.values`, and the classes of its codes.
    struct Part: Sendable, Equatable {
        let position: Int
        let field: ClassField
    }

    /// Per distinct split, its fields.
    let splits: [[Part]]
    /// Per zone set, its split; nil when the set is not split.
    let setSplits: [Int?]

    /// `fields` is each set's class fields with their subject field indices; `positions` where each index is read.
    init(_ fields: [[(index: Int, field: ClassField)]], positions: [Int: Int]) {
        var splits: [[Part]] = []
        setSplits = fields.map { parts in
            guard !parts.isEmpty else { return nil }
            let wanted = parts.compactMap { part in positions[part.index].map { Part(position: $0, field: part.field) }
            }
            if let known = splits.firstIndex(of: wanted) { return known }
            splits.append(wanted)
            return splits.count - 1
        }
        self.splits = splits
    }

    /// The key of each split: the class of the one field's value (null features get a class of their own), or
    /// several fields' classes joined by "|" (a null one as empty text) — a target's counted value and its year.
    func keys(_ raw: RawFeature) -> [String] {
        splits.map { parts in
            func value(_ part: Part) -> String? { raw.values[part.position].text.map { part.field.class(of: $0) } }
            guard parts.count > 1 else { return parts.first.flatMap(value) ?? CellKey.nullClass }
            return parts.map { value($0) ?? "" }.joined(separator: "|")
        }
    }

    /// The key of a zone set among `keys`, nil when the set is not split.
    func key(ofSet set: Int, in keys: [String]) -> String? { setSplits[set].map { keys[$0] } }
}
