import Foundation

/// The targets measured against one subject layer.
public struct TargetMeasurement: Sendable {
    public let targets: Targets
    public let subject: LayerSource
    public let asOf: PlanDate
    public let items: [TargetProgress]
    /// The engine runs behind the figures (one per scope layer and split), for their input notes.
    public let runs: [StatsResult]

    /// Measures every area target through the `stats` engine: one run per distinct scope layer,
    /// count field and year field, each target summing the rows of its scope and counted values.
    /// `mapping` maps the targets' field names and values onto the subject's; a target counting by a field the
    /// subject lacks is not measurable, and the others are still measured.
    public static func measure(
        _ targets: Targets, layers: LayerSet, subject: LayerSource, mapping: FieldMapping = FieldMapping(),
        asOf: PlanDate, edges: EdgeRule = .straight, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
        progress: (@Sendable (Int, Int?) -> Void)? = nil
    ) throws -> TargetMeasurement {
        let areaTargets = targets.items.filter { $0.measure == .area }
        try checkScopes(areaTargets, targets: targets, layers: layers)
        let opened = try subject.open()
        try mapping.check(vocabulary: targets.vocabulary, subject: opened)
        var missing: [String: String] = [:]
        var splits: [String: Split] = [:]
        for target in areaTargets {
            let names = [target.countField, target.yearField].compactMap { $0 }
            if let absent = names.first(where: { opened.layer.fieldIndex(mapping.subjectField($0)) == nil }) {
                missing[target.id] = "the subject has no field '\(absent)' (map one with --field \(absent)=FIELD)"
            } else {
                splits[target.id] = Split(target, mapping: mapping)
            }
        }
        var runs: [Split: (keyed: KeyedSubject, result: StatsResult)] = [:]
        var results: [StatsResult] = []
        for split in Set(splits.values).sorted(by: { "\($0)" < "\($1)" }) {
            let keyed = try KeyedSubject(
                subject, countField: split.countField, yearField: split.yearField, targetsFile: targets.file)
            defer { keyed.remove() }
            guard let scope = layers.layer(split.scopeLayer) else { continue }  // checked when the targets were read
            let request = StatsRequest(
                subject: keyed.source, zones: scope.source, zoneField: scope.idField, byField: keyed.byField,
                method: .geodesic, edges: edges, threads: threads, progress: progress)
            let result = try keyed.run(request)
            runs[split] = (keyed, result)
            results.append(result)
        }
        let items = targets.items.map { target -> TargetProgress in
            if let reason = missing[target.id] {
                return TargetProgress(target: target, measuredArea: nil, asOf: asOf, missingField: reason)
            }
            guard let split = splits[target.id], let run = runs[split] else {
                return TargetProgress(target: target, measuredArea: nil, asOf: asOf)
            }
            let (area, classes) = measuredArea(of: target, in: run.result, keyed: run.keyed, mapping: mapping)
            let overlaps =
                run.result.overlaps.pairs > 0 && classes > 1
                ? "\(run.result.overlaps.pairs) pairs of subject patches overlap; "
                    + "where patches of different counted values or years overlap, the shared area counts for each"
                : nil
            let caveats = [overlaps, absentValues(of: target, in: run.result, keyed: run.keyed, mapping: mapping)]
            let caveat = caveats.compactMap { $0 }.joined(separator: "; ")
            return TargetProgress(
                target: target, measuredArea: area, asOf: asOf, caveat: caveat.isEmpty ? nil : caveat)
        }
        return TargetMeasurement(targets: targets, subject: subject, asOf: asOf, items: items, runs: results)
    }

    /// Targets that share a scope layer, count field and year field (the subject's, after mapping) share one
    /// engine run.
    struct Split: Hashable, CustomStringConvertible {
        let scopeLayer: String
        let countField: String?
        let yearField: String?

        init(_ target: Target, mapping: FieldMapping) {
            scopeLayer = target.scopeLayer
            countField = target.countField.map(mapping.subjectField)
            yearField = target.yearField.map(mapping.subjectField)
        }

        var description: String { "\(scopeLayer)/\(countField ?? "")/\(yearField ?? "")" }
    }

    /// The area of the target's counted patches in its scope, and how many split classes it summed.
    /// The whole layer is total minus outside, which is right even when the layer's features overlap.
    static func measuredArea(of target: Target, in result: StatsResult, keyed: KeyedSubject, mapping: FieldMapping)
        -> (Double, Int)
    {
        func counted(_ scope: StatsResult.Scope) -> [StatsResult.Row] {
            result.splitRows(scope).filter { row in
                guard let key = row.key else { return true }
                let (value, year) = keyed.decode(key, for: target, mapping: mapping)
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
    static func absentValues(of target: Target, in result: StatsResult, keyed: KeyedSubject, mapping: FieldMapping)
        -> String?
    {
        guard let field = target.countField else { return nil }
        var areas: [String: Double] = [:]
        for row in result.splitRows(.total) {
            guard let key = row.key else { continue }
            areas[keyed.decode(key, for: target, mapping: mapping).value, default: 0] += row.area
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
