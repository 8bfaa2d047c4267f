import GeoKit

/// The BEFORE layer of a `change` run, read whole: it is the index the AFTER layer streams against. Read by the
/// one reader into the working CRS, its overlaps settled (`FirstClaim`), and held as WKB so that each worker can
/// rebuild it in its own GEOS context.
struct BeforeLayer: Sendable {
    let wkb: [[UInt8]]
    let classes: [String]
    let label: LayerLabel
    let crsName: String
    let featuresRead: Int
    let notes: InputNotes
    let overlap: LayerOverlap
    /// The layer's area per scope and class (`ChangeTally.before`).
    let tally: ChangeTally

    static func load(_ request: ChangeRequest, zones: ZoneSet?) throws -> BeforeLayer {
        let opened = try request.before.open()
        if let extent = opened.layer.extent {
            try request.method.checkCovers(extent, in: opened.crs, label: opened.label)
        }
        let field = try opened.field(request.classField, option: "--class-field")
        opened.layer.readOnlyFields([opened.layer.fieldNames[field]])
        let reader = try FeatureSource(opened, fields: [field], to: request.method, edges: request.edges)
        var geometries: [Int64: Geometry] = [:]
        var classes: [Int64: String] = [:]
        var envelopes: [FeatureEnvelope] = []
        while let item = try reader.nextKept() {
            guard let geometry = item.geometry else { continue }
            geometries[item.id] = geometry
            classes[item.id] = item.raw.key ?? CellKey.nullClass
            envelopes.append(FeatureEnvelope(id: item.id, envelope: try geometry.envelope))
        }
        guard !geometries.isEmpty else {
            throw ShelterbeltError(
                .badInput, file: request.before.path, layer: opened.name, problem: "has no polygon to compare",
                remedy: "the before layer must hold the land-use polygons of the earlier date")
        }
        let meter = AreaMeter(request.method, edges: request.edges)
        let taken = try FirstClaim.taken(OverlapResolver.candidatePairs(&envelopes), geometries: geometries)
        for (id, part) in taken {
            guard let whole = geometries[id] else { continue }
            geometries[id] = try whole.difference(part).polygonalPart()
        }
        let split = try ZoneSplit(zones: zones, cleaner: reader.cleaner, method: request.method, edges: request.edges)
        var tally = ChangeTally()
        let ids = geometries.keys.sorted()
        var kept: [(wkb: [UInt8], key: String)] = []
        for id in ids {
            guard let geometry = geometries[id], let key = classes[id], try !geometry.isEmpty else { continue }
            tally.addBefore(try split.split(geometry), class: key)
            kept.append((geometry.wkb, key))
        }
        return BeforeLayer(
            wkb: kept.map(\.wkb), classes: kept.map(\.key), label: opened.label, crsName: opened.crs.name,
            featuresRead: reader.read, notes: reader.notes, overlap: try FirstClaim.summary(taken, meter: meter),
            tally: tally)
    }
}
