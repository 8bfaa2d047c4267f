import GeoKit

/// Extra vertices on long edges, so that an edge stays straight in the CRS it is drawn in once reprojected.
///
/// Done here rather than with GEOSDensify, which crashes GEOS 3.11 on a polygon holding an empty ring (found by
/// the corpus test); an edge
/// longer than `step` is cut into ceil(length / step) equal parts, as GEOS and shapely's segmentize cut it.
enum Densify {
    static func ring(_ points: [Point], step: Double) -> [Point] {
        guard let first = points.first else { return points }
        var result = [first]
        for (a, b) in zip(points, points.dropFirst()) {
            let length = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
            if length > step {
                result += between(a, b, parts: Int(exactly: (length / step).rounded(.up)) ?? 1)
            }
            result.append(b)
        }
        return result
    }

    /// The points cutting a–b into equal parts, computed from the lesser end whichever way the edge runs, so that
    /// two neighbours storing their shared edge in opposite directions get the very same points (else they
    /// overlap by slivers of rounding error).
    private static func between(_ a: Point, _ b: Point, parts: Int) -> [Point] {
        let forward = (a.x, a.y) < (b.x, b.y)
        let (from, to) = forward ? (a, b) : (b, a)
        let points = (1..<parts).map { index -> Point in
            let t = Double(index) / Double(parts)
            return Point(x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t)
        }
        return forward ? points : points.reversed()
    }

    /// Any geometry densified by its kind: polygons ring by ring, lines line by line, points as they are.
    static func geometry(_ geometry: Geometry, step: Double) throws -> Geometry {
        switch try geometry.kind {
        case .polygon, .multiPolygon: try polygons(geometry, step: step)
        case .lineString, .multiLineString: try lines(geometry, step: step)
        default: geometry
        }
    }

    /// The polygons of `geometry` with every ring densified (empty rings dropped: they hold no area).
    private static func polygons(_ geometry: Geometry, step: Double) throws -> Geometry {
        let polygons = try geometry.polygons.map { polygon in
            try Geometry.polygon(
                PolygonRings(
                    exterior: ring(polygon.exterior, step: step),
                    holes: polygon.holes.filter { !$0.isEmpty }.map { ring($0, step: step) }),
                context: geometry.context)
        }
        return try geometry.kind == .polygon && polygons.count == 1
            ? polygons[0] : try Geometry.multiPolygon(polygons, context: geometry.context)
    }

    /// The lines of `geometry` with every line densified (empty lines dropped).
    private static func lines(_ geometry: Geometry, step: Double) throws -> Geometry {
        let lines = try geometry.lineParts.filter { !$0.isEmpty }.map {
            try Geometry.lineString(ring($0, step: step), context: geometry.context)
        }
        return try geometry.kind == .lineString && lines.count == 1
            ? lines[0] : try Geometry.multiLineString(lines, context: geometry.context)
    }
}
