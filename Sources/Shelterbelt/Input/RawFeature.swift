import GeoKit

/// A feature as it leaves the reader thread: plain values, safe to hand to a worker.
public struct RawFeature: Sendable {
    public let id: Int64
    public let geometry: FeatureGeometry?
    /// The value of the `--by` field (or another chosen attribute), if any.
    public let key: String?
}

extension OpenedLayer {
    /// Reads the next feature with the text of field `keyField`; nil at the end of the layer.
    public func nextRaw(keyField: Int?) throws -> RawFeature? {
        let feature: Feature?
        do { feature = try layer.nextFeature() } catch let error as GDALError {
            throw ShelterbeltError(.badInput, file: source.path, layer: name, problem: "cannot be read to the end: \(error.message)",
                                   remedy: "the file may be truncated or corrupt; export it again from the source system")
        }
        guard let feature else { return nil }
        return RawFeature(id: feature.id, geometry: feature.geometry(), key: try keyField.flatMap { try text(feature, field: $0) })
    }

    /// Reads one feature by id (for a second look at features that may overlap).
    public func raw(id: Int64, keyField: Int?) throws -> RawFeature {
        let feature: Feature
        do { feature = try layer.feature(id: id) } catch let error as GDALError {
            throw ShelterbeltError(.badInput, file: source.path, layer: name, feature: id, problem: error.message)
        }
        return RawFeature(id: feature.id, geometry: feature.geometry(), key: try keyField.flatMap { try text(feature, field: $0) })
    }
}
