import GeoKit

/// How areas are measured: on the ellipsoid (the default), or in a named projected CRS.
public enum AreaMethod: Sendable, Equatable, CustomStringConvertible {
    /// Geodesic area on GRS80 (CGCS2000's ellipsoid), in a lon/lat working frame.
    case geodesic
    /// Planar (Cartesian) area in the given EPSG projected CRS.
    case planar(epsg: Int)

    /// The CRS that overlays run in: the geometry every layer is brought into.
    public var workingCRS: String {
        switch self {
        case .geodesic: return "EPSG:4490"
        case .planar(let epsg): return "EPSG:\(epsg)"
        }
    }

    public var isGeodesic: Bool { self == .geodesic }

    public var description: String {
        switch self {
        case .geodesic: return "geodesic"
        case .planar(let epsg): return "planar:EPSG:\(epsg)"
        }
    }

    /// Parses "geodesic" or "planar:EPSG:nnnn" and checks that a planar CRS is projected.
    public init(text: String) throws {
        let lower = text.lowercased()
        if lower == "geodesic" { self = .geodesic; return }
        let prefix = "planar:epsg:"
        guard lower.hasPrefix(prefix), let code = Int(lower.dropFirst(prefix.count)) else {
            throw ShelterbeltError.usage(
                "--area must be 'geodesic' or 'planar:EPSG:nnnn' "
                    + "(e.g. planar:EPSG:4545 for CGCS2000 / 3-degree Gauss-Krüger CM 108°E), not '\(text)'"
            )
        }
        let crs: SpatialReference
        do { crs = try SpatialReference("EPSG:\(code)") } catch {
            throw ShelterbeltError.usage("--area: EPSG:\(code) is not a coordinate reference system PROJ knows")
        }
        guard crs.isProjected else {
            throw ShelterbeltError.usage(
                "--area: EPSG:\(code) (\(crs.name)) is not projected; planar areas need metres, e.g. EPSG:4545")
        }
        // Web Mercator and other normal-aspect Mercators scale areas by 1/cos²(latitude): ×1.7 in Ordos.
        if crs.projectionMethod?.hasPrefix("Mercator") == true {
            throw ShelterbeltError.usage(
                "--area: EPSG:\(code) (\(crs.name)) is a Mercator projection, "
                    + "whose areas are 1.7 times too large at Ordos' latitude; "
                    + "use geodesic (the default) or a Gauss-Krüger CRS such as planar:EPSG:4545")
        }
        self = .planar(epsg: code)
    }
}

extension AreaMethod {
    /// Degrees of longitude data may lie beyond a planar CRS's area of use: a Gauss-Krüger zone is 3° wide and
    /// bureaus keep a whole city in one, but UTM 50N for Ordos (3° beyond it) makes every area 1.1 % too large.
    static let planarMargin = 2.0

    /// Refuses a planar CRS whose area of use is far from the data (`extent` in the layer's `crs`).
    func checkCovers(_ extent: Envelope, in crs: SpatialReference, label: LayerLabel) throws {
        guard case .planar(let epsg) = self, let use = try SpatialReference(workingCRS).areaOfUse else { return }
        let toLonLat = try Reprojection.transform(from: crs, to: .geodesic, label: label)  // nil: already lon/lat
        let corners = [Point(x: extent.minX, y: extent.minY), Point(x: extent.maxX, y: extent.maxY)]
        let lonLat = corners.map { toLonLat?.apply($0) ?? $0 }
        guard let west = lonLat.map(\.x).min(), let east = lonLat.map(\.x).max(),
            west < use.minX - Self.planarMargin || east > use.maxX + Self.planarMargin
        else { return }
        throw ShelterbeltError.usage(
            String(
                format: "--area planar:EPSG:%d is made for %.1f°–%.1f°E, but %@ lies at %.2f°–%.2f°E: "
                    + "its areas would be scaled wrongly there "
                    + "(UTM and Gauss-Krüger grow by 1 %% some 450 km off their meridian); "
                    + "use geodesic (the default) or the Gauss-Krüger zone of the data, "
                    + "e.g. planar:EPSG:4545 for 106.5°–109.5°E",
                epsg, use.minX, use.maxX, label.path, west, east))
    }
}

/// Measures areas of geometries in the working CRS of an `AreaMethod`. Cheap to copy; share freely.
public struct AreaMeter: Sendable {
    public let method: AreaMethod
    /// Geodesic areas take edges as straight in longitude/latitude (what the reader delivers: lon/lat layers as
    /// drawn, others densified before reprojecting) or, with `.geodesic`, as geodesics between the vertices.
    public let edges: EdgeRule
    private let geodesic = Geodesic(.grs80)

    public init(_ method: AreaMethod, edges: EdgeRule = .straight) { (self.method, self.edges) = (method, edges) }

    /// Area in m² of a polygonal geometry that is in `method.workingCRS`.
    public func area(_ geometry: Geometry) throws -> Double {
        switch (method, edges) {
        case (.geodesic, .straight): return try geodesic.straightEdgeArea(of: geometry)
        case (.geodesic, .geodesic): return try geodesic.area(of: geometry)
        case (.planar, _): return try geometry.planarArea
        }
    }
}
