import Foundation
import GeoKit

/// The overlay engine behind `shelterbelt change`: the land-use transition matrix of two layers, per zone.
///
/// BEFORE is read whole, once, as WKB indexed by a grid of envelopes (`BeforeLayer`); AFTER streams from the
/// calling thread in batches to one worker per core (`FeatureStream`), each with its own GEOS context that parses
/// only the BEFORE features it meets, and only an envelope per AFTER feature is kept. Every AFTER feature adds
/// its area and the area it shares with each BEFORE feature, split over the zones by the stats engine's
/// `Distributor`; what only one layer covers is each layer's area less the shared area. Overlaps inside AFTER
/// are settled afterwards, as `stats` does.
public enum ChangeEngine {
    public static func run(_ request: ChangeRequest) throws -> ChangeResult {
        let started = Date()
        let zones = try request.zones.map {
            try ZoneSet.load($0, nameField: request.zoneField, method: request.method, edges: request.edges)
        }
        let before = try BeforeLayer.load(request)
        let after = try request.after.open()
        if let extent = after.layer.extent {
            try request.method.checkCovers(extent, in: after.crs, label: after.label)
        }
        let field = try after.field(
            request.afterClassField ?? request.classField,
            option: request.afterClassField == nil
                ? "--class-field; --after-class-field names AFTER's when it differs" : "--after-class-field")
        after.layer.readOnlyFields([after.layer.fieldNames[field]])

        // Built once here so that a CRS problem is reported before any thread starts; each worker gets a copy.
        let cleaner = try FeatureCleaner(after, shapes: .areas, to: request.method, edges: request.edges)
        let settings = cleaner.settings
        let transforms = try (0..<request.threads).map { _ in try cleaner.transform?.copy() }
        let (method, edges, keepChanges, threads) = (
            request.method, request.edges, request.keepChanges, request.threads
        )
        let stream = try FeatureStream.run(
            after, fields: [field], threads: request.threads, progress: request.progress
        ) { index, next -> AfterOutput in
            var output = AfterOutput(changes: keepChanges ? [] : nil)
            let cleaner = FeatureCleaner(settings, transform: transforms[index])
            let worker = try ChangeWorker(before: before, zones: zones, cleaner: cleaner, method: method, edges: edges)
            try worker.addBefore(share: index, of: threads, to: &output.tally)
            while let batch = next() {
                for raw in batch {
                    guard let geometry = try cleaner.geometry(raw, notes: &output.notes) else { continue }
                    try worker.add(
                        geometry, id: raw.id, class: raw.key ?? CellKey.nullClass, to: &output.tally,
                        changes: &output.changes)
                    output.envelopes.append(FeatureEnvelope(id: raw.id, envelope: try geometry.envelope))
                }
            }
            return output
        }
        var outputs = stream.outputs
        var merged = AfterOutput(changes: keepChanges ? [] : nil)
        while let output = outputs.popLast() { merged.merge(output) }
        (after.warnings + GDALWarnings.shared.drain()).forEach { merged.notes.remark("GDAL: \($0)") }

        // The overlap sweep reads AFTER again by id on as many threads, each through a layer of its own (OGR
        // handles are not shared) and a stream worker's transformation: those workers have ended.
        let (source, fieldName) = (request.after, after.layer.fieldNames[field])
        let reread: @Sendable (Int) throws -> FirstClaim.Loader = { thread in
            let layer = try source.open()
            layer.layer.readOnlyFields([fieldName])
            let cleaner = FeatureCleaner(settings, transform: transforms[thread])
            var notes = InputNotes()  // each feature was noted when the stream read it
            return { id in try cleaner.geometry(try layer.raw(id: id, fields: [field]), notes: &notes) }
        }
        let local = try ChangeWorker(before: before, zones: zones, cleaner: cleaner, method: method, edges: edges)
        let overlap = try settleOverlaps(
            &merged, in: after, field: field, worker: local, meter: AreaMeter(method, edges: edges),
            threads: threads, reread: reread)
        var result = ChangeResult(
            request: request, zones: zones, before: before,
            after: AfterSummary(
                label: after.label, crsName: after.crs.name, featuresRead: stream.read, notes: merged.notes,
                overlap: overlap),
            tally: merged.tally, changes: merged.changes ?? [], seconds: Date().timeIntervalSince(started))
        try checkLayersMeet(request, result: &result)
        return result
    }

    /// Takes out, for every AFTER feature that overlaps earlier ones, the part they already counted. Only the
    /// candidates (envelopes that meet) are read again, by id, as the sweep reaches them (`FirstClaim`, on
    /// `threads` threads with loaders from `reread`).
    private static func settleOverlaps(
        _ merged: inout AfterOutput, in layer: FeatureReader, field: Int, worker: ChangeWorker, meter: AreaMeter,
        threads: Int, reread: @escaping @Sendable (Int) throws -> FirstClaim.Loader
    ) throws -> LayerOverlap {
        var envelopes: [FeatureEnvelope] = []
        swap(&envelopes, &merged.envelopes)
        var notes = InputNotes()  // each feature was noted when the stream read it
        let taken = try FirstClaim.taken(envelopes, threads: threads, makeLoader: reread) { id in
            try worker.cleaner.geometry(try layer.raw(id: id, fields: [field]), notes: &notes)
        }
        guard !taken.isEmpty else { return LayerOverlap() }
        var none: [ChangedPiece]? = nil
        for (id, part) in taken {
            let key = try layer.raw(id: id, fields: [field]).key ?? CellKey.nullClass
            try worker.add(part, id: id, class: key, sign: -1, to: &merged.tally, changes: &none)
        }
        try merged.changes = merged.changes.map { try Self.without(taken, $0, meter: meter) }
        return try FirstClaim.summary(taken, meter: meter)
    }

    /// The changed pieces less what an earlier AFTER feature already counted: each piece lies in one zone, so its
    /// area is measured again whole.
    private static func without(_ taken: [Int64: Geometry], _ pieces: [ChangedPiece], meter: AreaMeter) throws
        -> [ChangedPiece]
    {
        guard !taken.isEmpty else { return pieces }
        return try pieces.compactMap { piece in
            guard let part = taken[piece.afterId] else { return piece }
            let rest = try Geometry(wkb: piece.wkb, context: part.context).difference(part).polygonalPart()
            guard try !rest.isEmpty else { return nil }
            var kept = piece
            (kept.wkb, kept.area) = (rest.wkb, try meter.area(rest))
            return kept
        }
    }

    /// Layers that share no area are either a real finding or a wrong CRS. With an assumed CRS it is the latter:
    /// an error, not a matrix of nothing but "not in" cells. Otherwise it is said in the notes.
    private static func checkLayersMeet(_ request: ChangeRequest, result: inout ChangeResult) throws {
        let total = result.total
        guard total.beforeArea > 0, total.afterArea > 0, total.sharedArea == 0 else { return }
        let assumed = [request.before, request.after].compactMap { source in
            source.assumeCRS.map { "\(source.role.option("assume-crs") ?? source.role.rawValue) \($0)" }
        }
        guard assumed.isEmpty else {
            throw ShelterbeltError(
                .badInput, file: request.after.path,
                problem:
                    "shares no area with \(request.before.path) when read with \(assumed.joined(separator: " and "))",
                remedy: "the assumed CRS is probably wrong: drop it, or pass the CRS the data was delivered in")
        }
        result.remark("the before and after layers share no area")
    }
}

/// What one worker gathered from the AFTER layer.
struct AfterOutput: Sendable {
    var tally = ChangeTally()
    var notes = InputNotes()
    var envelopes: [FeatureEnvelope] = []
    /// The pieces whose class changed, when the run writes them (`ChangeRequest.keepChanges`).
    var changes: [ChangedPiece]?

    mutating func merge(_ other: AfterOutput) {
        tally.merge(other.tally)
        notes.merge(other.notes)
        envelopes.append(contentsOf: other.envelopes)
        if let pieces = other.changes { changes?.append(contentsOf: pieces) }
    }
}

/// The AFTER layer as the run read it.
struct AfterSummary {
    let label: LayerLabel
    let crsName: String
    let featuresRead: Int
    let notes: InputNotes
    let overlap: LayerOverlap
}
