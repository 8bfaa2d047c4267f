import GeoKit

/// Settles overlaps inside one layer: where features overlap, the area belongs to the first of them (lowest id).
/// Candidates are the pairs whose envelopes meet, found by a sweep along x; only pairs whose interiors meet count,
/// so neighbours of a partition that merely touch lose nothing.
enum FirstClaim {
    /// Loads a feature's geometry by id (nil when it has none), in the GEOS context of the thread that calls it.
    typealias Loader = (Int64) throws -> Geometry?

    /// A feature in the sweep's window, prepared when it is first the later one of a pair.
    private final class Held {
        let shape: Geometry
        let maxX: Double
        var prepared: PreparedGeometry?

        init(_ shape: Geometry, maxX: Double) { (self.shape, self.maxX) = (shape, maxX) }
    }

    /// Sweep positions a thread claims at a time: blocks, not halves, so that a thread slowed by other work on
    /// the machine does not leave the other waiting.
    private static let block = 2048

    /// For each feature that overlaps earlier ones, the part of it they cover. The candidate pairs (every
    /// envelope pair of a partition, nearly all of them neighbours that only touch) are tested on `threads`
    /// threads, each loading features with a loader of its own (`makeLoader(thread)`) as its sweep reaches them and
    /// dropping them once past their east edge: a thread holds a strip of the layer, not the layer. The few
    /// features that do overlap are then cut with `load`, on the calling thread.
    static func taken(
        _ envelopes: [FeatureEnvelope], threads: Int, makeLoader: @escaping @Sendable (_ thread: Int) throws -> Loader,
        load: Loader
    ) throws -> [Int64: Geometry] {
        var sorted = envelopes.filter { !$0.envelope.isEmpty }
        sorted.sort { $0.envelope.minX < $1.envelope.minX }
        let sweep = sorted
        let nextBlock = Locked(0)
        let failure = Locked<Error?>(nil)
        let workers = ThreadGroup(count: max(1, min(threads, sweep.count / block + 1))) { thread -> [Int64: [Int64]] in
            var earlier: [Int64: [Int64]] = [:]
            do {
                let load = try makeLoader(thread)
                var window: [Int64: Held] = [:]
                while failure.value == nil {
                    let start = nextBlock.update { start in
                        defer { start += block }; return start
                    }
                    guard start < sweep.count else { break }
                    for index in start..<min(start + block, sweep.count) {
                        try pairs(of: index, in: sweep, window: &window, load: load) {
                            earlier[$0, default: []].append($1)
                        }
                    }
                }
            } catch {
                failure.update { if $0 == nil { $0 = error } }
            }
            return earlier
        }
        var earlier: [Int64: [Int64]] = [:]
        for found in workers.join() { earlier.merge(found, uniquingKeysWith: +) }
        if let error = failure.value { throw error }
        var taken: [Int64: Geometry] = [:]
        for (id, firsts) in earlier {
            guard let shape = try load(id) else { continue }
            let others = try firsts.sorted().compactMap { try load($0) }
            let cover = try Geometry.collection(others, context: shape.context).unaryUnion()
            let part = try shape.intersection(cover).polygonalPart()
            if try !part.isEmpty { taken[id] = part }
        }
        return taken
    }

    /// Tests the feature at `index` of the sweep against the later ones whose envelopes meet its own, and reports
    /// each pair whose interiors meet as (later id, earlier id).
    private static func pairs(
        of index: Int, in sweep: [FeatureEnvelope], window: inout [Int64: Held], load: Loader,
        found: (Int64, Int64) -> Void
    ) throws {
        let item = sweep[index]
        if index % 256 == 0 { window = window.filter { $0.value.maxX >= item.envelope.minX } }
        func held(_ item: FeatureEnvelope) throws -> Held? {
            if let known = window[item.id] { return known }
            guard let shape = try load(item.id) else { return nil }
            let made = Held(shape, maxX: item.envelope.maxX)
            window[item.id] = made
            return made
        }
        var next = index + 1
        while next < sweep.count, sweep[next].envelope.minX <= item.envelope.maxX {
            let other = sweep[next]
            next += 1
            guard item.envelope.intersects(other.envelope), let a = try held(item), let b = try held(other)
            else { continue }
            let (first, later) = item.id < other.id ? (a, b) : (b, a)
            let test = try later.prepared ?? PreparedGeometry(later.shape)
            later.prepared = test
            guard try test.intersects(first.shape), try later.shape.relate(first.shape, pattern: "T********")
            else { continue }
            found(max(item.id, other.id), min(item.id, other.id))
        }
    }

    /// The summary of what was taken, measured with `meter`.
    static func summary(_ taken: [Int64: Geometry], meter: AreaMeter) throws -> LayerOverlap {
        LayerOverlap(
            features: taken.count, area: try taken.values.reduce(0) { try $0 + meter.area($1) },
            exampleIds: Array(taken.keys.sorted().prefix(5)))
    }
}
