import Foundation

/// A targets file (`targets.toml`): the plans' targets as data, one `[[target]]` each.
///
/// ```toml
/// [[target]]
/// id = "afforestation_2025"
/// name_zh = "完成造林"
/// name_en = "Afforestation"
/// value = 386.6
/// unit = "万亩"                     # 万亩 亩 km2 ha m2 (area); 亿元 万元每亩 (output)
/// measure = "area"                  # or "output"
/// period_start = 2021               # optional
/// deadline = "2025-12-31"           # optional
/// scope_layer = "city"              # a layer id of the layer set
/// scope_feature = ""                # a feature id in that layer; "" = the whole layer
/// count_field = "treatment"         # subject field; "" = every patch counts
/// count_values = ["人工造林", "飞播造林"]
/// year_field = "year"               # optional: only patches treated within the period
/// baseline = 0.0                    # optional, in unit
/// bureau_zh = "市林业和草原局"
/// bureau_en = "Forestry and Grassland Bureau"
/// source = "鄂尔多斯市“十四五”林业和草原保护发展规划, 第三章"
/// note = ""
/// ```
public struct Targets: Sendable {
    public let file: String
    public let items: [Target]

    static let fileName = "targets.toml"

    /// The subject field names the targets count by (count_field, year_field): the layer set's vocabulary, which a
    /// `FieldMapping` maps onto a bureau's own names.
    public var vocabulary: Set<String> { Set(items.flatMap { [$0.countField, $0.yearField].compactMap { $0 } }) }

    /// Reads `file`, or `targets.toml` beside the layer set's manifest when `file` is nil.
    public static func load(_ file: String?, layers: LayerSet) throws -> Targets {
        let file = file ?? (layers.directory as NSString).appendingPathComponent(fileName)
        let top = try ConfigTable.read(file)
        var items: [Target] = []
        for table in try top.tables("target") {
            let target = try Target(table, layers: layers)
            if let first = items.firstIndex(where: { $0.id == target.id }) {
                throw table.identified(target.id).error("id", "duplicate: [[target]] \(first + 1) has the same id")
            }
            items.append(target)
        }
        guard !items.isEmpty else { throw top.error("target", "the file lists no [[target]]") }
        return Targets(file: file, items: items)
    }
}
