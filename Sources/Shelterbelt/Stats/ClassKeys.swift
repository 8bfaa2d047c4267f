/// How each zone set of a run names a feature's class from the values read with it. Sets split the same
/// way (the report's five zone tables, all by treatment) share one split, so its key is made once a feature.
struct ClassKeys: Sendable {
    /// Per distinct split, the positions in `RawFeature.values` of its fields.
    let splits: [[Int]]
    /// Per zone set, its split; nil when the set is not split.
    let setSplits: [Int?]

    /// `fields` is each set's class fields (subject field indices); `positions` where each index is read.
    init(_ fields: [[Int]], positions: [Int: Int]) {
        var splits: [[Int]] = []
        setSplits = fields.map { indices in
            guard !indices.isEmpty else { return nil }
            let wanted = indices.compactMap { positions[$0] }
            if let known = splits.firstIndex(of: wanted) { return known }
            splits.append(wanted)
            return splits.count - 1
        }
        self.splits = splits
    }

    /// The key of each split: the one field's value (null features get a class of their own), or several
    /// fields' values joined by "|" (a null one as empty text) — a target's counted value and its year.
    func keys(_ raw: RawFeature) -> [String] {
        splits.map { positions in
            guard positions.count > 1 else {
                return positions.first.flatMap { raw.values[$0].text } ?? CellKey.nullClass
            }
            return positions.map { raw.values[$0].text ?? "" }.joined(separator: "|")
        }
    }

    /// The key of a zone set among `keys`, nil when the set is not split.
    func key(ofSet set: Int, in keys: [String]) -> String? { setSplits[set].map { keys[$0] } }
}
