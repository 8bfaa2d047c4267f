import GeoKit

/// Coordinates that cannot be the data's: a non-finite value, a longitude beyond ±180° or a latitude beyond ±90°,
/// a ring that jumps across the antimeridian, or one vertex far away from the rest of its ring. Repaired or
/// measured, each of these gives a plausible-looking wrong figure (half a polygon, millions of hectares, NaN),
/// so each is an error naming the vertex.
///
/// Every vertex of every feature passes here, so a ring is walked once, in place, and the longest edge (which
/// decides densification) is measured on the way.
struct CoordinateCheck {
    /// Whether the layer's CRS is longitude/latitude.
    let geographic: Bool

    /// How far a lone vertex must lie beyond the rest of its ring to be taken for corruption: ten times the
    /// others' extent, and at least a degree (lon/lat) or 100 km (projected).
    static let strayFactor = 10.0
    var strayMinimum: Double { geographic ? 1 : 100_000 }

    /// What is wrong with one ring, line or run of points as stored, or nil; and the square of its longest edge.
    func inspect(_ run: UnsafeBufferPointer<Point>) -> (problem: String?, longestEdgeSquared: Double) {
        var longest = 0.0
        var box = Envelope.empty
        for index in run.indices {
            let point = run[index]
            guard point.x.isFinite, point.y.isFinite else {
                return ("vertex \(index + 1) is not a finite number (\(point.x), \(point.y))", longest)
            }
            if geographic, abs(point.x) > 180 || abs(point.y) > 90 {
                return (
                    "vertex \(index + 1) (\(point.x), \(point.y)) lies outside longitude ±180°, latitude ±90°", longest
                )
            }
            if index > 0 {
                let previous = run[index - 1]
                if geographic, abs(point.x - previous.x) > 180 {
                    return (
                        "it crosses the antimeridian between vertices \(index) and \(index + 1) "
                            + "(longitude \(previous.x) to \(point.x)); "
                            + "split it at 180° (Ordos data never crosses it)", longest
                    )
                }
                let (dx, dy) = (point.x - previous.x, point.y - previous.y)
                longest = max(longest, dx * dx + dy * dy)
            }
            box = box.union(Envelope(minX: point.x, minY: point.y, maxX: point.x, maxY: point.y))
        }
        // A ring that spans less than `strayMinimum` cannot hold a vertex that far from the others.
        guard max(box.maxX - box.minX, box.maxY - box.minY) > strayMinimum else { return (nil, longest) }
        return (stray(in: Array(run)), longest)
    }

    /// A vertex far beyond all the others of its ring (a closing vertex counts once): farther from their envelope
    /// than `strayFactor` times its size, and than `strayMinimum`. Only the extreme vertices can be such.
    private func stray(in run: [Point]) -> String? {
        let points = run.count > 1 && run.first == run.last ? Array(run.dropLast()) : run
        guard points.count >= 4 else { return nil }
        let extremes = Set([
            points.indices.max { points[$0].x < points[$1].x }!, points.indices.min { points[$0].x < points[$1].x }!,
            points.indices.max { points[$0].y < points[$1].y }!, points.indices.min { points[$0].y < points[$1].y }!,
        ])
        for candidate in extremes.sorted() {
            var rest = Envelope.empty
            for (index, point) in points.enumerated() where index != candidate {
                rest = rest.union(Envelope(minX: point.x, minY: point.y, maxX: point.x, maxY: point.y))
            }
            let point = points[candidate]
            let away = max(rest.minX - point.x, point.x - rest.maxX, rest.minY - point.y, point.y - rest.maxY)
            let size = max(rest.maxX - rest.minX, rest.maxY - rest.minY)
            if away > max(size * Self.strayFactor, strayMinimum) {
                let number = run.firstIndex(of: point).map { $0 + 1 } ?? 0
                return "vertex \(number) (\(point.x), \(point.y)) lies far away from all the others of its ring: "
                    + "a corrupt coordinate"
            }
        }
        return nil
    }
}
