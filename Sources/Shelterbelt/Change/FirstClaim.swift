import GeoKit

/// Settles overlaps inside one layer: where features overlap, the area belongs to the first of them (lowest id).
/// Candidates are the pairs whose envelopes meet (the stats engine's sweep, `OverlapResolver.candidatePairs`);
/// only pairs whose interiors meet count, so neighbours of a partition that merely touch lose nothing.
enum FirstClaim {
    /// For each feature that overlaps earlier ones, the part of it they cover; `geometries` holds at least
    /// every feature of `pairs` that has a usable geometry.
    static func taken(_ pairs: [(Int64, Int64)], geometries: [Int64: Geometry]) throws -> [Int64: Geometry] {
        var earlier: [Int64: [Int64]] = [:]
        var prepared: [Int64: PreparedGeometry] = [:]
        for (a, b) in pairs {
            let (first, later) = (min(a, b), max(a, b))
            guard let shape = geometries[later], let other = geometries[first] else { continue }
            let test = try prepared[later] ?? PreparedGeometry(shape)
            prepared[later] = test
            guard try test.intersects(other), try shape.relate(other, pattern: "T********") else { continue }
            earlier[later, default: []].append(first)
        }
        var taken: [Int64: Geometry] = [:]
        for (id, firsts) in earlier {
            guard let shape = geometries[id] else { continue }
            let others = firsts.compactMap { geometries[$0] }
            let cover = try Geometry.collection(others, context: shape.context).unaryUnion()
            let part = try shape.intersection(cover).polygonalPart()
            if try !part.isEmpty { taken[id] = part }
        }
        return taken
    }

    /// The summary of what was taken, measured with `meter`.
    static func summary(_ taken: [Int64: Geometry], meter: AreaMeter) throws -> LayerOverlap {
        LayerOverlap(
            features: taken.count, area: try taken.values.reduce(0) { try $0 + meter.area($1) },
            exampleIds: Array(taken.keys.sorted().prefix(5)))
    }
}
