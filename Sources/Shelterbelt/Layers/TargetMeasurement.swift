import Foundation

/// The targets measured against one subject layer.
public struct TargetMeasurement: Sendable {
    public let targets: Targets
    public let subject: LayerSource
    public let asOf: PlanDate
    public let items: [TargetProgress]
    /// The engine runs behind the figures (one per scope layer and split), for their input notes.
    public let runs: [StatsResult]

    /// Measures every area target through the `stats` engine, in one read of the subject: one zone set
    /// per distinct scope layer, count field and year field, each target summing the rows of its scope and
    /// counted values. `mapping` maps the targets' field names and values onto the subject's; a target counting
    /// by a field the subject lacks is not measurable, and the others are still measured.
    public static func measure(
        _ targets: Targets, layers: LayerSet, subject: LayerSource, mapping: FieldMapping = FieldMapping(),
        asOf: PlanDate, edges: EdgeRule = .straight, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
        progress: (@Sendable (Int, Int?) -> Void)? = nil
    ) throws -> TargetMeasurement {
        let plan = try Plan(
            targets, layers: layers, subject: subject, mapping: mapping, edges: edges, threads: threads,
            progress: progress)
        return plan.measurement(asOf: asOf, results: try StatsEngine.run(plan.requests))
    }

    /// The engine requests behind a set of targets, to run alone or with other requests on the same subject.
    struct Plan {
        let targets: Targets
        let subject: LayerSource
        let mapping: FieldMapping
        /// Per area target (by id), its split, or why it is not measurable (a field the subject lacks).
        let splitOf: [String: Split]
        let missing: [String: String]
        let splits: [Split]
        let requests: [StatsRequest]

        /// Checks the mapping against the targets and the subject, before anything is measured.
        init(
            _ targets: Targets, layers: LayerSet, subject: LayerSource, mapping: FieldMapping, edges: EdgeRule,
            threads: Int, progress: (@Sendable (Int, Int?) -> Void)? = nil
        ) throws {
            let areaTargets = targets.items.filter { $0.measure == .area }
            try checkScopes(areaTargets, targets: targets, layers: layers)
            let opened = try subject.open()
            try mapping.check(vocabulary: targets.vocabulary, subject: opened)
            var missing: [String: String] = [:]
            var splitOf: [String: Split] = [:]
            for target in areaTargets {
                let names = [target.countField, target.yearField].compactMap { $0 }
                if let absent = names.first(where: { opened.layer.fieldIndex(mapping.subjectField($0)) == nil }) {
                    missing[target.id] = "the subject has no field '\(absent)' (map one with --field \(absent)=FIELD)"
                } else {
                    splitOf[target.id] = Split(target, mapping: mapping)
                }
            }
            splits = Set(splitOf.values).sorted { "\($0)" < "\($1)" }
            requests = try splits.map { split in
                guard let scope = layers.layer(split.scopeLayer) else {
                    throw ShelterbeltError(
                        .badInput, file: targets.file,
                        problem: "names scope layer '\(split.scopeLayer)', not in the layer set")
                }
                var request = StatsRequest(
                    subject: subject, zones: scope.source, zoneField: scope.idField, method: .geodesic, edges: edges,
                    threads: threads, progress: progress)
                request.classFields = split.classFields
                return request
            }
            (self.targets, self.subject, self.mapping) = (targets, subject, mapping)
            (self.splitOf, self.missing) = (splitOf, missing)
        }

        /// The targets' progress from the engine's results for `requests`, in their order.
        func measurement(asOf: PlanDate, results: [StatsResult]) -> TargetMeasurement {
            let runs = Dictionary(zip(splits, results), uniquingKeysWith: { a, _ in a })
            let items = targets.items.map { target -> TargetProgress in
                if let reason = missing[target.id] {
                    return TargetProgress(target: target, measuredArea: nil, asOf: asOf, missingField: reason)
                }
                guard let split = splitOf[target.id], let result = runs[split] else {
                    return TargetProgress(target: target, measuredArea: nil, asOf: asOf)
                }
                let (area, classes) = measuredArea(of: target, in: result, split: split)
                let overlaps =
                    result.overlaps.pairs > 0 && classes > 1
                    ? "\(result.overlaps.pairs) pairs of subject patches overlap; "
                        + "where patches of different counted values or years overlap, the shared area counts for each"
                    : nil
                let caveats = [overlaps, absentValues(of: target, in: result, split: split, mapping: mapping)]
                let caveat = caveats.compactMap { $0 }.joined(separator: "; ")
                return TargetProgress(
                    target: target, measuredArea: area, asOf: asOf, caveat: caveat.isEmpty ? nil : caveat)
            }
            return TargetMeasurement(targets: targets, subject: subject, asOf: asOf, items: items, runs: results)
        }
    }

    /// Targets that share a scope layer, count field and year field (the subject's, after mapping, with the
    /// classes of their codes) share one zone set of the run.
    struct Split: Hashable, CustomStringConvertible {
        let scopeLayer: String
        let countField: ClassField?
        let yearField: ClassField?

        init(_ target: Target, mapping: FieldMapping) {
            scopeLayer = target.scopeLayer
            countField = target.countField.map(mapping.classField)
            yearField = target.yearField.map(mapping.classField)
        }

        var description: String { "\(scopeLayer)/\(countField?.name ?? "")/\(yearField?.name ?? "")" }

        /// The fields the run splits by: the counted value, the year, or both (keys "value|year"); nil for neither.
        /// The engine counts each code as the value it stands for, so the keys are in the targets' vocabulary.
        var classFields: [ClassField]? {
            let fields = [countField, yearField].compactMap { $0 }
            return fields.isEmpty ? nil : fields
        }

        /// The counted value and the year of a class key (the value alone when there is no year field).
        func decode(_ key: String) -> (value: String, year: Int?) {
            guard yearField != nil else { return (key, nil) }
            let bar = countField == nil ? nil : key.lastIndex(of: "|")
            let value = bar.map { String(key[..<$0]) } ?? ""
            let yearText = bar.map { key[key.index(after: $0)...] } ?? key[...]
            // Int(exactly:) gives nil, not a trap, for a year field holding 1e30 or NaN.
            let year = Double(yearText.trimmingCharacters(in: .whitespaces)).flatMap { Int(exactly: $0.rounded()) }
            return (value, year)
        }
    }

    /// The area of the target's counted patches in its scope, and how many split classes it summed.
    /// The whole layer is total minus outside, which is right even when the layer's features overlap.
    static func measuredArea(of target: Target, in result: StatsResult, split: Split) -> (Double, Int) {
        func counted(_ scope: StatsResult.Scope) -> [StatsResult.Row] {
            result.splitRows(scope).filter { row in
                guard let key = row.key else { return true }
                let (value, year) = split.decode(key)
                if target.countField != nil && !target.countValues.contains(value) { return false }
                if target.yearField != nil { return year.map(target.counts(year:)) ?? false }
                return true
            }
        }
        let rows = target.scopeFeature.map { counted(.zone($0)) } ?? counted(.total)
        let outside = target.scopeFeature == nil ? counted(.outside) : []
        let area = rows.map(\.area).reduce(0, +) - outside.map(\.area).reduce(0, +)
        return (area, Set(rows.filter { $0.area > 0 }.compactMap(\.key)).count)
    }

    /// When none of a target's counted values occurs anywhere in the subject, says so and names the values it
    /// has, most area first: the 0 may be true, or the bureau's codes may need mapping to the targets' values.
    static func absentValues(of target: Target, in result: StatsResult, split: Split, mapping: FieldMapping)
        -> String?
    {
        guard let field = target.countField else { return nil }
        var areas: [String: Double] = [:]
        for row in result.splitRows(.total) {
            guard let key = row.key else { continue }
            areas[split.decode(key).value, default: 0] += row.area
        }
        guard !target.countValues.contains(where: { areas[$0] != nil }) else { return nil }
        let present = areas.filter { !$0.key.isEmpty }.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map(\.key)
        let shown =
            present.isEmpty ? "none" : present.prefix(5).joined(separator: "、") + (present.count > 5 ? "、…" : "")
        let subjectField = mapping.subjectField(field)
        let named = subjectField == field ? "'\(field)'" : "'\(field)' (the subject's '\(subjectField)')"
        return "none of \(target.countValues.joined(separator: "、")) occurs in \(named) of the subject, whose values "
            + "are, most area first: \(shown) (map a code with --value \(field):CODE=VALUE)"
    }

    /// Every scope feature must be an id of its scope layer; checked before the long runs.
    static func checkScopes(_ items: [Target], targets: Targets, layers: LayerSet) throws {
        var ids: [String: Set<String>] = [:]
        for target in items {
            guard let feature = target.scopeFeature else { continue }
            let layer = layers.layer(target.scopeLayer)!
            if ids[layer.id] == nil { ids[layer.id] = Set(try layers.featureIds(of: layer)) }
            guard ids[layer.id]!.contains(feature) else {
                throw ConfigTable.error(
                    file: targets.file, place: target.place, key: "scope_feature",
                    "'\(feature)' is not an id (field \(layer.idField)) of layer '\(layer.id)'",
                    remedy: "use one of: \(ids[layer.id]!.sorted().joined(separator: ", "))")
            }
        }
    }
}
