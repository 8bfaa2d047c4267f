import GeoKit

/// Coordinates that cannot be the data's: a non-finite value, a longitude beyond ±180° or a latitude beyond ±90°,
/// a ring that jumps across the antimeridian, or one vertex far away from the rest of its ring. Repaired or
/// measured, each of these gives a plausible-looking wrong figure (half a polygon, millions of hectares, NaN),
/// so each is an error naming the vertex.
struct CoordinateCheck {
    /// Whether the layer's CRS is longitude/latitude.
    let geographic: Bool

    /// How far a lone vertex must lie beyond the rest of its ring to be taken for corruption: ten times the
    /// ring's extent, and at least a degree (lon/lat) or 100 km (projected).
    static let strayFactor = 10.0
    var strayMinimum: Double { geographic ? 1 : 100_000 }

    /// What is wrong, or nil; `runs` are a feature's rings, lines or points as stored.
    func problem(in runs: [[Point]]) -> String? {
        for run in runs {
            for (index, point) in run.enumerated() {
                guard point.x.isFinite, point.y.isFinite else { return "vertex \(index + 1) is not a finite number (\(point.x), \(point.y))" }
                if geographic, abs(point.x) > 180 || abs(point.y) > 90 {
                    return "vertex \(index + 1) (\(point.x), \(point.y)) lies outside longitude ±180°, latitude ±90°"
                }
            }
            if geographic, let jump = zip(run, run.dropFirst()).enumerated().first(where: { abs($0.element.1.x - $0.element.0.x) > 180 }) {
                return "it crosses the antimeridian between vertices \(jump.offset + 1) and \(jump.offset + 2) "
                    + "(longitude \(jump.element.0.x) to \(jump.element.1.x)); split it at 180° (Ordos data never crosses it)"
            }
            if let stray = stray(in: run) { return stray }
        }
        return nil
    }

    /// A vertex far beyond all the others of its ring (a closing vertex counts once): farther from their envelope
    /// than `strayFactor` times its size, and than `strayMinimum`. Only the extreme vertices can be such.
    private func stray(in run: [Point]) -> String? {
        let points = run.count > 1 && run.first == run.last ? Array(run.dropLast()) : run
        guard points.count >= 4 else { return nil }
        let extremes = Set([points.indices.max { points[$0].x < points[$1].x }!, points.indices.min { points[$0].x < points[$1].x }!,
                            points.indices.max { points[$0].y < points[$1].y }!, points.indices.min { points[$0].y < points[$1].y }!])
        for candidate in extremes.sorted() {
            var rest = Envelope.empty
            for (index, point) in points.enumerated() where index != candidate {
                rest = rest.union(Envelope(minX: point.x, minY: point.y, maxX: point.x, maxY: point.y))
            }
            let point = points[candidate]
            let away = max(rest.minX - point.x, point.x - rest.maxX, rest.minY - point.y, point.y - rest.maxY)
            let size = max(rest.maxX - rest.minX, rest.maxY - rest.minY)
            if away > max(size * Self.strayFactor, strayMinimum) { return describe(point, in: run) }
        }
        return nil
    }

    private func describe(_ point: Point, in run: [Point]) -> String {
        let index = run.firstIndex(of: point).map { $0 + 1 } ?? 0
        return "vertex \(index) (\(point.x), \(point.y)) lies far away from all the others of its ring: a corrupt coordinate"
    }
}
