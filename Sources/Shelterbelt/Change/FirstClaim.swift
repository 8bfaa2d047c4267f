import GeoKit

/// Settles overlaps inside one layer: where features overlap, the area belongs to the first of them (lowest id).
/// Candidates are the pairs whose envelopes meet, found by a sweep along x; only pairs whose interiors meet count,
/// so neighbours of a partition that merely touch lose nothing.
enum FirstClaim {
    /// A feature in the sweep's window, prepared when it is first the later one of a pair.
    private final class Held {
        let shape: Geometry
        let maxX: Double
        var prepared: PreparedGeometry?

        init(_ shape: Geometry, maxX: Double) { (self.shape, self.maxX) = (shape, maxX) }
    }

    /// For each feature that overlaps earlier ones, the part of it they cover. Sorts `envelopes` along x in
    /// place and loads each geometry (`load`, nil when it has none) when the sweep reaches it, dropping it once
    /// the sweep is past its east edge: only a strip of the layer is held at a time, not the layer.
    static func taken(_ envelopes: inout [FeatureEnvelope], load: (Int64) throws -> Geometry?) throws
        -> [Int64: Geometry]
    {
        envelopes.removeAll { $0.envelope.isEmpty }
        envelopes.sort { $0.envelope.minX < $1.envelope.minX }
        var window: [Int64: Held] = [:]
        func held(_ item: FeatureEnvelope) throws -> Held? {
            if let known = window[item.id] { return known }
            guard let shape = try load(item.id) else { return nil }
            let made = Held(shape, maxX: item.envelope.maxX)
            window[item.id] = made
            return made
        }
        var earlier: [Int64: [Int64]] = [:]
        for (index, item) in envelopes.enumerated() {
            if index % 256 == 0 { window = window.filter { $0.value.maxX >= item.envelope.minX } }
            var next = index + 1
            while next < envelopes.count, envelopes[next].envelope.minX <= item.envelope.maxX {
                let other = envelopes[next]
                next += 1
                guard item.envelope.intersects(other.envelope), let a = try held(item), let b = try held(other)
                else { continue }
                let (first, later) = item.id < other.id ? (a, b) : (b, a)
                let test = try later.prepared ?? PreparedGeometry(later.shape)
                later.prepared = test
                guard try test.intersects(first.shape), try later.shape.relate(first.shape, pattern: "T********")
                else { continue }
                earlier[max(item.id, other.id), default: []].append(min(item.id, other.id))
            }
        }
        window.removeAll()
        var taken: [Int64: Geometry] = [:]
        for (id, firsts) in earlier {
            guard let shape = try load(id) else { continue }
            let others = try firsts.compactMap { try load($0) }
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
