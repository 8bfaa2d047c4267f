import GeoKit

/// `layers check`: whether each layer of a layer set is what its manifest says it is — it opens, has
/// features in a known CRS, valid geometry, no overlaps and no gaps if it is a partition, nothing
/// outside the city, and the published area within tolerance.
public enum LayerCheck {
    /// Overlaps, gaps and spill-overs thinner than this on average along the layer's edges are rounding
    /// slivers: reported, but they do not fail. Coordinates written with 6 decimals of a degree move by up to
    /// about 0.05 m, so two roundings of one edge part by up to about 0.1 m.
    static let sliverWidth = 0.1

    public static func run(_ set: LayerSet) throws -> [LayerCheckResult] {
        let context = GEOSContext()
        // A city layer that cannot be read fails its own check; the others are then not checked against it.
        let city = try set.city.flatMap { try? LoadedLayer($0, context: context) }.map { try $0.union() }
        return try set.layers.map { try check($0, city: city, manifestCRS: set.manifest.crs, context: context) }
    }

    static func check(
        _ definition: LayerDefinition, city: Geometry?, manifestCRS: String,
        context: GEOSContext
    ) throws -> LayerCheckResult {
        var result = LayerCheckResult(layer: definition)
        let layer: LoadedLayer
        do { layer = try LoadedLayer(definition, context: context) } catch let error as ShelterbeltError {
            result.openError = error.description
            return result
        }
        result.featuresRead = layer.featuresRead
        result.crs = layer.crs.name
        result.crsMatchesManifest = sameCoordinates(layer, in: manifestCRS)
        result.missingFields = layer.missingFields
        result.invalidIds = [InputNotes.Kind.repaired, .collapsed].flatMap { layer.notes.examples[$0, default: []] }
            .map(layer.id(ofFid:))
        result.invalid = (layer.notes.counts[.repaired] ?? 0) + (layer.notes.counts[.collapsed] ?? 0)
        result.skipped = layer.notes.skipped - (layer.notes.counts[.collapsed] ?? 0)
        result.notes = layer.notes
        guard !definition.kind.isLinear, !layer.features.isEmpty else { return result }

        let union = try layer.union()
        result.area = try layer.meter.area(union)
        result.negligibleArea = try sliverWidth * edgeLength(of: layer.features.map(\.geometry))
        if definition.partition {
            result.overlaps = try overlaps(in: layer)
            result.gapArea = try layer.meter.area(
                try gapRegion(of: union, kind: definition.kind, city: city).difference(union).polygonalPart())
        }
        if let city, definition.kind != .city {
            result.outsideCityArea = try layer.meter.area(try union.difference(city).polygonalPart())
            result.outsideFeatures = try layer.features.compactMap { feature in
                let outside = try layer.meter.area(try feature.geometry.difference(city).polygonalPart())
                return outside > 0 ? LayerCheckResult.FeatureArea(id: feature.id, area: outside) : nil
            }.sorted { $0.area > $1.area }
        }
        return result
    }

    /// Whether the layer's coordinates mean the same in the manifest's CRS: the same CRS, or one that PROJ
    /// relates to it without a change (RFC 7946 GeoJSON is reported as WGS 84, which PROJ takes to CGCS2000 as is).
    static func sameCoordinates(_ layer: LoadedLayer, in manifestCRS: String) -> Bool {
        if let manifest = try? SpatialReference(manifestCRS), layer.crs.isSame(as: manifest) { return true }
        guard let extent = layer.extent,
            let transform = try? CoordinateTransform(from: layer.crs.definition, to: manifestCRS)
        else { return false }
        let centre = Point(x: (extent.minX + extent.maxX) / 2, y: (extent.minY + extent.maxY) / 2)
        guard let moved = transform.apply(centre) else { return false }
        return abs(moved.x - centre.x) < 1e-9 && abs(moved.y - centre.y) < 1e-9
    }

    /// Total geodesic length in metres of the rings of the polygons (shared edges count once per polygon).
    static func edgeLength(of polygons: [Geometry]) throws -> Double {
        let geodesic = Geodesic(.grs80)
        return try polygons.flatMap { try $0.polygons }.flatMap { [$0.exterior] + $0.holes }.reduce(0) { total, ring in
            zip(ring, ring.dropFirst()).reduce(total) { $0 + geodesic.distance($1.0, $1.1) }
        }
    }

    /// Pairs of features whose interiors overlap, with the area they share.
    static func overlaps(in layer: LoadedLayer) throws -> [LayerCheckResult.Overlap] {
        let shapes = layer.features.map(\.geometry)
        let tree = try STRTree(shapes, context: layer.context)
        var found: [LayerCheckResult.Overlap] = []
        for (index, shape) in shapes.enumerated() {
            for other in tree.query(shape) where try other > index && shape.relate(shapes[other], pattern: "T********")
            {
                let shared = try layer.meter.area(try shape.intersection(shapes[other]).polygonalPart())
                found.append(.init(first: layer.features[index].id, second: layer.features[other].id, area: shared))
            }
        }
        return found.sorted { $0.area > $1.area }
    }

    /// Where a partition should leave no hole: all of the city for kinds that tile it (banners, the five
    /// zones); for the others (the ten tributaries cover only the north) the area their outline encloses,
    /// within the city.
    static func gapRegion(of union: Geometry, kind: LayerKind, city: Geometry?) throws -> Geometry {
        if kind.tilesCity, let city { return city }
        let outlines = try union.polygons.map {
            try Geometry.polygon(PolygonRings(exterior: $0.exterior, holes: []), context: union.context)
        }
        let filled = try Geometry.collection(outlines, context: union.context).unaryUnion()
        return try city.map { try filled.intersection($0).polygonalPart() } ?? filled
    }
}

/// What `layers check` found for one layer. Areas in m² (geodesic, GRS80).
public struct LayerCheckResult: Sendable {
    public struct Overlap: Sendable {
        public let first: String
        public let second: String
        public let area: Double
    }

    public struct FeatureArea: Sendable {
        public let id: String
        public let area: Double
    }

    public let layer: LayerDefinition
    /// Why the layer could not be read; nothing else is known then.
    public var openError: String?
    public var featuresRead = 0
    public var crs: String?
    public var crsMatchesManifest = true
    /// Mapped fields (id_field, name_zh_field, name_en_field) the layer lacks.
    public var missingFields: [String] = []
    /// Invalid polygons (repaired for measuring), with the first few ids.
    public var invalid = 0
    public var invalidIds: [String] = []
    /// Features with no usable geometry for the layer's kind (null, empty, points in an area layer …).
    public var skipped = 0
    /// Everything the reader noted about the layer; repairs and skips are also problems above.
    public var notes = InputNotes()
    /// Area the features cover, overlaps counted once; nil for line layers.
    public var area: Double?
    /// Partitions only: overlapping pairs, and uncovered area where the partition should cover.
    public var overlaps: [Overlap]?
    public var gapArea: Double?
    /// Area of the layer outside the city outline (when the set has one), and the features that stick out.
    public var outsideCityArea: Double?
    public var outsideFeatures: [FeatureArea] = []

    init(layer: LayerDefinition) { self.layer = layer }

    /// (measured − published) / published.
    public var deviation: Double? { layer.deviation(of: area) }

    /// Overlap, gap or spill-over area below which it is a rounding sliver and does not fail the check:
    /// `LayerCheck.sliverWidth` times the length of the features' edges.
    public var negligibleArea = 0.0

    public var overlapArea: Double { overlaps?.map(\.area).reduce(0, +) ?? 0 }

    /// What fails, in words; empty when the layer passes. Areas are given in `unit`.
    public func problems(in unit: AreaUnit) -> [String] {
        func amount(_ squareMetres: Double) -> String { AreaText.format(squareMetres, unit) }
        if let openError { return ["cannot be read: \(openError)"] }
        var problems: [String] = []
        if featuresRead == 0 { problems.append("has no features") }
        if !missingFields.isEmpty {
            problems.append("lacks the mapped field(s) \(missingFields.joined(separator: ", "))")
        }
        if invalid > 0 { problems.append("\(invalid) invalid geometries (e.g. \(invalidIds.joined(separator: ", ")))") }
        if skipped > 0 {
            problems.append("\(skipped) features without a usable \(layer.kind.isLinear ? "line" : "polygon")")
        }
        if overlapArea > negligibleArea, let overlaps {
            let pairs = overlaps.prefix(5).map { "\($0.first) × \($0.second) \(amount($0.area))" }.joined(
                separator: "; ")
            problems.append(
                "partition has \(overlaps.count) overlapping pairs, \(amount(overlapArea)) in all: \(pairs)")
        }
        if let gapArea, gapArea > negligibleArea {
            problems.append("partition leaves gaps of \(amount(gapArea)) inside the city")
        }
        if let outside = outsideCityArea, outside > negligibleArea {
            let features = outsideFeatures.prefix(5).map { "\($0.id) \(amount($0.area))" }.joined(separator: "; ")
            problems.append("\(amount(outside)) lies outside the city: \(features)")
        }
        if let deviation, let tolerance = layer.tolerance, abs(deviation) > tolerance {
            problems.append(
                String(
                    format: "area is %+.2f%% off the published figure (tolerance ±%.2f%%)", deviation * 100,
                    tolerance * 100))
        }
        return problems
    }

    /// What is worth knowing but does not fail the check.
    public func remarks(in unit: AreaUnit) -> [String] {
        guard openError == nil else { return [] }
        var remarks: [String] = []
        if !crsMatchesManifest {
            remarks.append("CRS \(crs ?? "?") differs from the manifest's CRS; reprojected when used")
        }
        if overlapArea > 0, overlapArea <= negligibleArea {
            remarks.append("sliver overlaps of \(AreaText.format(overlapArea, unit)) (negligible)")
        }
        if let gapArea, gapArea > 0, gapArea <= negligibleArea {
            remarks.append("sliver gaps of \(AreaText.format(gapArea, unit)) (negligible)")
        }
        if let outside = outsideCityArea, outside > 0, outside <= negligibleArea {
            remarks.append("slivers of \(AreaText.format(outside, unit)) outside the city (negligible)")
        }
        if let deviation, layer.tolerance == nil {
            remarks.append(
                String(format: "area is %+.2f%% off the published figure (no tolerance given)", deviation * 100))
        }
        let failing = Set(InputNotes.Kind.allCases.filter { $0.isSkip || $0 == .repaired })
        return remarks
            + InputNotesText.lines(
                [LayerNotes(role: .layerSet, path: layer.path, notes: notes)], bilingual: false, excluding: failing)
    }

    public var passed: Bool { problems(in: .m2).isEmpty }
}
