import GeoKit

/// A feature as it leaves the reading thread: plain values, safe to hand to a worker.
public struct RawFeature: Sendable {
    public let id: Int64
    public let geometry: FeatureGeometry?
    /// The values of the fields asked for, in the order asked, typed as the layer declares them.
    public let values: [FieldValue]

    /// The first field's value as text (the `--by` class, a zone's name, a feature's id).
    public var key: String? { values.first?.text }
}

extension FieldValue {
    /// The value as text (numbers as written), nil when null.
    public var text: String? {
        switch self {
        case .null: nil
        case .string(let text): text
        case .integer(let number): String(number)
        case .real(let number): JSONValue.format(number)
        }
    }
}

extension OpenedLayer {
    public func nextRaw(fields: [Int]) throws -> RawFeature? {
        let feature: Feature?
        do { feature = try layer.nextFeature() } catch let error as GDALError {
            throw ShelterbeltError(
                .badInput, file: source.path, layer: name, problem: "cannot be read to the end: \(error.message)",
                remedy: "the file may be truncated or corrupt; export it again from the source system")
        }
        guard let feature else { return nil }
        return try raw(feature, fields: fields)
    }

    /// Reads one feature by id (for a second look at features that may overlap).
    public func raw(id: Int64, fields: [Int]) throws -> RawFeature {
        let feature: Feature
        do { feature = try layer.feature(id: id) } catch let error as GDALError {
            throw ShelterbeltError(.badInput, file: source.path, layer: name, feature: id, problem: error.message)
        }
        return try raw(feature, fields: fields)
    }

    private func raw(_ feature: Feature, fields: [Int]) throws -> RawFeature {
        let values = try fields.map { index -> FieldValue in
            switch fieldKinds[index] {
            case .integer: feature.integer(at: index).map(FieldValue.integer) ?? .null
            case .real: feature.double(at: index).map(FieldValue.real) ?? .null
            case .string: try text(feature, field: index).map(FieldValue.string) ?? .null
            }
        }
        return RawFeature(id: feature.id, geometry: feature.geometry(), values: values)
    }
}
