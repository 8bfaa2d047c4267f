import Foundation
import GeoKit

/// Turns a feature as read into a clean geometry in the working CRS, noting everything it changed or left out.
///
/// The one place where every layer's geometries are checked and repaired, whatever its role: kinds the role
/// does not take are skipped, corrupt coordinates refused, web-map offsets removed, invalid polygons repaired
/// (GEOS make-valid, structure method), long edges densified in the layer's CRS and the result reprojected.
/// One per thread: it owns a GEOS context and a PROJ transformation; `copy()` makes another.
final class FeatureCleaner {
    enum Outcome {
        case kept(Geometry, FeatureShape)
        case skipped(InputNotes.Kind)
    }

    /// What a cleaner does to a layer's features: plain values, the same for every thread.
    struct Settings: Sendable {
        let label: LayerLabel
        let shapes: FeatureShape.Accepted
        let offset: WebMapOffset?
        let check: CoordinateCheck
        /// Longest edge kept as it is, in the layer's units; nil when edges are taken as they are.
        let densifyStep: Double?
        /// Skip features with corrupt coordinates (noted) instead of stopping.
        let skipBadCoordinates: Bool
    }

    let settings: Settings
    let transform: CoordinateTransform?
    let context: GEOSContext
    var label: LayerLabel { settings.label }

    /// A cleaner on another thread: the same settings, its own copy of the transformation and its own context.
    init(_ settings: Settings, transform: CoordinateTransform?, context: GEOSContext = GEOSContext()) {
        (self.settings, self.transform, self.context) = (settings, transform, context)
    }

    /// `context`: the calling thread's, when the geometries are to meet others made there.
    convenience init(
        _ opened: OpenedLayer, to method: AreaMethod, edges: EdgeRule, context: GEOSContext = GEOSContext()
    ) throws {
        try self.init(opened, shapes: opened.source.shapes, to: method, edges: edges, context: context)
    }

    convenience init(
        _ reader: FeatureReader, shapes: FeatureShape.Accepted, to method: AreaMethod, edges: EdgeRule,
        context: GEOSContext = GEOSContext()
    ) throws {
        try self.init(
            label: reader.label, crs: reader.crs, shapes: shapes, offset: reader.webMapOffset,
            skipBadCoordinates: reader.skipBadCoordinates, to: method, edges: edges, context: context)
    }

    /// A cleaner for features in `crs` that come from elsewhere than an OGR layer (boundary-point files).
    convenience init(
        label: LayerLabel, crs: SpatialReference, shapes: FeatureShape.Accepted, offset: WebMapOffset? = nil,
        skipBadCoordinates: Bool = false, to method: AreaMethod, edges: EdgeRule, context: GEOSContext = GEOSContext()
    ) throws {
        let transform = try Reprojection.transform(from: crs, to: method, label: label)
        // Edges stay straight without extra vertices where the layer is already in the working CRS, or in
        // lon/lat for a geodesic run (whose areas take lon/lat edges as straight: `AreaMeter`).
        let straightAlready = transform == nil || (crs.isGeographic && method.isGeodesic)
        let settings = Settings(
            label: label, shapes: shapes, offset: offset, check: CoordinateCheck(geographic: crs.isGeographic),
            densifyStep: edges == .straight && !straightAlready ? EdgeRule.step(geographic: crs.isGeographic) : nil,
            skipBadCoordinates: skipBadCoordinates)
        self.init(settings, transform: transform, context: context)
    }

    /// The feature's geometry in the working CRS, or why it was left out; `notes` records either.
    func clean(_ raw: RawFeature, notes: inout InputNotes) throws -> Outcome {
        let outcome = try read(raw, notes: &notes)
        if case .skipped(let kind) = outcome { notes.record(kind, feature: raw.id) }
        return outcome
    }

    /// The geometry of a feature expected to hold one, or an error naming it.
    func geometry(_ raw: RawFeature, notes: inout InputNotes) throws -> Geometry? {
        guard case .kept(let geometry, _) = try clean(raw, notes: &notes) else { return nil }
        return geometry
    }

    private func read(_ raw: RawFeature, notes: inout InputNotes) throws -> Outcome {
        guard let read = raw.geometry else { return .skipped(.nullGeometry) }
        if read.notes.hadZ { notes.record(.droppedZ, feature: raw.id) }
        if read.notes.hadM { notes.record(.droppedM, feature: raw.id) }
        if read.notes.wasCurve { notes.record(.linearizedCurves, feature: raw.id) }
        if read.notes.closedRings { notes.record(.closedRings, feature: raw.id) }
        if read.isEmpty { return .skipped(.emptyGeometry) }
        do {
            var geometry = try Geometry(wkb: read.wkb, context: context)
            var shape: FeatureShape
            switch read.kind {
            case .point:
                guard settings.shapes == .any else { return .skipped(.points) }
                shape = .point
            case .line where label.closedLinesAreAreas && settings.shapes != .lines:
                guard let area = try closedLines(geometry) else {
                    return settings.shapes == .any ? try finish(geometry, .line, raw, &notes) : .skipped(.lines)
                }
                notes.record(.closedLines, feature: raw.id)
                (geometry, shape) = (area, .area)
            case .line:
                guard settings.shapes != .areas else { return .skipped(.lines) }
                shape = .line
            case .polygonal, .collection:
                guard settings.shapes != .lines else { return .skipped(.otherGeometry) }
                if read.kind == .collection {
                    let polygons = try geometry.polygonalPart()
                    if try polygons.isEmpty { return .skipped(.otherGeometry) }
                    if try polygons.pointCount < geometry.pointCount { notes.record(.otherParts, feature: raw.id) }
                    geometry = polygons
                }
                shape = .area
            case .other:
                return .skipped(.otherGeometry)
            }
            return try finish(geometry, shape, raw, &notes)
        } catch let error as GeometryError {
            throw ShelterbeltError(
                .badInput, file: label.path, layer: label.name, feature: raw.id,
                problem: "geometry cannot be used: \(error.message)", remedy: "check or redraw this feature")
        }
    }

    /// Checks, converts, repairs, densifies and reprojects a geometry of a kind the role takes.
    private func finish(_ stored: Geometry, _ shape: FeatureShape, _ raw: RawFeature, _ notes: inout InputNotes) throws
        -> Outcome
    {
        var geometry = stored
        let (problem, longestEdge) = try inspect(geometry, shape)
        if let problem {
            if settings.skipBadCoordinates { return .skipped(.badCoordinates) }
            // The roles whose command has the option: a zone or constraint layer is fixed, not thinned.
            let skip =
                [.subject, .before, .after].contains(label.role)
                ? ", or pass --skip-bad-coordinates to leave such features out (they are counted)" : ""
            throw ShelterbeltError(
                .badInput, file: label.path, layer: label.name, feature: raw.id, problem: problem,
                remedy: "correct the feature in the source data" + skip)
        }
        if let offset = settings.offset {
            geometry = try offset.toWGS84(geometry)
            notes.record(.webMapOffset, feature: raw.id)
        }
        if shape == .area, try !SimpleRing.isCertainlyValid(geometry), try !geometry.isValid {
            geometry = try geometry.makeValid().polygonalPart()
            guard try !geometry.isEmpty else { return .skipped(.collapsed) }
            notes.record(.repaired, feature: raw.id)
        }
        if let step = settings.densifyStep, shape != .point, longestEdge > step {
            geometry = try Densify.geometry(geometry, step: step)
        }
        return .kept(try Reprojection.apply(transform, to: geometry, feature: raw.id, of: label, notes: &notes), shape)
    }

    /// The first problem of the coordinates as stored, and the longest edge. Areas are walked ring by ring in
    /// place (every subject vertex passes here); lines and points are rare enough to copy.
    private func inspect(_ geometry: Geometry, _ shape: FeatureShape) throws -> (problem: String?, longestEdge: Double)
    {
        var problem: String?
        var longest = 0.0
        func take(_ found: (problem: String?, longestEdgeSquared: Double)) {
            problem = problem ?? found.problem
            longest = max(longest, found.longestEdgeSquared)
        }
        if shape == .area {
            try geometry.forEachRing { ring, _ in take(settings.check.inspect(ring)) }
        } else {
            for run in try geometry.coordinateRuns { run.withUnsafeBufferPointer { take(settings.check.inspect($0)) } }
        }
        return (problem, longest.squareRoot())
    }

    /// CAD drawings (DXF) have no polygon type: a closed polyline is how they draw an area. nil when a line is open.
    private func closedLines(_ lines: Geometry) throws -> Geometry? {
        let rings = try (lines.kind == .multiLineString ? lines.parts : [lines]).map { try $0.linePoints }
        guard rings.allSatisfy({ $0.count >= 4 && $0.first == $0.last }) else { return nil }
        let polygons = try rings.map { try Geometry.polygon(PolygonRings(exterior: $0, holes: []), context: context) }
        let area = try Geometry.multiPolygon(polygons, context: context)
        return try area.isValid ? area : try area.makeValid().polygonalPart()
    }
}
