import GeoKit

/// Bringing layers into the working CRS of an area method.
enum Reprojection {
    /// The PROJ definition to transform from, or nil when the layer is already in the working CRS.
    static func sourceDefinition(of opened: OpenedLayer, for method: AreaMethod) throws -> String? {
        let working = try SpatialReference(method.workingCRS)
        return opened.crs.isSame(as: working) ? nil : opened.crs.definition
    }

    static func transform(from opened: OpenedLayer, to method: AreaMethod) throws -> CoordinateTransform? {
        try sourceDefinition(of: opened, for: method).map { try make(from: $0, to: method, label: opened.label) }
    }

    static func make(from definition: String, to method: AreaMethod, label: LayerLabel) throws -> CoordinateTransform {
        do { return try CoordinateTransform(from: definition, to: method.workingCRS) } catch let error as TransformError {
            throw ShelterbeltError(.badInput, file: label.path, layer: label.name,
                                   problem: "its CRS cannot be transformed to \(method.workingCRS): \(error.message)")
        }
    }

    static func apply(_ transform: CoordinateTransform?, to geometry: Geometry, feature: Int64, of label: LayerLabel) throws -> Geometry {
        guard let transform else { return geometry }
        do { return try transform.apply(geometry) } catch {
            throw ShelterbeltError(.badInput, file: label.path, layer: label.name, feature: feature,
                                   problem: "has coordinates that cannot be transformed from \(transform.source) to \(transform.target)",
                                   remedy: "check the layer's CRS (a wrong .prj or --assume-crs puts coordinates outside the projection)")
        }
    }
}
