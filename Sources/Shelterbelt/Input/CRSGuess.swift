import GeoKit

/// Suggests the CRS of coordinates that arrive without one, from their extent.
/// CGCS2000 Gauss-Krüger eastings carry the zone number in front (e.g. 36 512 345.6) or not
/// (512 345.6); 3-degree zones 25–45 are EPSG:4513–4533 with the prefix and 4534–4554 without.
public enum CRSGuess {
    public static func suggest(for extent: Envelope) -> String {
        if extent.minX >= -180, extent.maxX <= 180, extent.minY >= -90, extent.maxY <= 90 {
            guard CRSPlausibility.chinaTerritory.contains(extent) else {
                return "the coordinates look like longitude/latitude degrees outside China: probably EPSG:4326 (WGS84)"
            }
            return "the coordinates look like longitude/latitude degrees: "
                + "probably EPSG:4490 (CGCS2000) or EPSG:4326 (WGS84)"
        }
        // Int(exactly:) gives nil for corrupt extents (NaN, 1e300) instead of trapping.
        if let zone = Int(exactly: (extent.minX / 1_000_000).rounded(.towardZero)),
            zone == Int(exactly: (extent.maxX / 1_000_000).rounded(.towardZero)), extent.minY > 0,
            extent.maxY < 10_000_000
        {
            let offset = extent.minX - Double(zone) * 1_000_000
            if (25...45).contains(zone), offset > 0, offset < 1_000_000 {
                return "the eastings carry Gauss-Krüger zone number \(zone) in front: "
                    + "probably EPSG:\(4513 + zone - 25) "
                    + "(CGCS2000 / 3-degree Gauss-Kruger zone \(zone), central meridian \(zone * 3)°E)"
            }
            if (13...23).contains(zone), offset > 0, offset < 1_000_000 {
                return "the eastings carry 6-degree Gauss-Krüger zone number \(zone) in front: "
                    + "probably EPSG:\(4491 + zone - 13) "
                    + "(CGCS2000 / Gauss-Kruger zone \(zone), central meridian \(zone * 6 - 3)°E)"
            }
            if zone == 0, extent.minX > 100_000, extent.maxX < 900_000, extent.minY > 1_000_000 {
                return "the coordinates look like Gauss-Krüger metres without a zone number; "
                    + "for Ordos (107°–111.5°E) that is EPSG:4544 (central meridian 105°E), "
                    + "EPSG:4545 (108°E) or EPSG:4546 (111°E) — use the one the data was delivered in"
            }
        }
        if abs(extent.minX) <= 20_037_508.35, abs(extent.maxY) <= 20_048_966.1, extent.minX > 10_000_000 {
            return "the coordinates may be Web Mercator metres: EPSG:3857 (but check: they also fit other projections)"
        }
        return "its extent (\(extent.minX), \(extent.minY)) – (\(extent.maxX), \(extent.maxY)) "
            + "matches no CRS Shelterbelt recognises"
    }
}
