import Foundation
import TOMLKit

/// The constraints a site is screened against, read from a TOML rules file
/// (default `Layers/ordos/screening-rules.toml`):
///
/// ```toml
/// tolerance_m = 1.0                 # overlaps no disc this wide fits into are slivers (default 1 m)
/// [[rule]]
/// layer = "redlines"                # a layer id in layers.toml beside this file, or path = "x.geojson"
/// severity = "forbidden"            # forbidden | restricted | conditional | advisory
/// buffer_m = 0.0                    # within this distance the constraint counts (0 = overlap only)
/// where_field = "zone"              # optional filter on the constraint features
/// where_values = ["核心区"]
/// name_zh = "…"
/// name_en = "…"
/// reason_zh = "…"
/// reason_en = "…"
/// source = "plan.pdf:12"
/// [rule.conditional_when]           # optional: downgrade to conditional when the feature's
/// constraint_field = "pilot_new_energy"   # constraint_field is true and the site's site_field
/// site_field = "project_type"             # is one of site_values
/// site_values = ["PV", "光伏", "光伏治沙"]
/// ```
///
/// Unknown keys are errors (a misspelt `bufer_m` must not silently mean 0 m).
public struct ScreeningRules: Sendable {
    /// When a rule's finding is downgraded to `conditional`.
    public struct Condition: Sendable, Equatable {
        public var constraintField: String
        public var siteField: String
        public var siteValues: [String]

        /// Whether a site's value of `siteField` is one of `siteValues` (trimmed, ASCII case ignored).
        public func matches(siteValue: String?) -> Bool {
            guard let value = siteValue?.trimmingCharacters(in: .whitespaces).lowercased(), !value.isEmpty else {
                return false
            }
            return siteValues.contains { $0.trimmingCharacters(in: .whitespaces).lowercased() == value }
        }

        /// Whether a constraint feature's flag field says yes (true, 1, yes, y, t, 是; GDAL reads booleans as 1/0).
        public static func isTrue(_ text: String?) -> Bool {
            guard let text else { return false }
            return ["1", "true", "t", "yes", "y", "是", "on"].contains(
                text.trimmingCharacters(in: .whitespaces).lowercased())
        }
    }

    public struct Rule: Sendable {
        /// Position of this `[[rule]]` in the file, from 1.
        public var number: Int
        /// The layer id when the rule names one through layers.toml.
        public var layerID: String?
        /// The constraint layer's path, resolved against the rules file's folder.
        public var path: String
        /// The fields that hold the constraint features' ids and names, as layers.toml maps them
        /// (`id_field`, `name_zh_field`); nil: the usual names (id, name_zh, name, 名称, …).
        public var idField: String?
        public var nameField: String?
        public var severity: Severity
        public var bufferM: Double
        public var whereField: String?
        public var whereValues: [String]
        public var nameZh: String
        public var nameEn: String
        public var reasonZh: String
        public var reasonEn: String
        public var source: String
        public var conditionalWhen: Condition?

        /// A short name for tables: the layer id or the file name.
        public var layerLabel: String { layerID ?? (path as NSString).lastPathComponent }
        /// "name_zh / name_en", whichever exist.
        public var title: String { [nameZh, nameEn].filter { !$0.isEmpty }.joined(separator: " / ") }

        /// Whether a constraint feature's value of `whereField` passes the filter.
        public func keeps(whereValue: String?) -> Bool {
            guard whereField != nil else { return true }
            guard let value = whereValue?.trimmingCharacters(in: .whitespaces) else { return false }
            return whereValues.contains(value)
        }
    }

    public static var defaultPath: String { BundledLayers.path("screening-rules.toml") }
    public static let defaultToleranceM = 1.0
    /// The widest buffer (a rule's `buffer_m`, a point or line site's `--buffer`). Buffers are drawn in a
    /// transverse Mercator centred on the site, exact to 3e-5 at 50 km; far wider, a buffer drawn there and
    /// brought back to lon/lat is no longer the area within that distance (8000 km made every site "clear").
    public static let longestBufferM = 50_000.0
    /// The widest sliver tolerance: anything wider would pass real overlaps off as slivers.
    public static let widestToleranceM = 100.0

    public let file: String
    /// Overlaps thinner than this (no disc of this diameter fits inside them) are slivers, in metres,
    /// unless the site itself is that thin.
    public let toleranceM: Double
    public let rules: [Rule]

    public init(file: String, toleranceM: Double = defaultToleranceM, rules: [Rule]) {
        self.file = file; self.toleranceM = toleranceM; self.rules = rules
    }

    /// Reads and checks a rules file; every error names the file, the rule, the key and what to do.
    public static func load(_ path: String) throws -> ScreeningRules {
        InputFiles.register([path])
        guard FileManager.default.fileExists(atPath: path) else {
            throw ShelterbeltError(
                .missingInput, file: path, problem: "no such rules file", remedy: "check the path, or pass --rules FILE"
            )
        }
        let text = try UTF8TextFile.read(path)
        return try ScreeningRules(parsing: text, file: path)
    }

    public init(parsing text: String, file: String) throws {
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch let error as TOMLParseError {
            throw ShelterbeltError(
                .badInput, file: file,
                problem: "line \(error.source.begin.line), column \(error.source.begin.column): \(error.description)",
                remedy: "fix the TOML syntax there")
        }
        let reader = RulesReader(file: file)
        try reader.allowOnly(["tolerance_m", "rule"], in: table, at: "the top level")
        let tolerance =
            try reader.metres(
                table["tolerance_m"], key: "tolerance_m", at: "the top level", most: Self.widestToleranceM)
            ?? Self.defaultToleranceM
        guard let list = table["rule"] else {
            throw ShelterbeltError(
                .badInput, file: file, problem: "has no [[rule]]",
                remedy: "add at least one [[rule]] table with layer (or path) and severity")
        }
        guard let array = list.array else {
            throw ShelterbeltError(
                .badInput, file: file, problem: "'rule' must be an array of tables",
                remedy: "write each rule as a [[rule]] table")
        }
        var rules: [Rule] = []
        for index in array.indices {
            guard let ruleTable = array[index].table else {
                throw ShelterbeltError(
                    .badInput, file: file, problem: "rule \(index + 1) is not a table",
                    remedy: "write each rule as a [[rule]] table")
            }
            rules.append(try reader.rule(ruleTable, number: index + 1))
        }
        self.init(file: file, toleranceM: tolerance, rules: rules)
    }
}

/// Reads the keys of a rules file with errors that say where and what to write instead.
private struct RulesReader {
    let file: String
    var folder: String { (file as NSString).deletingLastPathComponent }

    func fail(_ place: String, _ problem: String, _ remedy: String) -> ShelterbeltError {
        ShelterbeltError(.badInput, file: file, problem: "\(place): \(problem)", remedy: remedy)
    }

    func allowOnly(_ keys: Set<String>, in table: TOMLTable, at place: String) throws {
        for key in table.keys where !keys.contains(key) {
            throw fail(place, "unknown key '\(key)'", "use only \(keys.sorted().joined(separator: ", "))")
        }
    }

    /// A distance from 0 to `most` metres (a non-finite number is outside).
    func metres(_ value: TOMLValueConvertible?, key: String, at place: String, most: Double) throws -> Double? {
        guard let value else { return nil }
        guard let number = value.double ?? value.int.map(Double.init), number >= 0, number <= most else {
            let range = "from 0 to \(String(format: "%g", most)) m"
            throw fail(
                place, "'\(key)' must be a number of metres \(range)", "write \(key) in metres within that range")
        }
        return number
    }

    func text(_ value: TOMLValueConvertible?, key: String, at place: String) throws -> String? {
        guard let value else { return nil }
        guard let text = value.string else {
            throw fail(place, "'\(key)' must be a string", "quote it: \(key) = \"…\"")
        }
        return text
    }

    func texts(_ value: TOMLValueConvertible?, key: String, at place: String) throws -> [String] {
        guard let value else { return [] }
        guard let array = value.array else {
            throw fail(place, "'\(key)' must be an array", "e.g. \(key) = [\"a\", \"b\"]")
        }
        return try array.indices.map { index in
            let item = array[index]
            if let text = item.string { return text }
            if let int = item.int { return String(int) }
            throw fail(place, "'\(key)' item \(index + 1) must be a string", "e.g. \(key) = [\"a\", \"b\"]")
        }
    }

    func rule(_ table: TOMLTable, number: Int) throws -> ScreeningRules.Rule {
        let place = "rule \(number) ([[rule]] number \(number))"
        try allowOnly(
            [
                "layer", "path", "severity", "buffer_m", "where_field", "where_values", "name_zh", "name_en",
                "reason_zh", "reason_en", "source", "conditional_when",
            ], in: table, at: place)
        let layer = try text(table["layer"], key: "layer", at: place).flatMap { $0.isEmpty ? nil : $0 }
        let given = try text(table["path"], key: "path", at: place).flatMap { $0.isEmpty ? nil : $0 }
        let entry: ScreeningLayerLookup.Entry
        switch (layer, given) {
        case (nil, nil):
            throw fail(place, "names no constraint layer", "add layer = \"<id in layers.toml>\" or path = \"<file>\"")
        case (.some, .some): throw fail(place, "has both 'layer' and 'path'", "keep one of them")
        case (.some(let id), nil): entry = try ScreeningLayerLookup.entry(of: id, besides: file, rule: place)
        case (nil, .some(let relative)):
            entry = .init(
                path: relative.hasPrefix("/") ? relative : (folder as NSString).appendingPathComponent(relative),
                idField: nil, nameField: nil)
        }
        // Standardised so that rules naming one file differently ("./x", "layer = id") share one constraint
        // layer, and the screening table can tell that their findings are about the same feature.
        let path = (entry.path as NSString).standardizingPath
        guard FileManager.default.fileExists(atPath: path) else {
            throw ShelterbeltError(
                .missingInput, file: file, problem: "\(place): constraint layer \(path) does not exist",
                remedy: "check the path (relative to the rules file's folder) or the layer's entry in layers.toml")
        }
        guard let severityText = try text(table["severity"], key: "severity", at: place) else {
            throw fail(
                place, "has no 'severity'",
                "add severity = \"forbidden\", \"restricted\", \"conditional\" or \"advisory\"")
        }
        guard let severity = Severity(name: severityText) else {
            throw fail(
                place, "severity '\(severityText)' is not known", "use forbidden, restricted, conditional or advisory")
        }
        let whereField = try text(table["where_field"], key: "where_field", at: place).flatMap { $0.isEmpty ? nil : $0 }
        let whereValues = try texts(table["where_values"], key: "where_values", at: place)
        if whereField != nil && whereValues.isEmpty {
            throw fail(
                place, "where_field is set but where_values is empty",
                "list the values to keep, e.g. where_values = [\"核心区\"], or remove where_field")
        }
        if whereField == nil && !whereValues.isEmpty {
            throw fail(
                place, "where_values is set but where_field is not",
                "name the constraint field they are values of, e.g. where_field = \"zone\"")
        }
        let nameZh = try text(table["name_zh"], key: "name_zh", at: place) ?? ""
        let nameEn = try text(table["name_en"], key: "name_en", at: place) ?? ""
        if nameZh.isEmpty && nameEn.isEmpty {
            throw fail(place, "has no name", "add name_zh = \"…\" and/or name_en = \"…\" (they label the findings)")
        }
        var condition: ScreeningRules.Condition?
        if let value = table["conditional_when"] {
            let inner = "\(place), [rule.conditional_when]"
            guard let sub = value.table else {
                throw fail(
                    place, "'conditional_when' must be a table", "write it as [rule.conditional_when] under the rule")
            }
            try allowOnly(["constraint_field", "site_field", "site_values"], in: sub, at: inner)
            guard let constraintField = try text(sub["constraint_field"], key: "constraint_field", at: inner),
                !constraintField.isEmpty,
                let siteField = try text(sub["site_field"], key: "site_field", at: inner), !siteField.isEmpty
            else {
                throw fail(
                    inner, "needs constraint_field and site_field",
                    "e.g. constraint_field = \"pilot_new_energy\", site_field = \"project_type\"")
            }
            let siteValues = try texts(sub["site_values"], key: "site_values", at: inner)
            guard !siteValues.isEmpty else {
                throw fail(
                    inner, "site_values is empty",
                    "list the site values the condition applies to, e.g. site_values = [\"PV\", \"光伏\"]")
            }
            condition = .init(constraintField: constraintField, siteField: siteField, siteValues: siteValues)
        }
        return ScreeningRules.Rule(
            number: number, layerID: layer, path: path, idField: entry.idField, nameField: entry.nameField,
            severity: severity,
            bufferM: try metres(table["buffer_m"], key: "buffer_m", at: place, most: ScreeningRules.longestBufferM)
                ?? 0,
            whereField: whereField, whereValues: whereValues, nameZh: nameZh, nameEn: nameEn,
            reasonZh: try text(table["reason_zh"], key: "reason_zh", at: place) ?? "",
            reasonEn: try text(table["reason_en"], key: "reason_en", at: place) ?? "",
            source: try text(table["source"], key: "source", at: place) ?? "", conditionalWhen: condition)
    }
}

/// Resolves a rule's `layer = "id"` through the `layers.toml` beside the rules file: only the `path`
/// of that id and its `id_field` / `name_zh_field` mapping are read (the full manifest belongs to the
/// layers loader). Accepted shapes:
/// `[[layer]]` (or any array of tables) with `id = "…"` and `path = "…"`, or a table named by the id
/// (`[redlines]`, `[layers.redlines]`) with `path = "…"`. Paths are relative to layers.toml.
private enum ScreeningLayerLookup {
    struct Entry {
        let path: String
        let idField: String?
        let nameField: String?
    }

    static func entry(of id: String, besides rulesFile: String, rule place: String) throws -> Entry {
        let folder = (rulesFile as NSString).deletingLastPathComponent
        let manifest = (folder as NSString).appendingPathComponent("layers.toml")
        guard FileManager.default.fileExists(atPath: manifest) else {
            throw ShelterbeltError(
                .missingInput, file: rulesFile,
                problem: "\(place): layer '\(id)' needs \(manifest), which cannot be read",
                remedy: "put layers.toml beside the rules file, or give the rule path = \"<file>\" instead of layer")
        }
        let text = try UTF8TextFile.read(manifest)
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch let error as TOMLParseError {
            throw ShelterbeltError(
                .badInput, file: manifest,
                problem: "line \(error.source.begin.line), column \(error.source.begin.column): \(error.description)")
        }
        var ids: [String] = []
        guard let found = find(id, in: table, depth: 0, ids: &ids), let relative = found["path"]?.string else {
            throw ShelterbeltError(
                .badInput, file: rulesFile, problem: "\(place): layer '\(id)' is not in \(manifest)",
                remedy: ids.isEmpty
                    ? "add it to layers.toml with a path, or use path = \"<file>\""
                    : "use one of: \(ids.sorted().joined(separator: ", "))")
        }
        return Entry(
            path: relative.hasPrefix("/") ? relative : (folder as NSString).appendingPathComponent(relative),
            idField: found["id_field"]?.string, nameField: found["name_zh_field"]?.string)
    }

    /// The table that describes layer `id` (and has a path).
    private static func find(_ id: String, in table: TOMLTable, depth: Int, ids: inout [String]) -> TOMLTable? {
        if let own = table["id"]?.string {
            ids.append(own)
            if own == id, table["path"]?.string != nil { return table }
        }
        guard depth < 3 else { return nil }
        for key in table.keys {
            guard let value = table[key] else { continue }
            if let sub = value.table {
                if key == id, sub["id"] == nil, sub["path"]?.string != nil { return sub }
                if sub["id"] == nil, sub["path"]?.string != nil { ids.append(key) }
                if let found = find(id, in: sub, depth: depth + 1, ids: &ids) { return found }
            } else if let array = value.array {
                for index in array.indices {
                    if let sub = array[index].table, let found = find(id, in: sub, depth: depth + 1, ids: &ids) {
                        return found
                    }
                }
            }
        }
        return nil
    }
}
