import GeoKit

/// Catches a CRS that cannot be the data's: coordinates far outside where the CRS is used, such as
/// longitude/latitude degrees labelled Gauss-Krüger, or eastings with a zone number in front labelled
/// as a CRS without one. Unchecked, such a layer is measured as a speck near the equator or fails
/// half-way: a silent wrong number or a late error.
enum CRSPlausibility {
    /// How far outside the CRS's area of use data may lie: bureaus often keep a whole city in one
    /// 3-degree zone, 1.5° wider than the zone itself.
    static let marginDegrees = 5.0

    /// What is wrong, or nil when the layer's extent fits its CRS (or the CRS states no area of use).
    /// The check goes through CGCS2000 lon/lat, the transformation the layer needs for geodesic areas
    /// anyway (built once per run), within a metre of the WGS 84 degrees areas of use are given in.
    static func problem(extent: Envelope, crs: SpatialReference, label: LayerLabel) -> String? {
        guard let area = crs.areaOfUse else { return nil }
        let toLonLat: CoordinateTransform?  // nil: already CGCS2000 lon/lat
        do { toLonLat = try Reprojection.transform(from: crs, to: .geodesic, label: label) } catch { return nil }
        let probes = [Point(x: extent.minX, y: extent.minY), Point(x: extent.maxX, y: extent.minY),
                      Point(x: extent.minX, y: extent.maxY), Point(x: extent.maxX, y: extent.maxY),
                      Point(x: (extent.minX + extent.maxX) / 2, y: (extent.minY + extent.maxY) / 2)]
        let fits = probes.allSatisfy { probe in
            guard let point = toLonLat.map({ $0.apply(probe) }) ?? probe else { return false }
            return point.x >= area.minX - marginDegrees && point.x <= area.maxX + marginDegrees
                && point.y >= area.minY - marginDegrees && point.y <= area.maxY + marginDegrees
        }
        guard !fits else { return nil }
        let code = crs.epsg.map { " (EPSG:\($0))" } ?? ""
        func number(_ value: Double) -> String { String(format: abs(value) >= 1000 ? "%.0f" : "%.6g", value) }
        let box = "\(number(extent.minX)), \(number(extent.minY)) – \(number(extent.maxX)), \(number(extent.maxY))"
        let use = String(format: "%.1f°–%.1f°E, %.1f°–%.1f°N", area.minX, area.maxX, area.minY, area.maxY)
        return "its coordinates (\(box)) lie outside where its CRS \(crs.name)\(code) is used (\(use)), so that CRS cannot be right; "
            + CRSGuess.suggest(for: extent)
    }
}
