import Foundation

/// One line of the screening table: a site and one constraint feature it meets, however many rules name
/// that feature (a red line's forbidden rule and its 500 m advisory ring read the same file).
///
/// Every rule on a feature sees the same relation to the site, because the relation is geometry; only
/// `near` is a buffer rule's alone, and only when the site does not touch the feature. So a ring around
/// a feature the site lies in or touches adds nothing but its severity, and is folded into that
/// feature's row: the row shows the strictest finding, and whether — and at which level — the pair
/// counted toward the verdict. A site that meets nothing is one row without a finding.
public struct ScreeningRow: Sendable {
    public let site: SiteResult
    /// The finding that sets the row's level: the strictest severity among the site's findings on this
    /// feature, then one that counts, then the worst relation, then the first rule.
    public let finding: Finding?
    /// The other rules (indices) whose findings on this feature the row stands for.
    public let alsoRules: [Int]
    /// The strictest severity among this feature's findings that count toward the verdict, and its rule;
    /// nil when none counts.
    public let counted: (severity: Severity, rule: Int)?

    /// Whether the row's own level entered the verdict. When it did, the level is at most the verdict.
    public var counts: Bool { finding.map { counted?.severity == $0.severity } ?? false }

    /// The site's findings as rows: one per constraint feature (rule layer and feature index), in the
    /// order of their leading rule, then of the findings.
    public static func rows(_ site: SiteResult, constraints: ConstraintSet) -> [ScreeningRow] {
        guard !site.findings.isEmpty else {
            return [ScreeningRow(site: site, finding: nil, alsoRules: [], counted: nil)]
        }
        var groups: [[Finding]] = []
        var groupOf: [[Int]: Int] = [:]
        for finding in site.findings {
            let key = [constraints.ruleLayer[finding.rule], finding.feature]
            if let index = groupOf[key] {
                groups[index].append(finding)
            } else {
                groupOf[key] = groups.count
                groups.append([finding])
            }
        }
        func order(_ finding: Finding) -> (Int, Int, Int, Int) {
            (finding.severity.rawValue, finding.counts ? 1 : 0, finding.relation.weight, -finding.rule)
        }
        let rows = groups.map { group -> ScreeningRow in
            let lead = group.dropFirst().reduce(group[0]) { order($1) > order($0) ? $1 : $0 }
            let counted = group.filter(\.counts).max { order($0) < order($1) }
            return ScreeningRow(
                site: site, finding: lead, alsoRules: group.map(\.rule).filter { $0 != lead.rule },
                counted: counted.map { ($0.severity, $0.rule) })
        }
        return rows.enumerated().sorted {
            ($0.element.finding?.rule ?? 0, $0.offset) < ($1.element.finding?.rule ?? 0, $1.offset)
        }
        .map(\.element)
    }

    /// Whether the row counted, and why not or at which level it did: "计入", "不计入：仅边界相接，未重叠；
    /// 按第10条“生态保护红线周边500米”计为提示". Empty for a site without findings.
    public func countingZh(_ rules: ScreeningRules) -> String {
        guard let finding else { return "" }
        if counts {
            let original = rules.rules[finding.rule].severity
            return finding.downgraded ? "计入，满足附加条件由\(original.nameZh)降为\(finding.severity.nameZh)" : "计入"
        }
        var text = "不计入：" + Self.whyNotZh(finding.relation, rules.toleranceM)
        if let counted {
            let rule = rules.rules[counted.rule]
            let name = rule.nameZh.isEmpty ? rule.nameEn : rule.nameZh
            text += "；按第\(rule.number)条“\(name)”计为\(counted.severity.nameZh)"
        }
        return text
    }

    /// `countingZh` in English, shorter: "counted", "not counted: touches only, no overlap; counted as
    /// advisory (rule 10)".
    public func countingEn(_ rules: ScreeningRules) -> String {
        guard let finding else { return "" }
        if counts {
            let original = rules.rules[finding.rule].severity
            return finding.downgraded ? "counted, downgraded from \(original) by the rule's condition" : "counted"
        }
        var text = "not counted: " + Self.whyNotEn(finding.relation, rules.toleranceM)
        if let counted { text += "; counted as \(counted.severity) (rule \(rules.rules[counted.rule].number))" }
        return text
    }

    /// A finding counts unless it only touches or is a sliver (and its rule has no buffer): see `SiteChecker`.
    static func whyNotZh(_ relation: Relation, _ toleranceM: Double) -> String {
        relation == .sliver ? "碎片，重叠窄于\(JSONValue.format(toleranceM))米" : "仅边界相接，未重叠"
    }

    static func whyNotEn(_ relation: Relation, _ toleranceM: Double) -> String {
        relation == .sliver
            ? "sliver, the overlap is thinner than \(JSONValue.format(toleranceM)) m" : "touches only, no overlap"
    }
}

extension ScreeningResult {
    /// Every site's rows, in the order of the sites: what every screening table shows.
    public var rows: [ScreeningRow] { results.flatMap { ScreeningRow.rows($0, constraints: constraints) } }
}
