import Foundation
import GeoKit

/// Renders a `ScreeningResult` as a table, CSV or JSON, and its conflict geometries as GeoJSON.
public struct ScreeningReport {
    public let result: ScreeningResult

    public init(_ result: ScreeningResult) { self.result = result }

    static func mu(_ squareMetres: Double) -> Double { AreaUnit.mu.fromSquareMetres(squareMetres) }
    static func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }

    func rule(_ finding: Finding) -> ScreeningRules.Rule { result.rules.rules[finding.rule] }

    /// "conditional ← forbidden" when downgraded.
    static func severityText(_ finding: Finding, _ rule: ScreeningRules.Rule) -> String {
        finding.downgraded ? "\(finding.severity) ← \(rule.severity)" : finding.severity.description
    }

    static func verdictText(_ site: SiteResult) -> String {
        site.skipped != nil ? "not screened 未筛查" : "\(site.verdict) \(site.verdict.nameZh)"
    }

    /// "1 生态保护红线 (+10)": the row's rule, and the numbers of the rules folded into it.
    func ruleText(_ row: ScreeningRow, _ finding: Finding) -> String {
        let rule = rule(finding)
        let also = row.alsoRules.map { String(result.rules.rules[$0].number) }
        return "\(rule.number) \(rule.nameZh.isEmpty ? rule.nameEn : rule.nameZh)"
            + (also.isEmpty ? "" : " (+\(also.joined(separator: ", ")))")
    }

    public func table() -> String {
        let header = [
            "site 地块", "area 面积 m²", "亩", "verdict 结论", "rule 规则", "severity 级别", "counted 计入结论",
            "feature 要素", "relation 关系", "overlap 重叠 m²", "亩", "share 占比", "distance 距离 m",
        ]
        var table = TextTable(header: header, rightAligned: [1, 2, 9, 10, 11, 12])
        var previous: String?
        for row in result.rows {
            let site = row.site
            let lead =
                previous == site.id
                ? ["", "", "", ""]
                : [site.id, Self.fixed(site.areaM2, 1), Self.fixed(Self.mu(site.areaM2), 3), Self.verdictText(site)]
            previous = site.id
            guard let finding = row.finding else {
                table.append(lead + [site.skipped ?? "", "", "", "", "", "", "", "", ""])
                continue
            }
            let overlaps = finding.relation == .overlap || finding.relation == .sliver
            table.append(
                lead + [
                    ruleText(row, finding), "\(Self.severityText(finding, rule(finding))) \(finding.severity.nameZh)",
                    row.countingEn(result.rules),
                    [finding.featureID, finding.featureName].filter { !$0.isEmpty }.joined(separator: " "),
                    "\(finding.relation) \(finding.relation.nameZh)",
                    overlaps ? Self.fixed(finding.overlapM2, 1) : "",
                    overlaps ? Self.fixed(Self.mu(finding.overlapM2), 3) : "",
                    overlaps ? String(format: "%.2f%%", finding.share * 100) : "",
                    finding.distanceM.map { Self.fixed($0, 1) } ?? "",
                ])
        }
        return table.render() + footnotes()
    }

    /// What a reader needs to act on the table: the rules met, the semantics, the counts and the input notes.
    func footnotes() -> String {
        let rules = result.rules
        let (byVerdict, skipped) = result.counts
        var lines = [
            "\(result.results.count) sites: " + byVerdict.map { "\($0.1) \($0.0)" }.joined(separator: ", ")
                + (skipped > 0 ? ", \(skipped) not screened (no usable geometry)" : "")
        ]
        let used = Set(result.results.flatMap { $0.findings.map(\.rule) }).sorted()
        for index in used {
            let rule = rules.rules[index]
            var text = "rule \(rule.number) \(rule.title) [\(rule.layerLabel)]: \(rule.severity)"
            if rule.bufferM > 0 { text += ", within \(Self.fixed(rule.bufferM, 0)) m" }
            if let field = rule.whereField { text += ", where \(field) in \(rule.whereValues.joined(separator: "/"))" }
            let reason = [rule.reasonZh, rule.reasonEn].filter { !$0.isEmpty }.joined(separator: " / ")
            if !reason.isEmpty { text += " — \(reason)" }
            if !rule.source.isEmpty { text += " (\(rule.source))" }
            if let condition = rule.conditionalWhen {
                let values = condition.siteValues.joined(separator: "/")
                text +=
                    "; conditional where the feature's \(condition.constraintField) is true "
                    + "and the site's \(condition.siteField) is \(values)"
            }
            lines.append(text)
        }
        lines.append(
            "rules \(rules.file) (\(rules.rules.count)); areas geodesic on GRS80 (CGCS2000), 1 亩 = 10000/15 m²; "
                + "touching is not overlap; "
                + "overlaps no \(Self.fixed(rules.toleranceM, 2)) m disc fits into are slivers "
                + "(reported, not counted); "
                + "distances geodesic between the nearest points")
        if let buffer = result.results.compactMap(\.bufferedM).first {
            lines.append("point and line sites screened as the area within \(Self.fixed(buffer, 1)) m of them")
        }
        lines += InputNotesText.lines(result.inputNotes)
        lines += result.sites.warnings.map { "warning: \($0)" }
        return lines.map { "# " + $0 }.joined(separator: "\n") + "\n"
    }

    public func csv(byteOrderMark: Bool = false) -> String {
        var csv = CSVText(header: [
            "site_id", "site_feature_id", "site_area_m2", "site_area_mu", "verdict", "not_screened", "rule",
            "also_rules", "layer", "rule_name_zh", "rule_name_en", "rule_severity", "severity", "downgraded", "counts",
            "counted_as", "counting_zh", "counting_en", "relation", "feature_id", "feature_name", "overlap_m2",
            "overlap_mu", "share", "distance_m", "buffer_m", "reason_zh", "reason_en", "source",
        ])
        for row in result.rows {
            let site = row.site
            let lead = [
                site.id, String(site.featureID), Self.fixed(site.areaM2, 3), Self.fixed(Self.mu(site.areaM2), 4),
                site.skipped == nil ? site.verdict.description : "", site.skipped ?? "",
            ]
            guard let finding = row.finding else {
                csv.append(lead + Array(repeating: "", count: 23))
                continue
            }
            let rule = rule(finding)
            csv.append(
                lead + [
                    String(rule.number),
                    row.alsoRules.map { String(result.rules.rules[$0].number) }.joined(separator: " "),
                    rule.layerLabel, rule.nameZh, rule.nameEn, rule.severity.description, finding.severity.description,
                    finding.downgraded ? "true" : "false", row.counts ? "true" : "false",
                    row.counted?.severity.description ?? "", row.countingZh(result.rules), row.countingEn(result.rules),
                    finding.relation.rawValue, finding.featureID, finding.featureName, Self.fixed(finding.overlapM2, 3),
                    Self.fixed(Self.mu(finding.overlapM2), 4), Self.fixed(finding.share, 6),
                    finding.distanceM.map { Self.fixed($0, 3) } ?? "", Self.fixed(rule.bufferM, 3),
                    rule.reasonZh, rule.reasonEn, rule.source,
                ])
        }
        for line in InputNotesText.lines(result.inputNotes) {
            csv.append(["# " + line] + Array(repeating: "", count: 28))
        }
        return csv.render(byteOrderMark: byteOrderMark)
    }

    func rowJSON(_ row: ScreeningRow, _ finding: Finding) -> JSONValue {
        let rule = rule(finding)
        return .object([
            ("rule", .integer(rule.number)),
            ("also_rules", .array(row.alsoRules.map { .integer(result.rules.rules[$0].number) })),
            ("layer", .string(rule.layerLabel)), ("name_zh", .string(rule.nameZh)), ("name_en", .string(rule.nameEn)),
            ("rule_severity", .string(rule.severity.description)), ("severity", .string(finding.severity.description)),
            ("downgraded", .bool(finding.downgraded)), ("counts", .bool(row.counts)),
            ("counted_as", row.counted.map { .string($0.severity.description) } ?? .null),
            ("counting_zh", .string(row.countingZh(result.rules))),
            ("counting_en", .string(row.countingEn(result.rules))),
            ("relation", .string(finding.relation.rawValue)),
            ("feature_id", .string(finding.featureID)), ("feature_name", .string(finding.featureName)),
            ("overlap_m2", .number(finding.overlapM2)), ("overlap_mu", .number(Self.mu(finding.overlapM2))),
            ("share", .number(finding.share)), ("distance_m", finding.distanceM.map(JSONValue.number) ?? .null),
        ])
    }

    func ruleJSON(_ rule: ScreeningRules.Rule, features: Int) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("rule", .integer(rule.number)), ("layer", rule.layerID.map(JSONValue.string) ?? .null),
            ("path", .string(rule.path)),
            ("features", .integer(features)), ("severity", .string(rule.severity.description)),
            ("buffer_m", .number(rule.bufferM)),
            ("where_field", rule.whereField.map(JSONValue.string) ?? .null),
            ("where_values", .array(rule.whereValues.map(JSONValue.string))),
            ("name_zh", .string(rule.nameZh)), ("name_en", .string(rule.nameEn)), ("reason_zh", .string(rule.reasonZh)),
            ("reason_en", .string(rule.reasonEn)), ("source", .string(rule.source)),
        ]
        if let condition = rule.conditionalWhen {
            members.append(
                (
                    "conditional_when",
                    .object([
                        ("constraint_field", .string(condition.constraintField)),
                        ("site_field", .string(condition.siteField)),
                        ("site_values", .array(condition.siteValues.map(JSONValue.string))),
                    ])
                ))
        }
        return .object(members)
    }

    public func json() -> JSONValue {
        let (byVerdict, skipped) = result.counts
        let sites = result.results.map { site -> JSONValue in
            var members: [(String, JSONValue)] = [
                ("id", .string(site.id)), ("feature_id", .integer(Int(site.featureID))),
                ("area_m2", .number(site.areaM2)), ("area_mu", .number(Self.mu(site.areaM2))),
                ("verdict", site.skipped == nil ? .string(site.verdict.description) : .null),
            ]
            if let skipped = site.skipped { members.append(("not_screened", .string(skipped))) }
            if let buffer = site.bufferedM { members.append(("buffered_m", .number(buffer))) }
            let rows = ScreeningRow.rows(site, constraints: result.constraints)
            members.append(("rows", .array(rows.compactMap { row in row.finding.map { rowJSON(row, $0) } })))
            return .object(members)
        }
        return .object([
            ("sites_file", .string(result.sites.path)), ("sites_layer", .string(result.sites.layerName)),
            ("sites_crs", .string(result.sites.crsName)),
            ("site_id_field", result.sites.idField.map(JSONValue.string) ?? .null),
            ("rules_file", .string(result.rules.file)), ("tolerance_m", .number(result.rules.toleranceM)),
            ("area_method", .string("geodesic")),
            (
                "rules",
                .array(
                    result.rules.rules.indices.map {
                        ruleJSON(result.rules.rules[$0], features: result.constraints.featureCounts[$0])
                    })
            ),
            (
                "summary",
                .object(
                    [("sites", .integer(result.results.count))] + byVerdict.map { ($0.0.description, .integer($0.1)) }
                        + [("not_screened", .integer(skipped)), ("worst", .string(result.worst.description))])
            ),
            ("sites", .array(sites)),
            ("input_notes", InputNotesText.json(result.inputNotes)),
            ("warnings", .array(result.sites.warnings.map(JSONValue.string))),
            ("seconds", JSONValue.rounded(result.seconds, 3)),
        ])
    }

    /// The conflict geometries (site ∩ constraint; the nearest-point segment for `near`) for a report
    /// map, RFC 7946: WGS84 lon/lat.
    public func conflicts(precision: Int = GeoJSONWriter.defaultPrecision) throws -> String {
        do { return try conflictDocument(precision: precision) } catch let error as ShelterbeltError {
            throw error
        } catch {
            throw ShelterbeltError(.internalError, problem: "the conflict geometries could not be written: \(error)")
        }
    }

    private func conflictDocument(precision: Int) throws -> String {
        let context = GEOSContext()
        let toWGS84 = try CoordinateTransform(from: "EPSG:4490", to: "EPSG:4326")
        var features: [GeoJSONFeature] = []
        for row in result.rows {
            let site = row.site
            guard let finding = row.finding, let wkb = finding.conflictWKB else { continue }
            let rule = rule(finding)
            let geometry = try toWGS84.apply(try Geometry(wkb: wkb, context: context))
            features.append(
                GeoJSONFeature(
                    geometry: geometry,
                    properties: [
                        ("site_id", .string(site.id)), ("verdict", .string(site.verdict.description)),
                        ("rule", .integer(rule.number)), ("layer", .string(rule.layerLabel)),
                        ("name_zh", .string(rule.nameZh)),
                        ("name_en", .string(rule.nameEn)), ("severity", .string(finding.severity.description)),
                        ("rule_severity", .string(rule.severity.description)), ("counts", .bool(row.counts)),
                        ("relation", .string(finding.relation.rawValue)),
                        ("feature_id", .string(finding.featureID)),
                        ("feature_name", .string(finding.featureName)),
                        ("overlap_m2", JSONValue.rounded(finding.overlapM2, 3)),
                        ("overlap_mu", JSONValue.rounded(Self.mu(finding.overlapM2), 4)),
                        ("share", JSONValue.rounded(finding.share, 6)),
                        ("distance_m", finding.distanceM.map { JSONValue.rounded($0, 3) } ?? .null),
                        ("reason_zh", .string(rule.reasonZh)),
                    ]))
        }
        return try GeoJSONWriter.document(
            features, precision: precision, foreign: [("input_notes", InputNotesText.json(result.inputNotes))])
    }
}
