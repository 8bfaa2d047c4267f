import Foundation
import GeoKit

/// Catches zones and constraint layers copied from Chinese web maps: their coordinates are GCJ-02 or BD-09,
/// 300–700 m off in Ordos, while the file says WGS 84. A layer whose outline follows the bundled banner
/// boundaries is compared with them as declared and as each offset; when an offset reading fits clearly
/// better, the layer stops with an error naming the option that converts it. Point sites cannot be checked
/// this way (they follow no boundary), nor layers that share no boundary with the banners.
enum WebMapCheck {
    /// Polygons kept per layer for the comparison: the detector samples a few thousand vertices of them.
    static let sampleFeatures = 2000

    /// The bundled banners as lon/lat WKB, read once per run; empty where no bundled layer set is found.
    private static let reference = Locked<[[UInt8]]?>(nil)

    static func verify(_ polygons: [[UInt8]], source: LayerSource, layer: String) throws {
        let boundaries = try referenceBoundaries()
        guard !polygons.isEmpty, !boundaries.isEmpty else { return }
        let context = GEOSContext()
        let detector = try WebMapOffsetDetector(
            reference: try boundaries.map { try Geometry(wkb: $0, context: context) })
        let assessment = try detector.assess(wkb: polygons)
        guard case .offset(let offset) = assessment.verdict else { return }
        let name = offset == .gcj02 ? "GCJ-02 (AMap/高德, Tencent)" : "BD-09 (Baidu)"
        throw ShelterbeltError(
            .badInput, file: source.path, layer: layer,
            problem: String(
                format: "its boundaries follow the banner boundaries %.0f m off as declared but %.0f m off read as %@: "
                    + "the coordinates look copied from a web map in %@, not WGS 84", assessment.declaredMedian,
                assessment.median(offset), offset.rawValue, name),
            remedy: source.role.advice("assume-crs", offset.rawValue) + " to convert them to WGS 84")
    }

    private static func referenceBoundaries() throws -> [[UInt8]] {
        if let known = reference.value { return known }
        var found: [[UInt8]] = []
        if let set = try? LayerSet.load(nil), let banners = set.layers.first(where: { $0.kind == .banner }) {
            let source = try FeatureSource(banners.source, to: .geodesic, edges: .geodesic)
            while let item = try source.nextKept(), let geometry = item.geometry { found.append(geometry.wkb) }
        }
        reference.update { $0 = found }
        return found
    }
}
