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
    /// counted values.
    public static func measure(
        _ targets: Targets, layers: LayerSet, subject: LayerSource, asOf: PlanDate, edges: EdgeRule = .straight,
        threads: Int = ProcessInfo.processInfo.activeProcessorCount,
        progress: (@Sendable (Int, Int?) -> Void)? = nil
    ) throws -> TargetMeasurement {
        let plan = try Plan(
            targets, layers: layers, subject: subject, edges: edges, threads: threads, progress: progress)
        return plan.measurement(asOf: asOf, results: try StatsEngine.run(plan.requests))
    }

    /// The engine requests behind a set of targets, to run alone or with other requests on the same subject.
    struct Plan {
        let targets: Targets
        let subject: LayerSource
        let splits: [Split]
        let requests: [StatsRequest]

        init(
            _ targets: Targets, layers: LayerSet, subject: LayerSource, edges: EdgeRule, threads: Int,
            progress: (@Sendable (Int, Int?) -> Void)? = nil
        ) throws {
            let areaTargets = targets.items.filter { $0.measure == .area }
            try checkScopes(areaTargets, targets: targets, layers: layers)
            splits = Set(areaTargets.map(Split.init)).sorted { "\($0)" < "\($1)" }
            if !splits.isEmpty {
                // The fields are checked here, so that an error names the targets file's key.
                let opened = try subject.open()
                for split in splits {
                    if let field = split.countField {
                        _ = try opened.field(field, option: "count_field in \(targets.file)")
                    }
                    if let field = split.yearField {
                        _ = try opened.field(field, option: "year_field in \(targets.file)")
                    }
                }
            }
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
            self.targets = targets
            self.subject = subject
        }

        /// The targets' progress from the engine's results for `requests`, in their order.
        func measurement(asOf: PlanDate, results: [StatsResult]) -> TargetMeasurement {
            let runs = Dictionary(zip(splits, results), uniquingKeysWith: { a, _ in a })
            let items = targets.items.map { target -> TargetProgress in
                let split = Split(target)
                guard let result = runs[split] else {
                    return TargetProgress(target: target, measuredArea: nil, asOf: asOf)
                }
                let (area, classes) = measuredArea(of: target, in: result, split: split)
                let caveat =
                    result.overlaps.pairs > 0 && classes > 1
                    ? "\(result.overlaps.pairs) pairs of subject patches overlap; "
                        + "where patches of different counted values or years overlap, the shared area counts for each"
                    : nil
                return TargetProgress(target: target, measuredArea: area, asOf: asOf, caveat: caveat)
            }
            return TargetMeasurement(targets: targets, subject: subject, asOf: asOf, items: items, runs: results)
        }
    }

    /// Targets that share a scope layer, count field and year field share one zone set of the run.
    struct Split: Hashable, CustomStringConvertible {
        let scopeLayer: String
        let countField: String?
        let yearField: String?

        init(_ target: Target) {
            (scopeLayer, countField, yearField) = (target.scopeLayer, target.countField, target.yearField)
        }

        var description: String { "\(scopeLayer)/\(countField ?? "")/\(yearField ?? "")" }

        /// The fields the run splits by: the counted value, the year, or both (keys "value|year"); nil for neither.
        var classFields: [String]? {
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
