import Foundation

/// Renders a `TargetMeasurement` as a table, CSV or JSON, each target in its own unit.
public struct TargetReport {
    public let measurement: TargetMeasurement

    public init(_ measurement: TargetMeasurement) { self.measurement = measurement }

    /// A figure in a target's unit, with that unit's decimals.
    static func amount(_ value: Double?, _ target: Target) -> String {
        value.map { String(format: "%.\(target.decimals)f", $0) } ?? ""
    }

    static func percent(_ fraction: Double?) -> String { fraction.map { String(format: "%.2f%%", $0 * 100) } ?? "" }

    static func scope(_ target: Target) -> String { target.scopeLayer + ":" + (target.scopeFeature ?? "*") }

    public func table() -> String {
        var table = TextTable(
            header: [
                "id", "名称", "scope 范围", "unit 单位", "target 目标", "baseline 基数", "measured 测得",
                "progress 进度", "remaining 剩余", "expected 应达", "deadline 期限", "status 状态",
            ],
            rightAligned: [4, 5, 6, 7, 8, 9])
        for item in measurement.items {
            let target = item.target
            table.append([
                target.id, target.nameZh, Self.scope(target), target.unit, Self.amount(target.value, target),
                Self.amount(target.baseline, target), Self.amount(item.measured, target), Self.percent(item.progress),
                Self.amount(item.remaining, target), Self.amount(item.expected, target),
                target.deadline?.description ?? "",
                "\(item.status.rawValue) \(item.status.labelZh)",
            ])
        }
        return table.render() + footnotes()
    }

    /// Sources, caveats, the rule behind the status column, and what was done to the subject to measure it.
    func footnotes() -> String {
        var lines = [
            "subject \(measurement.subject.path); targets \(measurement.targets.file); as of \(measurement.asOf)",
            "progress = (baseline + measured) / target; expected = baseline + (target − baseline) × "
                + "share of the period (1 January of period_start to deadline) elapsed; "
                + "on track when baseline + measured ≥ expected",
        ]
        for item in measurement.items {
            let target = item.target
            let bureau = [target.bureauZh, target.bureauEn].filter { !$0.isEmpty }.joined(separator: " / ")
            lines.append(
                "\(target.id): \(target.nameEn); source: \(target.source)" + (bureau.isEmpty ? "" : "; \(bureau)")
                    + (target.note.isEmpty ? "" : "; \(target.note)"))
            if let caveat = item.caveat { lines.append("\(target.id): caution: \(caveat)") }
            if item.status == .missingField, let reason = item.unmeasurableReason {
                lines.append("\(target.id): not measurable: \(reason)")
            }
        }
        let notes = measurement.runs.first.map { StatsReport($0, unit: .mu).footnotes() } ?? ""
        return lines.map { "# " + $0 }.joined(separator: "\n") + "\n" + notes
    }

    public func csv(byteOrderMark: Bool = false) -> String {
        var csv = CSVText(header: [
            "id", "name_zh", "name_en", "measure", "unit", "value", "baseline", "measured", "measured_m2",
            "progress", "remaining", "expected", "period_start", "deadline", "as_of", "status",
            "scope_layer", "scope_feature", "count_field", "count_values", "year_field",
            "bureau_zh", "bureau_en", "source", "note", "caveat", "not_measurable_reason",
        ])
        for item in measurement.items {
            let target = item.target
            let number = { (value: Double?) in value.map { "\($0)" } ?? "" }
            csv.append([
                target.id, target.nameZh, target.nameEn, target.measure.rawValue, target.unit, number(target.value),
                number(target.baseline), number(item.measured), number(item.measuredArea), number(item.progress),
                number(item.remaining), number(item.expected), target.periodStart.map(String.init) ?? "",
                target.deadline?.description ?? "", measurement.asOf.description, item.status.rawValue,
                target.scopeLayer, target.scopeFeature ?? "", target.countField ?? "",
                target.countValues.joined(separator: ";"), target.yearField ?? "",
                target.bureauZh, target.bureauEn, target.source, target.note, item.caveat ?? "",
                item.unmeasurableReason ?? "",
            ])
        }
        return csv.render(byteOrderMark: byteOrderMark)
    }

    public func json() -> JSONValue {
        func number(_ value: Double?) -> JSONValue { value.map(JSONValue.number) ?? .null }
        func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        let items = measurement.items.map { item -> JSONValue in
            let target = item.target
            return .object([
                ("id", .string(target.id)), ("name_zh", .string(target.nameZh)), ("name_en", .string(target.nameEn)),
                ("measure", .string(target.measure.rawValue)), ("unit", .string(target.unit)),
                ("value", .number(target.value)), ("baseline", .number(target.baseline)),
                ("measured", number(item.measured)), ("measured_m2", number(item.measuredArea)),
                ("progress", number(item.progress)), ("remaining", number(item.remaining)),
                ("expected", number(item.expected)),
                ("period_start", target.periodStart.map(JSONValue.integer) ?? .null),
                ("deadline", text(target.deadline?.description)),
                ("status", .string(item.status.rawValue)), ("status_zh", .string(item.status.labelZh)),
                ("scope_layer", .string(target.scopeLayer)), ("scope_feature", text(target.scopeFeature)),
                ("count_field", text(target.countField)),
                ("count_values", .array(target.countValues.map(JSONValue.string))),
                ("year_field", text(target.yearField)),
                ("bureau_zh", .string(target.bureauZh)), ("bureau_en", .string(target.bureauEn)),
                ("source", .string(target.source)), ("note", .string(target.note)), ("caveat", text(item.caveat)),
                ("not_measurable_reason", text(item.unmeasurableReason)),
            ])
        }
        return .object(
            [
                ("subject", .string(measurement.subject.path)), ("targets_file", .string(measurement.targets.file)),
                ("as_of", .string(measurement.asOf.description)), ("targets", .array(items)),
                ("engine_runs", .integer(measurement.runs.count)),
            ] + subjectNotes)
    }

    /// What `stats` reports about reading the subject (features read, skipped, repaired, overlapping).
    private var subjectNotes: [(String, JSONValue)] {
        guard let run = measurement.runs.first, case .object(let members) = StatsReport(run, unit: .m2).json() else {
            return []
        }
        return members.filter { ["input", "overlaps"].contains($0.0) }
    }
}
