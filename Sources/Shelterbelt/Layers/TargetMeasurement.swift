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
    public static func measure(
        _ targets: Targets, layers: LayerSet, subject: LayerSource, asOf: PlanDate, edges: EdgeRule = .straight,
        threads: Int = ProcessInfo.processInfo.activeProcessorCount,
        progress: (@Sendable (Int, Int?) -> Void)? = nil
    ) throws -> TargetMeasurement {
        let areaTargets = targets.items.filter { $0.measure == .area }
        try checkScopes(areaTargets, targets: targets, layers: layers)
        var runs: [Split: (keyed: KeyedSubject, result: StatsResult)] = [:]
        var results: [StatsResult] = []
        for split in Set(areaTargets.map(Split.init)).sorted(by: { "\($0)" < "\($1)" }) {
            let keyed = try KeyedSubject(
                subject, countField: split.countField, yearField: split.yearField, targetsFile: targets.file)
            defer { keyed.remove() }
            let scope = layers.layer(split.scopeLayer)!
            let request = StatsRequest(
                subject: keyed.source, zones: scope.source, zoneField: scope.idField, byField: keyed.byField,
                method: .geodesic, edges: edges, threads: threads, progress: progress)
            let result = try keyed.run(request)
            runs[split] = (keyed, result)
            results.append(result)
        }
        let items = targets.items.map { target -> TargetProgress in
            guard let run = runs[Split(target)] else {
                return TargetProgress(target: target, measuredArea: nil, asOf: asOf)
            }
            let (area, classes) = measuredArea(of: target, in: run.result, keyed: run.keyed)
            let caveat =
                run.result.overlaps.pairs > 0 && classes > 1
                ? "\(run.result.overlaps.pairs) pairs of subject patches overlap; "
                    + "where patches of different counted values or years overlap, the shared area counts for each"
                : nil
            return TargetProgress(target: target, measuredArea: area, asOf: asOf, caveat: caveat)
        }
        return TargetMeasurement(targets: targets, subject: subject, asOf: asOf, items: items, runs: results)
    }

    /// Targets that share a scope layer, count field and year field share one engine run.
    struct Split: Hashable, CustomStringConvertible {
        let scopeLayer: String
        let countField: String?
        let yearField: String?

        init(_ target: Target) {
            (scopeLayer, countField, yearField) = (target.scopeLayer, target.countField, target.yearField)
        }

        var description: String { "\(scopeLayer)/\(countField ?? "")/\(yearField ?? "")" }
    }

    /// The area of the target's counted patches in its scope, and how many split classes it summed.
    /// The whole layer is total minus outside, which is right even when the layer's features overlap.
    static func measuredArea(of target: Target, in result: StatsResult, keyed: KeyedSubject) -> (Double, Int) {
        func counted(_ scope: StatsResult.Scope) -> [StatsResult.Row] {
            result.splitRows(scope).filter { row in
                guard let key = row.key else { return true }
                let (value, year) = keyed.decode(key)
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
