import GeoKit

/// Screens one site at a time against every rule. One per worker thread: it owns a GEOS context,
/// its own copies of the constraint pieces in one STR-tree per rule, prepared lazily, and its own
/// local projections. Mirrors the stats engine's `Distributor`.
final class SiteChecker {
    let context = GEOSContext()
    private let set: ConstraintSet
    private let projection: LocalProjection
    private let meter: AreaMeter
    /// Per layer: the pieces as geometries, and their prepared forms once needed.
    private let pieceShapes: [[Geometry]]
    private var prepared: [[PreparedGeometry?]]
    /// Per rule: an STR-tree over the pieces of the features it keeps.
    private let trees: [STRTree]

    init(_ set: ConstraintSet, edges: EdgeRule) throws {
        meter = AreaMeter(.geodesic, edges: edges)
        projection = LocalProjection(edges: edges)
        self.set = set
        let context = self.context
        let shapes = try set.layers.map { layer in try layer.pieces.map { try Geometry(wkb: $0.wkb, context: context) }
        }
        pieceShapes = shapes
        prepared = shapes.map { [PreparedGeometry?](repeating: nil, count: $0.count) }
        trees = try set.rulePieces.indices.map { rule in
            try STRTree(set.rulePieces[rule].map { shapes[set.ruleLayer[rule]][$0] }, context: context)
        }
    }

    private func preparedPiece(_ layer: Int, _ piece: Int) throws -> PreparedGeometry {
        if let made = prepared[layer][piece] { return made }
        let made = try PreparedGeometry(pieceShapes[layer][piece])
        prepared[layer][piece] = made
        return made
    }

    /// The site's geometry, buffered when it is a point or line.
    func geometry(of site: ScreeningSite, buffer: Double?) throws -> Geometry? {
        guard let wkb = site.wkb else { return nil }
        let geometry = try Geometry(wkb: wkb, context: context)
        guard site.shape != .area else { return geometry }
        guard let buffer, buffer > 0 else { return nil }
        return try projection.buffer(geometry, metres: buffer)
    }

    func check(_ site: ScreeningSite, buffer: Double?) throws -> SiteResult {
        guard let geometry = try geometry(of: site, buffer: buffer) else {
            return SiteResult(
                id: site.id, featureID: site.featureID, areaM2: 0, verdict: .clear, findings: [],
                skipped: site.skipped ?? "no usable geometry", bufferedM: nil)
        }
        let area = try meter.area(geometry)
        let envelope = try geometry.envelope
        var findings: [Finding] = []
        var thin: Bool?
        let siteIsThin = { [projection, tolerance = set.rules.toleranceM] () throws -> Bool in
            if let thin { return thin }
            let answer = try projection.isThin(geometry, tolerance: tolerance)
            thin = answer
            return answer
        }
        for (rule, definition) in set.rules.rules.enumerated() {
            let reach = definition.bufferM
            let layer = set.ruleLayer[rule]
            let box = LocalProjection.grow(envelope, by: reach)
            let hits = trees[rule].query(try Geometry.rectangle(box, context: context)).map { set.rulePieces[rule][$0] }
            let byFeature = Dictionary(grouping: hits) { set.layers[layer].pieces[$0].feature }
            for feature in byFeature.keys.sorted() {
                if let finding = try relate(
                    geometry, area: area, box: box, site: site, rule: rule, layer: layer,
                    feature: feature, pieces: byFeature[feature]!, siteIsThin: siteIsThin)
                {
                    findings.append(finding)
                }
            }
        }
        let verdict = findings.filter(\.counts).map { Verdict.flagged($0.severity) }.max() ?? .clear
        return SiteResult(
            id: site.id, featureID: site.featureID, areaM2: area, verdict: verdict, findings: findings,
            skipped: nil, bufferedM: site.shape == .area ? nil : buffer)
    }

    /// How the site meets one constraint feature, given its pieces near the site; nil when it does not
    /// touch it and is not within the rule's buffer.
    private func relate(
        _ site: Geometry, area: Double, box: Envelope, site record: ScreeningSite, rule: Int, layer: Int,
        feature index: Int, pieces: [Int], siteIsThin: () throws -> Bool
    ) throws -> Finding? {
        let definition = set.rules.rules[rule]
        let feature = set.layers[layer].features[index]
        let reach = definition.bufferM
        // Cheap rejections on the prepared pieces: not touching (no buffer), or clearly farther than the buffer.
        var touching = false
        var inside = false
        for piece in pieces {
            let prepared = try preparedPiece(layer, piece)
            if try prepared.intersects(site) {
                touching = true
                if feature.kind == .area, try prepared.containsProperly(site) { inside = true }
                break
            }
        }
        if !touching {
            guard reach > 0 else { return nil }
            let degrees = try pieces.map { try preparedPiece(layer, $0).distance(to: site) }.min() ?? .infinity
            guard degrees * LocalProjection.metresPerDegreeAtLeast(in: box) <= reach else { return nil }
        }
        // The feature near the site: the one piece met in the search box, else the union of the pieces
        // met, which dissolves the cell edges between them (the box holds every point that matters).
        func near() throws -> Geometry {
            let shapes = pieces.map { pieceShapes[layer][$0] }
            if shapes.count == 1 { return shapes[0] }
            return try Geometry.collection(shapes, context: context).unaryUnion()
        }

        var relation = Relation.touches
        var overlap: Geometry?
        var overlapArea = 0.0
        var distance: Double?
        var segment: [UInt8]?
        if inside {
            (relation, overlap, overlapArea) = (.overlap, site, area)
        } else if touching {
            let local = try near()
            if try site.relate(local, pattern: "T********") {
                if feature.kind == .area {
                    let shared = try site.intersection(local).polygonalPart()
                    (overlap, overlapArea) = (shared, try meter.area(shared))
                    relation = overlapArea > 0 ? .overlap : .touches
                } else {
                    (relation, overlap) = (.crosses, try site.intersection(local))
                }
            }
        } else {
            let found = try projection.distance(site, try near())
            guard found.metres <= reach else { return nil }
            relation = .near
            distance = found.metres
            segment = try Geometry.lineString([found.from, found.to], context: context).wkb
        }
        // Thin overlaps are slivers, unless the site itself is that thin (a narrow strip site overlaps for real).
        if relation == .overlap, let shared = overlap, try projection.isThin(shared, tolerance: set.rules.toleranceM),
            try !siteIsThin()
        {
            relation = .sliver
        }
        if relation == .touches || relation == .sliver { distance = 0 }
        let counts = relation == .overlap || relation == .crosses || (reach > 0 && (distance ?? .infinity) <= reach)
        var severity = definition.severity
        var downgraded = false
        if let condition = definition.conditionalWhen,
            ScreeningRules.Condition.isTrue(feature.attributes[condition.constraintField]),
            condition.matches(siteValue: record.attributes[condition.siteField]), severity > .conditional
        {
            severity = .conditional
            downgraded = true
        }
        return Finding(
            rule: rule, feature: index, featureID: feature.id, featureName: feature.name, relation: relation,
            overlapM2: overlapArea,
            share: area > 0 ? overlapArea / area : 0, distanceM: distance, counts: counts, severity: severity,
            downgraded: downgraded, conflictWKB: relation == .touches ? nil : overlap?.wkb ?? segment)
    }
}
