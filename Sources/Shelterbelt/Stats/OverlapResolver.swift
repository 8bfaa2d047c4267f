import GeoKit

/// Finds subject features whose interiors overlap and takes the doubly counted area out of the tally.
///
/// Candidates come from a sweep over envelopes; only they are read again (by feature id) and
/// tested exactly. Overlapping features form clusters (connected components); each cluster's
/// members are measured as their union, per zone and per class, in each zone set of the run.
struct OverlapResolver {
    let subject: FeatureReader
    /// The fields splitting the figures of some zone set, read again with each candidate.
    let fields: [Int]
    let classKeys: ClassKeys
    /// One per zone set, sharing one feature cleaner (so one GEOS context).
    let distributors: [Distributor]

    /// Sorts `envelopes` in place, as they are the one thing kept per feature and a copy would double them.
    /// `tallies` are the zone sets' tallies, in the order of `distributors`.
    func resolve(_ envelopes: inout [FeatureEnvelope], tallies: inout [Tally]) throws -> OverlapSummary {
        guard let distributor = distributors.first else { return OverlapSummary() }
        let candidates = Self.candidatePairs(&envelopes)
        guard !candidates.isEmpty else { return OverlapSummary() }
        var geometries: [Int64: Geometry] = [:]
        var keys: [Int64: [String]] = [:]
        var notes = InputNotes()
        for id in Set(candidates.flatMap { [$0.0, $0.1] }).sorted() {
            let raw = try subject.raw(id: id, fields: fields)
            geometries[id] = try distributor.geometry(of: raw, notes: &notes)
            keys[id] = classKeys.keys(raw)
        }
        var prepared: [Int64: PreparedGeometry] = [:]
        var clusters = UnionFind()
        var summary = OverlapSummary()
        for (a, b) in candidates {
            guard let first = geometries[a], let second = geometries[b] else { continue }
            if prepared[a] == nil { prepared[a] = try PreparedGeometry(first) }
            // Touching is not overlapping: only interiors that meet count.
            guard try prepared[a]!.intersects(second), try first.relate(second, pattern: "T********") else { continue }
            clusters.join(a, b)
            summary.pairs += 1
        }
        var scratch = Tally()
        for members in clusters.components() {
            summary.clusters += 1
            summary.features += members.count
            summary.overlapIds.append(contentsOf: members)
            let shapes = members.map { geometries[$0]! }
            for (set, distributor) in distributors.enumerated() {
                try remove(shapes, key: nil, with: distributor, from: &tallies[set], scratch: &scratch)
                guard classKeys.setSplits[set] != nil else { continue }
                let groups = Dictionary(grouping: members) { id in
                    keys[id].flatMap { classKeys.key(ofSet: set, in: $0) } ?? CellKey.nullClass
                }
                for (key, group) in groups where group.count > 1 {
                    try remove(
                        group.map { geometries[$0]! }, key: key, with: distributor, from: &tallies[set],
                        scratch: &scratch)
                }
            }
        }
        summary.overlapIds = Array(summary.overlapIds.sorted().prefix(20))
        return summary
    }

    /// Replaces the members' separate areas by the area of their union, in every zone.
    private func remove(
        _ shapes: [Geometry], key: String?, with distributor: Distributor, from tally: inout Tally,
        scratch: inout Tally
    ) throws {
        let counted = try shapes.map { try distributor.distribute($0, tally: &scratch) }.reduce(Distribution(), +)
        let union = try Geometry.collection(shapes, context: distributor.context).unaryUnion()
        let dissolved = try distributor.distribute(union, tally: &scratch)
        tally.removeOverlap(counted: counted, dissolved: dissolved, key: key)
    }

    /// Pairs of features whose envelopes meet, by a sweep along x.
    static func candidatePairs(_ sorted: inout [FeatureEnvelope]) -> [(Int64, Int64)] {
        sorted.removeAll { $0.envelope.isEmpty }
        sorted.sort { $0.envelope.minX < $1.envelope.minX }
        var pairs: [(Int64, Int64)] = []
        for (index, item) in sorted.enumerated() {
            var next = index + 1
            while next < sorted.count, sorted[next].envelope.minX <= item.envelope.maxX {
                if item.envelope.intersects(sorted[next].envelope) { pairs.append((item.id, sorted[next].id)) }
                next += 1
            }
        }
        return pairs
    }
}

/// How many subject features overlap one another (their overlap is counted once).
public struct OverlapSummary: Sendable, Equatable {
    public var pairs = 0
    public var clusters = 0
    public var features = 0
    /// The first overlapping feature ids, to find them.
    public var overlapIds: [Int64] = []
}

/// Disjoint sets of feature ids.
struct UnionFind {
    private var parent: [Int64: Int64] = [:]

    mutating func find(_ id: Int64) -> Int64 {
        var root = parent[id] ?? id
        while let up = parent[root], up != root { root = up }
        parent[id] = root
        return root
    }

    mutating func join(_ a: Int64, _ b: Int64) {
        let (ra, rb) = (find(a), find(b))
        if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        parent[min(ra, rb)] = min(ra, rb)
    }

    /// The sets with more than one member, each sorted, in order of their smallest id.
    mutating func components() -> [[Int64]] {
        var groups: [Int64: [Int64]] = [:]
        for id in Array(parent.keys) { groups[find(id), default: []].append(id) }
        return groups.values.filter { $0.count > 1 }.map { $0.sorted() }.sorted { $0[0] < $1[0] }
    }
}
