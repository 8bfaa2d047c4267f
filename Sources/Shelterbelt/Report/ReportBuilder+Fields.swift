import Foundation

/// Which of the subject's fields the report reads, when the subject is a bureau's own layer with its own field names.
extension ReportBuilder {
    /// The subject field that splits the figures: `--by` names a field of the targets (mapped) or of the subject.
    /// The default, the treatment field, is left out (nil) when the subject has none, so that a bureau's data
    /// without it still gets its report; a field named on purpose must exist.
    /// The field is named as the subject spells it, and its codes stand for the values the mapping gives them
    /// (`--value treatment:01=人工造林`), so that the tables and the map's legend show the targets' vocabulary.
    static func splitField(_ request: ReportRequest, subject: OpenedLayer) throws -> ClassField? {
        let mapped = request.fieldMapping.classField(request.byField ?? ReportRequest.defaultByField)
        let index =
            try subject.layer.fieldIndex(mapped.name)
            ?? request.byField.map { _ in try subject.field(mapped.name, option: "--by") }
        return index.map { ClassField(name: subject.layer.fieldNames[$0], classes: mapped.classes) }
    }

    /// What the report could not measure with the subject at hand, and why: one note on the split, one per target.
    static func fieldNotes(_ measurement: TargetMeasurement, splitField: String?) -> [ReportNote] {
        var notes: [ReportNote] = []
        if splitField == nil {
            let name = ReportRequest.defaultByField
            notes.append(
                ReportNote(
                    zh: "图斑没有字段“\(name)”，各表不按治理类型细分（用 --field \(name)=字段 映射，或用 --by 字段 指定）。",
                    en: "The subject has no field '\(name)', so the figures are not split by treatment "
                        + "(map one with --field \(name)=FIELD, or name one with --by FIELD)."))
        }
        // One note per reason, naming the targets it applies to, so that 20 targets of a missing field make one.
        var reasons: [(reason: String, unmeasurable: Bool, ids: [String])] = []
        for item in measurement.items {
            let unmeasurable = item.status == .missingField
            guard let reason = unmeasurable ? item.unmeasurableReason : item.caveat else { continue }
            if let index = reasons.firstIndex(where: { $0.reason == reason && $0.unmeasurable == unmeasurable }) {
                reasons[index].ids.append(item.target.id)
            } else {
                reasons.append((reason, unmeasurable, [item.target.id]))
            }
        }
        for (reason, unmeasurable, ids) in reasons {
            let list = ids.joined(separator: ", ")
            notes.append(
                unmeasurable
                    ? ReportNote(zh: "以下目标无法测算（\(reason)）：\(list)。", en: "Not measurable (\(reason)): \(list).")
                    : ReportNote(zh: "以下目标的测算结果需注意（\(reason)）：\(list)。", en: "To read with care (\(reason)): \(list)."))
        }
        return notes
    }
}
