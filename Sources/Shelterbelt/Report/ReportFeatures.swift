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

/// Reads whole layers for the report: polygons repaired as `stats` repairs them (make-valid), lines kept
/// as lines, everything else noted and left out, as in `stats`.
enum ReportReader {
    /// Every usable feature of `source`, in file order. With `lines`, the layer is read as centre lines.
    static func read(_ source: LayerSource, lines: Bool = false, notes: inout InputNotes) throws -> [ReportFeature] {
        let opened = try source.open()
        let label = opened.label
        let fields = opened.layer.fieldDefinitions
        let context = GEOSContext()
        let toCGCS2000 = try Reprojection.transform(from: opened, to: .geodesic)
        let toWGS84 = try CoordinateTransform(from: AreaMethod.geodesic.workingCRS, to: "EPSG:4326")
        let geodesic = Geodesic(.grs80)
        let meter = AreaMeter(.geodesic)
        var features: [ReportFeature] = []
        while true {
            let feature: Feature?
            do { feature = try opened.layer.nextFeature() } catch let error as GDALError {
                throw ShelterbeltError(.badInput, file: source.path, layer: opened.name, problem: "cannot be read to the end: \(error.message)",
                                       remedy: "the file may be truncated or corrupt; export it again from the source system")
            }
            guard let feature else { break }
            let raw = RawFeature(id: feature.id, geometry: feature.geometry(), key: nil)
            let read = lines ? try line(raw, in: context, notes: &notes)
                             : try ZoneSet.polygonal(raw, in: context, label: label, notes: &notes)
            guard let read else { continue }
            let geometry = try Reprojection.apply(toCGCS2000, to: read, feature: raw.id, of: label, notes: &notes)
            var attributes: [(String, JSONValue)] = []
            for (index, field) in fields.enumerated() {
                let value: JSONValue
                switch field.kind {
                case .integer: value = feature.double(at: index).map { .integer(Int($0)) } ?? .null
                case .real: value = feature.double(at: index).map(JSONValue.number) ?? .null
                case .string: value = try opened.text(feature, field: index).map(JSONValue.string) ?? .null
                }
                attributes.append((field.name, value))
            }
            let length = lines ? try geometry.lineParts.reduce(0.0) { sum, points in
                sum + zip(points, points.dropFirst()).reduce(0.0) { $0 + geodesic.distance($1.0, $1.1) }
            } : nil
            let wgs84: Geometry
            do { wgs84 = try toWGS84.apply(geometry) } catch {
                throw ShelterbeltError(.badInput, file: source.path, layer: opened.name, feature: raw.id,
                                       problem: "has coordinates that cannot be transformed to WGS84 lon/lat")
            }
            features.append(ReportFeature(fid: raw.id, wkb: wgs84.wkb, areaM2: lines ? nil : try meter.area(geometry),
                                          lengthM: length, attributes: attributes))
        }
        return features
    }

    /// A line feature as read; anything else in a line layer is noted and left out.
    private static func line(_ raw: RawFeature, in context: GEOSContext, notes: inout InputNotes) throws -> Geometry? {
        guard let read = raw.geometry else { notes.record(.nullGeometry, feature: raw.id); return nil }
        if read.isEmpty { notes.record(.emptyGeometry, feature: raw.id); return nil }
        guard read.kind == .line else { notes.record(.otherGeometry, feature: raw.id); return nil }
        return try Geometry(wkb: read.wkb, context: context)
    }

    /// The id, Chinese and English names of each feature of a manifest layer, by its field mapping.
    static func names(_ feature: ReportFeature, of layer: LayerDefinition) -> (id: String, zh: String, en: String) {
        (feature.text(layer.idField) ?? "#\(feature.fid)", feature.text(layer.nameZhField) ?? "", feature.text(layer.nameEnField) ?? "")
    }
}

extension Geometry {
    /// The points of each line of a line or multi-line geometry.
    var lineParts: [[Point]] {
        get throws {
            switch try kind {
            case .lineString, .linearRing: [try linePoints]
            case .multiLineString, .collection: try parts.flatMap { try $0.lineParts }
            default: []
            }
        }
    }
}
