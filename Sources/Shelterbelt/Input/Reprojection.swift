import GeoKit

/// Bringing layers into the working CRS of an area method.
enum Reprojection {
    /// The transformation of a layer into the working CRS, or nil when it is already in it.
    static func transform(from opened: OpenedLayer, to method: AreaMethod) throws -> CoordinateTransform? {
        try transform(from: opened.crs, to: method, label: opened.label)
    }

    static func transform(from crs: SpatialReference, to method: AreaMethod, label: LayerLabel) throws
        -> CoordinateTransform?
    {
        crs.isSame(as: try SpatialReference(method.workingCRS))
            ? nil : try make(from: crs.definition, to: method, label: label)
    }

    /// Transformations made so far, by source and target. PROJ takes up to 0.1 s to build one between
    /// datums (it searches its database) and a copy takes microseconds, so each is built once per run
    /// and every caller gets a copy of its own, for its own thread.
    private static let made = Locked<[String: CoordinateTransform]>([:])

    static func make(from definition: String, to method: AreaMethod, label: LayerLabel) throws -> CoordinateTransform {
        let key = definition + " -> " + method.workingCRS
        let result = made.update { made -> Result<CoordinateTransform, Error> in
            Result {
                if let prototype = made[key] { return try prototype.copy() }
                let new = try CoordinateTransform(from: definition, to: method.workingCRS)
                made[key] = new
                return try new.copy()
            }
        }
        do { return try result.get() } catch let error as TransformError {
            throw ShelterbeltError(
                .badInput, file: label.path, layer: label.name,
                problem: "its CRS cannot be transformed to \(method.workingCRS): \(error.message)")
        }
    }

    /// Datums that PROJ may take as CGCS2000 without harm: they agree to centimetres.
    static let modernDatums = [
        "China 2000", "China Geodetic Coordinate System 2000", "World Geodetic System 1984", "WGS 84", "ITRF",
        "International Terrestrial Reference Frame",
    ]

    /// Whether the transformation takes an older datum (Beijing 1954, Xian 1980 …) as CGCS2000 for want
    /// of parameters: the data then lie tens of metres off, which the output must say.
    static func guessesDatum(_ transform: CoordinateTransform) -> Bool {
        guard transform.isBallpark, let datum = transform.sourceDatum else { return false }
        return !modernDatums.contains { datum.contains($0) }
    }

    static func apply(
        _ transform: CoordinateTransform?, to geometry: Geometry, feature: Int64, of label: LayerLabel,
        notes: inout InputNotes
    ) throws -> Geometry {
        guard let transform else { return geometry }
        if guessesDatum(transform) { notes.record(.guessedDatum, feature: feature) }
        do { return try transform.apply(geometry) } catch {
            throw ShelterbeltError(
                .badInput, file: label.path, layer: label.name, feature: feature,
                problem: "has coordinates that cannot be transformed from \(transform.source) to \(transform.target)",
                remedy: "check the layer's CRS (a wrong .prj or --assume-crs puts coordinates outside the projection)")
        }
    }
}
