/// One `[[target]]` of a targets file: a figure from a plan, where it applies, what counts toward it,
/// who answers for it and where it is written.
public struct Target: Sendable {
    /// Areas are measured from geometry; outputs (money) are not.
    public enum Measure: String, Sendable { case area, output }

    public static let outputUnits = ["亿元", "万元每亩"]

    public let id: String
    public let nameZh: String
    public let nameEn: String
    public let value: Double
    /// The unit as written (万亩, 亩, km2, ha, m2; 亿元, 万元每亩).
    public let unit: String
    /// The unit of an area target; nil for an output target.
    public let areaUnit: AreaUnit?
    /// Decimals of its figures: an area unit's (one square metre visible); an output's 4 (1 万元 in 亿元).
    public var decimals: Int { areaUnit?.decimals ?? 4 }
    public let measure: Measure
    /// First year of the plan period (the period starts on 1 January).
    public let periodStart: Int?
    public let deadline: PlanDate?
    public let scopeLayer: String
    /// The feature of the scope layer (its `id_field` value); nil for the whole layer.
    public let scopeFeature: String?
    /// Subject field whose values say which patches count; nil when every patch counts.
    public let countField: String?
    public let countValues: [String]
    /// Subject field holding the year of treatment; patches count only within the period.
    public let yearField: String?
    /// Already achieved before the measured patches, in `unit`.
    public let baseline: Double
    public let bureauZh: String
    public let bureauEn: String
    public let source: String
    public let note: String
    /// Where the target is in its file (`[[target]] 3 (id "…")`), for errors found later.
    let place: String

    /// Reads and checks one `[[target]]` table against the layer set its scope refers to.
    init(_ table: ConfigTable, layers: LayerSet) throws {
        id = try table.string("id")
        let table = table.identified(id)
        place = table.place
        nameZh = try table.string("name_zh")
        nameEn = try table.string("name_en")
        guard let value = try table.double("value") else { throw table.error("value", "is missing") }
        guard value > 0 else { throw table.error("value", "must be above 0, not \(value)") }
        self.value = value
        let measureText = try table.string("measure")
        guard let measure = Measure(rawValue: measureText) else {
            throw table.error("measure", "'\(measureText)' is neither \"area\" nor \"output\"")
        }
        self.measure = measure
        unit = try table.string("unit")
        areaUnit = AreaUnit(text: unit)
        switch measure {
        case .area where areaUnit == nil:
            throw table.error("unit", "'\(unit)' is not an area unit", remedy: "use 万亩, 亩, km2, ha or m2")
        case .output where !Self.outputUnits.contains(unit):
            throw table.error(
                "unit", "'\(unit)' is not an output unit", remedy: "use \(Self.outputUnits.joined(separator: " or "))")
        default: break
        }
        periodStart = try table.int("period_start")
        deadline = try table.date("deadline")
        if let periodStart, let deadline, periodStart > deadline.year {
            throw table.error("period_start", "\(periodStart) is after the deadline \(deadline)")
        }
        scopeLayer = try table.string("scope_layer")
        guard let layer = layers.layer(scopeLayer) else {
            throw table.error(
                "scope_layer", "'\(scopeLayer)' is not a layer of \(layers.manifest.file)",
                remedy: "use one of: \(layers.layers.map(\.id).joined(separator: ", "))")
        }
        if measure == .area && layer.kind.isLinear {
            throw table.error("scope_layer", "'\(scopeLayer)' is a line layer and has no area")
        }
        scopeFeature = try table.optionalString("scope_feature").flatMap { $0.isEmpty ? nil : $0 }
        countField = try table.optionalString("count_field").flatMap { $0.isEmpty ? nil : $0 }
        countValues = try table.strings("count_values") ?? []
        if countField != nil && countValues.isEmpty {
            throw table.error("count_values", "is empty, so nothing would count toward the target")
        }
        if countField == nil && !countValues.isEmpty {
            throw table.error("count_values", "is given but count_field is empty")
        }
        yearField = try table.optionalString("year_field").flatMap { $0.isEmpty ? nil : $0 }
        if yearField != nil && periodStart == nil && deadline == nil {
            throw table.error(
                "year_field", "is given but the target has neither period_start nor deadline to compare years with")
        }
        baseline = try table.double("baseline") ?? 0
        guard baseline >= 0 else { throw table.error("baseline", "must not be negative, not \(baseline)") }
        bureauZh = try table.optionalString("bureau_zh") ?? ""
        bureauEn = try table.optionalString("bureau_en") ?? ""
        source = try table.string("source")
        note = try table.optionalString("note") ?? ""
    }

    /// Whether a patch treated in `year` counts: within [period_start, deadline's year], bounds optional.
    public func counts(year: Int) -> Bool {
        year >= (periodStart ?? .min) && year <= (deadline?.year ?? .max)
    }

    /// Which patches count, for people: e.g. `treatment = 人工造林、飞播造林; year 2021–2025`.
    public var countedPatches: String {
        var parts = [countField.map { "\($0) = \(countValues.joined(separator: "、"))" } ?? "*"]
        if let yearField {
            parts.append(
                "\(yearField) \(periodStart.map(String.init) ?? "…")–\(deadline.map { String($0.year) } ?? "…")")
        }
        return parts.joined(separator: "; ")
    }
}
