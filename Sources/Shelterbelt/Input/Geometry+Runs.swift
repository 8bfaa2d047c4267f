import GeoKit

/// A geometry's coordinates as runs of points, the way the reader checks and densifies them.
extension Geometry {
    /// The coordinates as stored: each ring of each polygon, each line, each point.
    var coordinateRuns: [[Point]] {
        get throws {
            switch try kind {
            case .polygon, .multiPolygon: try polygons.flatMap { [$0.exterior] + $0.holes }
            case .point, .lineString, .linearRing: [try linePoints]
            case .multiPoint, .multiLineString, .collection: try parts.flatMap { try $0.coordinateRuns }
            }
        }
    }

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
