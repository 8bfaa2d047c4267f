import Foundation
import GeoKit

/// The overlay engine behind `shelterbelt stats`.
///
/// The calling thread reads the subject layer (OGR reads sequentially) and hands batches of WKB to
/// one worker per core through a bounded queue; each worker owns its GEOS context, zones and
/// tally. Features whose envelopes meet are looked at again afterwards so that overlapping
/// subject features are not counted twice.
public enum StatsEngine {
    static let batchSize = 512

    public static func run(_ request: StatsRequest) throws -> StatsResult {
        let zones = try ZoneSet.load(
            request.zones, nameField: request.zoneField, method: request.method, edges: request.edges)
        let subject = try request.subject.open()
        if let extent = subject.layer.extent {
            try request.method.checkCovers(extent, in: subject.crs, label: subject.label)
        }
        // Only the --by field is read (by its name as the layer spells it: the user's may differ in case).
        let byName = request.byField.flatMap { subject.layer.fieldIndex($0) }.map { subject.layer.fieldNames[$0] }
        subject.layer.readOnlyFields(byName.map { [$0] } ?? [])
        return try run(request, subject: subject, zones: zones)
    }

    /// The run on a subject already open, or made in memory (`InMemoryLayer`); `request.subject` names it in errors.
    public static func run(_ request: StatsRequest, subject: FeatureReader, zones: ZoneSet) throws -> StatsResult {
        let started = Date()
        let byField = try request.byField.map { try subject.field($0, option: "--by") }
        let fields = byField.map { [$0] } ?? []
        // Built once here so that a CRS problem is reported before any thread starts; each worker gets a copy.
        let cleaner = try FeatureCleaner(subject, shapes: .areas, to: request.method, edges: request.edges)
        let local = try Distributor(zones: zones, cleaner: cleaner, method: request.method, edges: request.edges)
        let (settings, workerTransforms) = (
            cleaner.settings, try (0..<request.threads).map { _ in try cleaner.transform?.copy() }
        )

        let queue = BoundedQueue<[RawFeature]>(capacity: request.threads * 4)
        let failure = Locked<Error?>(nil)
        let (method, edges, byClass) = (request.method, request.edges, byField != nil)
        let workers = ThreadGroup(count: request.threads) { index -> WorkerOutput in
            var output = WorkerOutput()
            do {
                let cleaner = FeatureCleaner(settings, transform: workerTransforms[index])
                let distributor = try Distributor(zones: zones, cleaner: cleaner, method: method, edges: edges)
                while let batch = queue.pop() {
                    for raw in batch {
                        guard let geometry = try distributor.geometry(of: raw, notes: &output.notes) else { continue }
                        let distribution = try distributor.distribute(geometry, tally: &output.tally)
                        output.tally.add(distribution, class: byClass ? raw.key ?? CellKey.nullClass : nil)
                        output.envelopes.append(FeatureEnvelope(id: raw.id, envelope: try geometry.envelope))
                    }
                }
            } catch {
                failure.update { if $0 == nil { $0 = error } }
                queue.close(discard: true)
            }
            return output
        }

        let expected = subject.featureCount
        var read = 0
        do {
            var batch: [RawFeature] = []
            batch.reserveCapacity(batchSize)
            while let raw = try subject.nextRaw(fields: fields) {
                batch.append(raw)
                read += 1
                if batch.count == batchSize {
                    queue.push(batch)
                    batch = []
                    request.progress?(read, expected)
                    if failure.value != nil { break }
                }
            }
            queue.push(batch)
            queue.close()
        } catch {
            queue.close(discard: true)
            _ = workers.join()
            throw error
        }
        // Each worker's output is released once merged, so its envelopes are not held twice.
        var outputs = workers.join()
        var merged = WorkerOutput()
        while let output = outputs.popLast() { merged.merge(output) }
        if let error = failure.value { throw error }
        request.progress?(read, expected)
        (subject.warnings + GDALWarnings.shared.drain()).forEach { merged.notes.remark("GDAL: \($0)") }
        guard read > 0 else {
            throw ShelterbeltError(
                .badInput, file: request.subject.path, layer: subject.label.name,
                problem: "is empty: the subject layer holds no feature",
                remedy: "check that this is the file (and layer) you meant")
        }

        var envelopes: [FeatureEnvelope] = []
        swap(&envelopes, &merged.envelopes)
        let overlaps = try OverlapResolver(subject: subject, fields: fields, distributor: local)
            .resolve(&envelopes, tally: &merged.tally)
        try checkSomethingMeets(request, merged: &merged)
        return StatsResult(
            request: request, zones: zones, subjectLayer: subject.label.name, subjectCRS: subject.crs.name,
            featuresRead: read, tally: merged.tally, notes: merged.notes, overlaps: overlaps,
            seconds: Date().timeIntervalSince(started))
    }
}

extension StatsEngine {
    /// Subject and zones that never meet are either a real finding or a wrong CRS. With an assumed CRS it is the
    /// latter (EPSG:3857 assumed for degrees puts every patch near Africa): an error, not a table of zeros.
    /// Otherwise it is said in the notes.
    static func checkSomethingMeets(_ request: StatsRequest, merged: inout WorkerOutput) throws {
        let total = merged.tally.cells[CellKey(zone: CellKey.total, key: nil)]?.area ?? 0
        let outside = merged.tally.cells[CellKey(zone: CellKey.outside, key: nil)]?.area ?? 0
        guard total > 0, outside >= total * (1 - 1e-9) else { return }
        let assumed = [(request.subject, "subject"), (request.zones, "zones")].compactMap { source, name in
            source.assumeCRS.map { "\(source.role.option("assume-crs") ?? name) \($0)" }
        }
        guard assumed.isEmpty else {
            throw ShelterbeltError(
                .badInput, file: request.subject.path,
                problem: "no feature lies in any zone of \(request.zones.path) "
                    + "when read with \(assumed.joined(separator: " and "))",
                remedy: "the assumed CRS is probably wrong: drop it, or pass the CRS the data was delivered in")
        }
        merged.notes.remark("no feature of the subject lies in any zone")
    }
}

/// What one worker gathered.
struct WorkerOutput: Sendable {
    var tally = Tally()
    var notes = InputNotes()
    var envelopes: [FeatureEnvelope] = []

    mutating func merge(_ other: WorkerOutput) {
        tally.merge(other.tally)
        notes.merge(other.notes)
        envelopes.append(contentsOf: other.envelopes)
    }
}

/// A measured feature's id and envelope in the working CRS: 40 bytes kept per feature.
struct FeatureEnvelope: Sendable {
    let id: Int64
    let envelope: Envelope
}
