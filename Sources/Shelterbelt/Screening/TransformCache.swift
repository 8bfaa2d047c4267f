import GeoKit

/// Transformations to CGCS2000 lon/lat made once per source CRS while the inputs are read: PROJ takes
/// about 0.1 s to make one between datums, and the constraint layers usually share a CRS.
/// Used from one thread.
final class TransformCache {
    private var made: [String: CoordinateTransform] = [:]

    /// The transformation for a layer, nil when it is already in EPSG:4490.
    func transform(for opened: OpenedLayer) throws -> CoordinateTransform? {
        guard let definition = try Reprojection.sourceDefinition(of: opened, for: .geodesic) else { return nil }
        return try transform(from: definition, label: opened.label)
    }

    func transform(from definition: String, label: LayerLabel) throws -> CoordinateTransform {
        if let found = made[definition] { return found }
        let new = try Reprojection.make(from: definition, to: .geodesic, label: label)
        made[definition] = new
        return new
    }
}
