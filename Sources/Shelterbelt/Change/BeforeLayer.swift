import GeoKit

/// The BEFORE layer of a `change` run, read whole: it is the index the AFTER layer streams against. Read by the
/// one reader into the working CRS, its overlaps settled (`FirstClaim`), and held once for all workers as WKB with
/// its envelopes in a grid; a worker parses only the features a query returns, in its own GEOS context. The
/// workers also measure the layer's area per zone, each a share of its features (`ChangeWorker.addBefore`).
struct BeforeLayer: Sendable {
    let wkb: [[UInt8]]
    let envelopes: [Envelope]
    let grid: EnvelopeGrid
    let classes: [String]
    let label: LayerLabel
    let crsName: String
    let featuresRead: Int
    let notes: InputNotes
    let overlap: LayerOverlap

    static func load(_ request: ChangeRequest) throws -> BeforeLayer {
        let opened = try request.before.open()
        if let extent = opened.layer.extent {
            try request.method.checkCovers(extent, in: opened.crs, label: opened.label)
        }
        let field = try opened.field(request.classField, option: "--class-field")
        opened.layer.readOnlyFields([opened.layer.fieldNames[field]])
        let reader = try FeatureSource(opened, fields: [field], to: request.method, edges: request.edges)
        var read: [(id: Int64, wkb: [UInt8], key: String, envelope: Envelope)] = []
        var envelopes: [FeatureEnvelope] = []
        while let item = try reader.nextKept() {
            guard let geometry = item.geometry else { continue }
            let envelope = try geometry.envelope
            read.append((item.id, geometry.wkb, item.raw.key ?? CellKey.nullClass, envelope))
            envelopes.append(FeatureEnvelope(id: item.id, envelope: envelope))
        }
        guard !read.isEmpty else {
            throw ShelterbeltError(
                .badInput, file: request.before.path, layer: opened.name, problem: "has no polygon to compare",
                remedy: "the before layer must hold the land-use polygons of the earlier date")
        }
        read.sort { $0.id < $1.id }
        let position = Dictionary(read.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let context = reader.cleaner.context
        let wkb = read.map(\.wkb)
        let loader: @Sendable (GEOSContext) -> FirstClaim.Loader = { context in
            { id in try position[id].map { try Geometry(wkb: wkb[$0], context: context) } }
        }
        let taken = try FirstClaim.taken(
            envelopes, threads: request.threads, makeLoader: { _ in loader(GEOSContext()) }, load: loader(context))
        envelopes = []
        for (id, part) in taken {
            guard let at = position[id] else { continue }
            let rest = try Geometry(wkb: read[at].wkb, context: context).difference(part).polygonalPart()
            read[at].wkb = try rest.isEmpty ? [] : rest.wkb
        }
        read.removeAll { $0.wkb.isEmpty }
        let meter = AreaMeter(request.method, edges: request.edges)
        return BeforeLayer(
            wkb: read.map(\.wkb), envelopes: read.map(\.envelope), grid: EnvelopeGrid(read.map(\.envelope)),
            classes: read.map(\.key), label: opened.label, crsName: opened.crs.name, featuresRead: reader.read,
            notes: reader.notes, overlap: try FirstClaim.summary(taken, meter: meter))
    }
}
