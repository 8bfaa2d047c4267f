import GeoKit

/// A fast, conservative validity test for the common case: a polygon with one small ring and no holes.
///
/// It answers `true` only when it can prove the ring simple (no two non-adjacent edges meet, no
/// spikes) with orientation signs that floating-point error cannot flip; anything doubtful returns
/// `false` and the caller asks GEOS (`isValid`), so it never accepts an invalid polygon.
/// GEOS's general validity check costs about as much as the geodesic area for a 20-vertex patch.
enum SimpleRing {
    static let maxPoints = 64

    static func isCertainlyValid(_ geometry: Geometry) throws -> Bool {
        guard try geometry.kind == .polygon else { return false }
        var rings = 0
        var simple = false
        try geometry.forEachRing { ring, _ in
            rings += 1
            if rings == 1 { simple = isCertainlySimple(ring) }
        }
        return rings == 1 && simple
    }

    static func isCertainlySimple<Ring: RandomAccessCollection<Point>>(_ ring: Ring) -> Bool where Ring.Index == Int {
        let count = ring.count - 1  // edges
        guard count >= 3, count <= maxPoints, ring[0] == ring[count] else { return false }
        // Turns at every vertex must be clearly left or right: no repeated points, spikes or straight runs.
        for index in 0..<count {
            let previous = ring[index == 0 ? count - 1 : index - 1]
            guard orientation(previous, ring[index], ring[index + 1]) != 0 else { return false }
        }
        for first in 0..<count {
            let (a, b) = (ring[first], ring[first + 1])
            // Edges first+1 and first−1 share a vertex with this one and were covered by the turn test.
            for second in stride(from: first + 2, to: count, by: 1) where !(first == 0 && second == count - 1) {
                let (c, d) = (ring[second], ring[second + 1])
                if max(c.x, d.x) < min(a.x, b.x) || min(c.x, d.x) > max(a.x, b.x)
                    || max(c.y, d.y) < min(a.y, b.y) || min(c.y, d.y) > max(a.y, b.y)
                {
                    continue
                }
                let abc = orientation(a, b, c), abd = orientation(a, b, d)
                let cda = orientation(c, d, a), cdb = orientation(c, d, b)
                if abc == 0 || abd == 0 || cda == 0 || cdb == 0 { return false }  // touching or uncertain
                if abc != abd && cda != cdb { return false }  // crossing
            }
        }
        return true
    }

    /// Sign of the turn a→b→c: +1 left, −1 right, 0 when collinear or too close to call
    /// (Shewchuk's error bound for the non-adaptive determinant).
    static func orientation(_ a: Point, _ b: Point, _ c: Point) -> Int {
        let left = (b.x - a.x) * (c.y - a.y)
        let right = (b.y - a.y) * (c.x - a.x)
        let determinant = left - right
        let bound = 3.3306690738754716e-16 * (abs(left) + abs(right))
        if determinant > bound { return 1 }
        if determinant < -bound { return -1 }
        return 0
    }
}
