import Foundation
import GeoKit

/// The overlay engine behind `shelterbelt stats`.
///
/// The calling thread reads the subject layer (OGR reads sequentially) and hands batches of WKB to
/// one worker per core through a bounded queue (`FeatureStream`); each worker owns its GEOS context, zones and
/// tally. Features whose envelopes meet are looked at again afterwards so that overlapping
/// subject features are not counted twice.
public enum StatsEngine {
    static let batchSize = 512

    public static func run(_ request: StatsRequest) throws -> StatsResult {
        try run([request])[0]
    }

    /// Measures one subject against several zone layers in one read: `requests` differ only in their zones,
    /// zone field and split. Each worker distributes every feature into each zone set's tally, so the subject is
    /// read, cleaned and reprojected once however many tables are made from it.
    static func run(_ requests: [StatsRequest], visitor: FeatureVisitor? = nil) throws -> [StatsResult] {
        guard let request = requests.first else { return [] }
        let zones = try requests.map {
            try ZoneSet.load($0.zones, nameField: $0.zoneField, method: $0.method, edges: $0.edges)
        }
        let subject = try request.subject.open()
        if let extent = subject.layer.extent {
            try request.method.checkCovers(extent, in: subject.crs, label: subject.label)
        }
        // Only the fields splitting the figures are read (by their names as the layer spells them: the user's
        // may differ in case), unless the visitor wants every field.
        let split = requests.flatMap(Self.classFields).compactMap { subject.layer.fieldIndex($0.name) }
        subject.layer.readOnlyFields(
            visitor == nil ? split.map { subject.layer.fieldNames[$0] } : subject.layer.fieldNames)
        return try run(requests, subject: subject, zones: zones, visitor: visitor)
    }

    /// The run on a subject already open, or made in memory (`InMemoryLayer`); `request.subject` names it in errors.
    public static func run(_ request: StatsRequest, subject: FeatureReader, zones: ZoneSet) throws -> StatsResult {
        try run([request], subject: subject, zones: [zones], visitor: nil)[0]
    }

    static func run(_ requests: [StatsRequest], subject: FeatureReader, zones: [ZoneSet], visitor: FeatureVisitor?)
        throws -> [StatsResult]
    {
        guard let request = requests.first else { return [] }
        for other in requests {
            precondition(
                other.subject.path == request.subject.path && other.method == request.method
                    && other.edges == request.edges,
                "one run measures one subject by one area method")
        }
        let started = Date()
        let splitFields = try requests.map { request in
            try Self.classFields(request).map { (index: try subject.field($0.name, option: "--by"), field: $0) }
        }
        // Each field splitting some set is read once, then the visitor's fields.
        var fields: [Int] = []
        for index in splitFields.joined().map(\.index) where !fields.contains(index) { fields.append(index) }
        let classKeys = ClassKeys(
            splitFields, positions: Dictionary(fields.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a }))
        let splitRead = fields
        fields += visitor?.fields ?? []
        let (layers, layerOf) = distinctLayers(requests, zones: zones)
        // Built once here so that a CRS problem is reported before any thread starts; each worker gets a copy.
        let cleaner = try FeatureCleaner(subject, shapes: .areas, to: request.method, edges: request.edges)
        let local = try layers.map {
            try Distributor(zones: $0, cleaner: cleaner, method: request.method, edges: request.edges)
        }
        let (settings, workerTransforms) = (
            cleaner.settings, try (0..<request.threads).map { _ in try cleaner.transform?.copy() }
        )

        let (method, edges) = (request.method, request.edges)
        var stream = try FeatureStream.run(
            subject, fields: fields, threads: request.threads, batchSize: batchSize, progress: request.progress
        ) { index, next -> WorkerOutput in
            var output = WorkerOutput(sets: zones.count)
            let cleaner = FeatureCleaner(settings, transform: workerTransforms[index])
            let distributors = try layers.map {
                try Distributor(zones: $0, cleaner: cleaner, method: method, edges: edges)
            }
            // Per layer, the fast-path and overlay counts, given to each of its sets at the end.
            var counts = Array(repeating: Tally(), count: layers.count)
            let visit = try visitor?.worker()
            let meter = AreaMeter(method, edges: edges)
            while let batch = next() {
                for raw in batch {
                    guard let geometry = try cleaner.geometry(raw, notes: &output.notes) else { continue }
                    let keys = classKeys.keys(raw)
                    let area = try meter.area(geometry)
                    let distributions = try distributors.indices.map { layer in
                        try distributors[layer].distribute(geometry, whole: area, tally: &counts[layer])
                    }
                    for (set, layer) in layerOf.enumerated() {
                        output.tallies[set].add(distributions[layer], class: classKeys.key(ofSet: set, in: keys))
                    }
                    output.envelopes.append(FeatureEnvelope(id: raw.id, envelope: try geometry.envelope))
                    try visit?.visit(raw, geometry: geometry, area: area)
                }
            }
            try visit?.finish()
            for (set, layer) in layerOf.enumerated() {
                output.tallies[set].fastPath += counts[layer].fastPath
                output.tallies[set].intersected += counts[layer].intersected
            }
            return output
        }
        // Each worker's output is released once merged, so its envelopes are not held twice.
        var outputs: [WorkerOutput] = []
        swap(&outputs, &stream.outputs)
        var merged = WorkerOutput(sets: zones.count)
        while let output = outputs.popLast() { merged.merge(output) }
        let read = stream.read
        (subject.warnings + GDALWarnings.shared.drain()).forEach { merged.notes.remark("GDAL: \($0)") }
        guard read > 0 else {
            throw ShelterbeltError(
                .badInput, file: request.subject.path, layer: subject.label.name,
                problem: "is empty: the subject layer holds no feature",
                remedy: "check that this is the file (and layer) you meant")
        }

        var envelopes: [FeatureEnvelope] = []
        swap(&envelopes, &merged.envelopes)
        let overlaps = try OverlapResolver(
            subject: subject, fields: splitRead,
            classKeys: classKeys, distributors: layerOf.map { local[$0] }
        )
        .resolve(&envelopes, tallies: &merged.tallies)
        let seconds = Date().timeIntervalSince(started)
        return try zip(requests, zones).enumerated().map { set, pair in
            let (request, zones) = pair
            try checkSomethingMeets(request, tally: merged.tallies[set], notes: &merged.notes)
            return StatsResult(
                request: request, zones: zones, subjectLayer: subject.label.name, subjectCRS: subject.crs.name,
                featuresRead: read, tally: merged.tallies[set], notes: merged.notes, overlaps: overlaps,
                seconds: seconds)
        }
    }
}

extension StatsEngine {
    /// Zone sets over the same layer (the report's zone table and the targets scoped to that layer, split
    /// otherwise) share one distribution of each feature: the distinct layers, and each set's among them.
    static func distinctLayers(_ requests: [StatsRequest], zones: [ZoneSet]) -> (layers: [ZoneSet], layerOf: [Int]) {
        var layers: [ZoneSet] = []
        var layerOf: [Int] = []
        for (set, request) in requests.enumerated() {
            if let same = requests[..<set].firstIndex(where: {
                $0.zones == request.zones && $0.zoneField == request.zoneField
            }) {
                layerOf.append(layerOf[same])
            } else {
                layerOf.append(layers.count)
                layers.append(zones[set])
            }
        }
        return (layers, layerOf)
    }

    /// The fields splitting a request's figures, by the names given.
    static func classFields(_ request: StatsRequest) -> [ClassField] {
        request.classFields ?? request.byField.map { [ClassField(name: $0)] } ?? []
    }

    /// Subject and zones that never meet are either a real finding or a wrong CRS. With an assumed CRS it is the
    /// latter (EPSG:3857 assumed for degrees puts every patch near Africa): an error, not a table of zeros.
    /// Otherwise it is said in the notes.
    static func checkSomethingMeets(_ request: StatsRequest, tally: Tally, notes: inout InputNotes) throws {
        let total = tally.cells[CellKey(zone: CellKey.total, key: nil)]?.area ?? 0
        let outside = tally.cells[CellKey(zone: CellKey.outside, key: nil)]?.area ?? 0
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
        notes.remark("no feature of the subject lies in any zone of \(request.zones.path)")
    }
}

/// What one worker gathered: a tally per zone set.
struct WorkerOutput: Sendable {
    var tallies: [Tally]
    var notes = InputNotes()
    var envelopes: [FeatureEnvelope] = []

    init(sets: Int) { tallies = Array(repeating: Tally(), count: sets) }

    mutating func merge(_ other: WorkerOutput) {
        for (set, tally) in other.tallies.enumerated() { tallies[set].merge(tally) }
        notes.merge(other.notes)
        envelopes.append(contentsOf: other.envelopes)
    }
}

/// A measured feature's id and envelope in the working CRS: 40 bytes kept per feature.
struct FeatureEnvelope: Sendable {
    let id: Int64
    let envelope: Envelope
}
