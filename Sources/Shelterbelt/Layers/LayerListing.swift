import GeoKit

/// `layers list`: each layer of a set with its feature count and the area it covers.
public struct LayerSummary: Sendable {
    public let layer: LayerDefinition
    public let features: Int
    /// Geodesic area in m² (overlaps counted once); nil for line layers.
    public let area: Double?

    public static func list(_ set: LayerSet) throws -> [LayerSummary] {
        let context = GEOSContext()
        return try set.layers.map { definition in
            let layer = try LoadedLayer(definition, context: context)
            return LayerSummary(layer: definition, features: layer.featuresRead, area: try layer.coveredArea())
        }
    }
}
