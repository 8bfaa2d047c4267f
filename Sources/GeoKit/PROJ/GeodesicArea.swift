import CPROJ

/// A reference ellipsoid, by semi-major axis and flattening.
public struct Ellipsoid: Sendable, Equatable {
    public let name: String
    public let semiMajorAxis: Double
    public let flattening: Double

    /// GRS80, the ellipsoid of CGCS2000 (EPSG:1024 datum, EPSG:4490 CRS).
    public static let grs80 = Ellipsoid(name: "GRS80", semiMajorAxis: 6_378_137, flattening: 1 / 298.257222101)
    public static let wgs84 = Ellipsoid(name: "WGS84", semiMajorAxis: 6_378_137, flattening: 1 / 298.257223563)
}

/// Geodesic measurements on an ellipsoid, through GeographicLib's C port in PROJ (`geodesic.h`).
/// Coordinates are longitude/latitude in degrees. Immutable after creation, so safe to share.
public struct Geodesic: Sendable {
    public let ellipsoid: Ellipsoid
    private let geodesic: geod_geodesic
    /// The ellipsoid's constants for the equal-area projection of small features (`EqualAreaArea.swift`).
    let authalic: LambertAzimuthalEqualArea.Authalic

    public init(_ ellipsoid: Ellipsoid = .grs80) {
        self.ellipsoid = ellipsoid
        var made = geod_geodesic()
        geod_init(&made, ellipsoid.semiMajorAxis, ellipsoid.flattening)
        geodesic = made
        authalic = LambertAzimuthalEqualArea.Authalic(ellipsoid)
    }

    /// Area in m² of one ring whose edges are geodesics; positive whatever the winding.
    /// A repeated closing point is ignored.
    public func ringArea(_ ring: [Point]) -> Double {
        ring.withUnsafeBufferPointer(ringArea)
    }

    /// `ringArea` of coordinates in a buffer, as `Geometry.forEachRing` lends them.
    public func ringArea(_ ring: UnsafeBufferPointer<Point>) -> Double {
        var count = ring.count
        if count > 1, ring[0] == ring[count - 1] { count -= 1 }
        guard count >= 3 else { return 0 }
        var polygon = geod_polygon()
        var area = 0.0
        withUnsafePointer(to: geodesic) { g in
            geod_polygon_init(&polygon, 0)
            for index in 0..<count { geod_polygon_addpoint(g, &polygon, ring[index].y, ring[index].x) }
            _ = geod_polygon_compute(g, &polygon, 0, 1, &area, nil)
        }
        return abs(area)
    }

    /// Area in m² of a polygonal geometry in lon/lat: exterior rings minus holes, summed over parts.
    /// Features up to 20 km across take the equal-area projection (`equalAreaArea`: ~10 times faster, within
    /// 1e-9 of the geodesic area); larger ones, or ones with edges over 1 km, `geod_polygonarea`.
    public func area(of geometry: Geometry) throws -> Double {
        if let area = try equalAreaArea(of: geometry) { return area }
        var total = 0.0
        try geometry.forEachRing { ring, isHole in total += isHole ? -ringArea(ring) : ringArea(ring) }
        return total
    }

    /// Geodesic distance in metres between two lon/lat points.
    public func distance(_ a: Point, _ b: Point) -> Double {
        var distance = 0.0
        withUnsafePointer(to: geodesic) { g in
            geod_inverse(g, a.y, a.x, b.y, b.x, &distance, nil, nil)
        }
        return distance
    }

    /// The point reached from `start` going `distance` metres on `azimuth` degrees (clockwise from north).
    public func destination(from start: Point, azimuth: Double, distance: Double) -> Point {
        var latitude = 0.0, longitude = 0.0
        withUnsafePointer(to: geodesic) { g in
            geod_direct(g, start.y, start.x, azimuth, distance, &latitude, &longitude, nil)
        }
        return Point(x: longitude, y: latitude)
    }
}
