import Foundation
import GeoKit

/// A feature for an RFC 7946 document: geometry in WGS84 lon/lat and ordered properties.
public struct GeoJSONFeature {
    public var id: JSONValue?
    public var geometry: Geometry
    public var properties: [(String, JSONValue)]

    public init(id: JSONValue? = nil, geometry: Geometry, properties: [(String, JSONValue)]) {
        self.id = id; self.geometry = geometry; self.properties = properties
    }
}

/// Writes GeoJSON by RFC 7946: WGS84 lon/lat, no "crs" member, exterior rings counter-clockwise and
/// holes clockwise, coordinates rounded to `precision` decimals (6 ≈ 0.1 m), and a bbox.
public enum GeoJSONWriter {
    public static let defaultPrecision = 6

    /// `foreign`: members beside "features" (RFC 7946 §6.1), such as the notes of the layers the figures rest on.
    public static func document(
        _ features: [GeoJSONFeature], precision: Int = defaultPrecision,
        foreign: [(String, JSONValue)] = []
    ) throws -> String {
        var box = Envelope.empty
        let items = try features.map { feature -> JSONValue in
            let geometry = try withoutIdleVertices(feature.geometry, precision: precision)
            let envelope = try geometry.envelope
            box = box.union(envelope)
            var members: [(String, JSONValue)] = [("type", .string("Feature"))]
            if let id = feature.id { members.append(("id", id)) }
            members.append(("bbox", bbox(envelope, precision)))
            members.append(("geometry", try self.geometry(geometry, precision)))
            members.append(("properties", .object(feature.properties)))
            return .object(members)
        }
        var document: [(String, JSONValue)] = [("type", .string("FeatureCollection"))]
        if !box.isEmpty { document.append(("bbox", bbox(box, precision))) }
        document += foreign
        document.append(("features", .array(items)))
        return JSONValue.object(document).serialized(indent: nil) + "\n"
    }

    /// The geometry without the vertices that carry nothing at the output's precision: those the reader added to
    /// keep long edges straight lie on the line between their neighbours (for a longitude/latitude layer exactly,
    /// for a Gauss-Krüger one within millimetres), and would multiply the file's size.
    static func withoutIdleVertices(_ geometry: Geometry, precision: Int) throws -> Geometry {
        let kind = try geometry.kind
        guard kind != .point, kind != .multiPoint else { return geometry }
        return try geometry.simplified(pow(10, -Double(precision)) / 100)
    }

    static func bbox(_ envelope: Envelope, _ precision: Int) -> JSONValue {
        guard !envelope.isEmpty else { return .null }
        return .array([envelope.minX, envelope.minY, envelope.maxX, envelope.maxY].map { round($0, precision) })
    }

    static func geometry(_ geometry: Geometry, _ precision: Int) throws -> JSONValue {
        func position(_ p: Point) -> JSONValue { .array([round(p.x, precision), round(p.y, precision)]) }
        func polygon(_ rings: PolygonRings) -> JSONValue {
            .array(
                [.array(oriented(rings.exterior, counterClockwise: true).map(position))]
                    + rings.holes.map { .array(oriented($0, counterClockwise: false).map(position)) })
        }
        let kind = try geometry.kind
        switch kind {
        case .point:
            guard let point = try geometry.linePoints.first else { return .null }
            return .object([("type", .string("Point")), ("coordinates", position(point))])
        case .lineString, .linearRing:
            return .object([
                ("type", .string("LineString")), ("coordinates", .array(try geometry.linePoints.map(position))),
            ])
        case .polygon:
            let polygons = try geometry.polygons
            return .object([("type", .string("Polygon")), ("coordinates", polygons.first.map(polygon) ?? .array([]))])
        case .multiPolygon:
            return .object([
                ("type", .string("MultiPolygon")), ("coordinates", .array(try geometry.polygons.map(polygon))),
            ])
        case .multiPoint, .multiLineString, .collection:
            let parts = try geometry.parts
            if kind == .multiLineString {
                let lines = try parts.map { JSONValue.array(try $0.linePoints.map(position)) }
                return .object([("type", .string("MultiLineString")), ("coordinates", .array(lines))])
            }
            if kind == .multiPoint {
                let points = try parts.compactMap { try $0.linePoints.first.map(position) }
                return .object([("type", .string("MultiPoint")), ("coordinates", .array(points))])
            }
            let members = try parts.map { try self.geometry($0, precision) }
            return .object([("type", .string("GeometryCollection")), ("geometries", .array(members))])
        }
    }

    /// The ring turned to the wanted winding (shoelace sign; lon/lat is fine for orientation).
    static func oriented(_ ring: [Point], counterClockwise: Bool) -> [Point] {
        var twiceArea = 0.0
        for index in 0..<max(ring.count - 1, 0) {
            twiceArea += ring[index].x * ring[index + 1].y - ring[index + 1].x * ring[index].y
        }
        return (twiceArea > 0) == counterClockwise ? ring : ring.reversed()
    }

    static func round(_ value: Double, _ digits: Int) -> JSONValue { JSONValue.rounded(value, digits) }
}
