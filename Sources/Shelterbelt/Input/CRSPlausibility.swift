import GeoKit

/// Catches a CRS that cannot be the data's: coordinates far outside where the CRS is used, such as
/// longitude/latitude degrees labelled Gauss-Krüger, or eastings with a zone number in front labelled
/// as a CRS without one. Unchecked, such a layer is measured as a speck near the equator or fails
/// half-way: a silent wrong number or a late error.
enum CRSPlausibility {
    /// How far outside the CRS's area of use data may lie: bureaus often keep a whole city in one
    /// 3-degree zone, 1.5° wider than the zone itself.
    static let marginDegrees = 5.0
    /// North and south a CRS's area of use already spans its whole country, so 1° is margin enough (and keeps
    /// degrees labelled Gauss-Krüger, which land near the equator, outside CGCS2000's reach to 3°N).
    static let marginLatitude = 1.0

    /// What is wrong, or nil when the layer's extent fits its CRS (or the CRS states no area of use).
    /// The check goes through CGCS2000 lon/lat, the transformation the layer needs for geodesic areas
    /// anyway (built once per run), within a metre of the WGS 84 degrees areas of use are given in.
    static func problem(extent: Envelope, crs: SpatialReference, label: LayerLabel) throws -> String? {
        guard let area = domain(of: crs) else { return nil }
        let toLonLat: CoordinateTransform?  // nil: already CGCS2000 lon/lat
        toLonLat = try Reprojection.transform(from: crs, to: .geodesic, label: label)
        let probes = [
            Point(x: extent.minX, y: extent.minY), Point(x: extent.maxX, y: extent.minY),
            Point(x: extent.minX, y: extent.maxY), Point(x: extent.maxX, y: extent.maxY),
            Point(x: (extent.minX + extent.maxX) / 2, y: (extent.minY + extent.maxY) / 2),
        ]
        let fits = probes.allSatisfy { probe in
            guard let point = toLonLat.map({ $0.apply(probe) }) ?? probe else { return false }
            return point.x >= area.minX - marginDegrees && point.x <= area.maxX + marginDegrees
                && point.y >= area.minY - marginLatitude && point.y <= area.maxY + marginLatitude
        }
        guard !fits else { return nil }
        let code = crs.epsg.map { " (EPSG:\($0))" } ?? ""
        func number(_ value: Double) -> String { String(format: abs(value) >= 1000 ? "%.0f" : "%.6g", value) }
        let box = "\(number(extent.minX)), \(number(extent.minY)) – \(number(extent.maxX)), \(number(extent.maxY))"
        let use =
            String(format: "%.1f°–%.1f°E, %.1f°–%.1f°N", area.minX, area.maxX, area.minY, area.maxY)
            + (area == crs.areaOfUse ? "" : ", China's territory for CGCS2000")
        return
            "its coordinates (\(box)) lie outside where its CRS \(crs.name)\(code) is used (\(use)), "
            + "so that CRS cannot be right; "
            + CRSGuess.suggest(for: extent)
    }

    /// China's territory, the South China Sea islands included (PROJ's area of use for CGCS2000 stops at 16.7°N).
    static let chinaTerritory = Envelope(minX: 73, minY: 3, maxX: 136, maxY: 54)

    /// Where coordinates in `crs` may lie: its area of use; CGCS2000 and its Gauss-Krüger zones take all of
    /// China's latitudes (a national layer in one zone reaches the Nansha islands).
    static func domain(of crs: SpatialReference) -> Envelope? {
        guard var area = crs.areaOfUse else { return nil }
        guard let datum = crs.datumName?.lowercased(), datum.contains("china_2000") || datum.contains("china geodetic")
        else { return area }
        area.minY = min(area.minY, chinaTerritory.minY)
        area.maxY = max(area.maxY, chinaTerritory.maxY)
        if crs.isGeographic { area = area.union(chinaTerritory) }
        return area
    }
}
