import Foundation
import GeoKit

/// A feature as the report draws and exports it: geometry in WGS84 lon/lat (WKB, for RFC 7946 and
/// the maps), its geodesic area or length measured in CGCS2000 before that, and its attributes typed
/// as the layer declares them.
struct ReportFeature: Sendable {
    let fid: Int64
    /// EPSG:4326 lon/lat.
    let wkb: [UInt8]
    /// m², geodesic on GRS80; nil for lines.
    let areaM2: Double?
    /// m², geodesic; nil for areas.
    let lengthM: Double?
    let attributes: [(String, JSONValue)]

    func value(_ field: String) -> JSONValue? { attributes.first { $0.0 == field }?.1 }

    /// A field's value as text (numbers as written), nil when missing or null.
    func text(_ field: String) -> String? {
        switch value(field) {
        case .string(let text)?: text
        case .integer(let number)?: String(number)
        case .number(let number)?: JSONValue.format(number)
        default: nil
        }
    }

    func number(_ field: String) -> Double? {
        switch value(field) {
        case .integer(let number)?: Double(number)
        case .number(let number)?: number
        case .string(let text)?: Double(text)
        default: nil
        }
    }
}

/// Reads whole layers for the report through the one feature reader: polygons repaired as `stats` repairs
/// them, lines kept as lines, everything else noted and left out.
enum ReportReader {
    /// Every usable feature of `source`, in file order, with all its attributes.
    static func read(_ source: LayerSource, edges: EdgeRule, notes: inout InputNotes) throws -> [ReportFeature] {
        let opened = try source.open()
        let fields = opened.layer.fieldDefinitions
        let reader = try FeatureSource(opened, fields: Array(fields.indices), to: .geodesic, edges: edges)
        let toWGS84 = try CoordinateTransform(from: AreaMethod.geodesic.workingCRS, to: "EPSG:4326")
        let geodesic = Geodesic(.grs80)
        let meter = AreaMeter(.geodesic, edges: edges)
        let lines = source.shapes == .lines
        var features: [ReportFeature] = []
        while let item = try reader.nextKept(), let geometry = item.geometry {
            let attributes = zip(fields, item.raw.values).map { field, value -> (String, JSONValue) in
                switch value {
                case .null: (field.name, .null)
                case .string(let text): (field.name, .string(text))
                case .integer(let number): (field.name, .integer(number))
                case .real(let number): (field.name, .number(number))
                }
            }
            let length =
                lines
                ? try geometry.lineParts.reduce(0.0) { sum, points in
                    sum + zip(points, points.dropFirst()).reduce(0.0) { $0 + geodesic.distance($1.0, $1.1) }
                } : nil
            let wgs84: Geometry
            do { wgs84 = try toWGS84.apply(geometry) } catch {
                throw ShelterbeltError(
                    .badInput, file: source.path, layer: opened.name, feature: item.id,
                    problem: "has coordinates that cannot be transformed to WGS84 lon/lat")
            }
            features.append(
                ReportFeature(
                    fid: item.id, wkb: wgs84.wkb, areaM2: lines ? nil : try meter.area(geometry),
                    lengthM: length, attributes: attributes))
        }
        notes.merge(reader.notes)
        return features
    }

    /// The id, Chinese and English names of each feature of a manifest layer, by its field mapping.
    static func names(_ feature: ReportFeature, of layer: LayerDefinition) -> (id: String, zh: String, en: String) {
        (
            feature.text(layer.idField) ?? "#\(feature.fid)", feature.text(layer.nameZhField) ?? "",
            feature.text(layer.nameEnField) ?? ""
        )
    }
}
