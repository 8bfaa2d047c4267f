import Foundation

/// Areas of lon/lat polygons whose edges are straight in longitude/latitude — as a map draws them, and as GEOS
/// cuts them in an overlay — exactly, on the ellipsoid.
///
/// The area between the equator and latitude φ is a²·q(φ)/2 per radian of longitude (q: Snyder's authalic
/// function, eq. 3-12), so a ring encloses |∮ a²q(φ)/2 dλ|. Along an edge straight in lon/lat, φ is linear in
/// λ, and the integral is taken by two-point Gauss–Legendre quadrature (exact for cubics) over pieces at most
/// 1e-3 rad (6 km) of latitude long, where its error stays below 1e-12 of the term. Subtracting q at the
/// ring's first vertex keeps the terms small, so a 1 ha patch keeps eleven digits. Unlike a geodesic-edge
/// area, this is what an overlay in lon/lat preserves: pieces cut along lon/lat lines sum to their whole.
extension Geodesic {
    /// Pieces of an edge no longer than this in latitude (radians) take one two-point quadrature each.
    static let quadratureSpan = 1e-3

    /// Area in m² of a polygonal lon/lat geometry whose edges are straight in longitude/latitude.
    public func straightEdgeArea(of geometry: Geometry) throws -> Double {
        var total = 0.0
        try geometry.forEachRing { ring, isHole in
            let area = straightEdgeRingArea(ring)
            total += isHole ? -area : area
        }
        return total
    }

    /// Area in m² of one ring whose edges are straight in longitude/latitude; positive whatever the winding.
    public func straightEdgeRingArea(_ ring: UnsafeBufferPointer<Point>) -> Double {
        guard ring.count >= 3 else { return 0 }
        let radians = Double.pi / 180
        let e2 = ellipsoid.flattening * (2 - ellipsoid.flattening)
        let e = e2.squareRoot()
        func q(_ phi: Double) -> Double {
            let s = sin(phi)
            return (1 - e2) * (s / (1 - e2 * s * s) + atanh(e * s) / e)
        }
        let nodes = (0.5 - 0.5 / 3.0.squareRoot(), 0.5 + 0.5 / 3.0.squareRoot())
        let q0 = q(ring[0].y * radians)
        var sum = 0.0
        for index in 0..<ring.count {
            let a = ring[index], b = ring[(index + 1) % ring.count]
            let dLambda = (b.x - a.x) * radians
            guard dLambda != 0 else { continue }
            let (phiA, phiB) = (a.y * radians, b.y * radians)
            // Int(exactly:) so that a non-finite latitude (which the reader refuses before) cannot trap here.
            let pieces = max(1, Int(exactly: (abs(phiB - phiA) / Self.quadratureSpan).rounded(.up)) ?? 1)
            var mean = 0.0
            for piece in 0..<pieces {
                let (from, to) = (Double(piece) / Double(pieces), Double(piece + 1) / Double(pieces))
                mean += q(phiA + (phiB - phiA) * (from + (to - from) * nodes.0)) - q0
                mean += q(phiA + (phiB - phiA) * (from + (to - from) * nodes.1)) - q0
            }
            sum += dLambda * mean / Double(2 * pieces)
        }
        return abs(sum) * ellipsoid.semiMajorAxis * ellipsoid.semiMajorAxis / 2
    }
}
