/// How bad it is for a site to meet a constraint, mildest first; `Comparable` in that order.
///
/// - advisory: worth knowing (e.g. near a corridor); no approval step hangs on it.
/// - conditional: allowed only under conditions and with approval (e.g. pilot new-energy plus
///   ecological-treatment projects inside the Kubuqi red line).
/// - restricted: needs a permit or a change of plan (basic farmland, reserve buffer zone, river corridor).
/// - forbidden: the site cannot be approved where it is (ecological red line, reserve core zone).
public enum Severity: Int, CaseIterable, Comparable, Sendable, CustomStringConvertible {
    case advisory = 1, conditional, restricted, forbidden

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rawValue < rhs.rawValue }

    public init?(name: String) {
        guard let found = Self.allCases.first(where: { $0.description == name.lowercased() }) else { return nil }
        self = found
    }

    public var description: String {
        switch self {
        case .advisory: "advisory"
        case .conditional: "conditional"
        case .restricted: "restricted"
        case .forbidden: "forbidden"
        }
    }

    public var nameZh: String {
        switch self {
        case .advisory: "提示"
        case .conditional: "有条件"
        case .restricted: "限制"
        case .forbidden: "禁止"
        }
    }
}

/// A site's overall answer: clear, or the worst severity among the constraints that count.
public enum Verdict: Comparable, Sendable, CustomStringConvertible {
    case clear
    case flagged(Severity)

    public static func < (lhs: Verdict, rhs: Verdict) -> Bool { lhs.rank < rhs.rank }

    var rank: Int {
        switch self {
        case .clear: 0
        case .flagged(let severity): severity.rawValue
        }
    }

    public var severity: Severity? {
        if case .flagged(let severity) = self { return severity }
        return nil
    }

    /// clear | advisory | conditional | restricted | forbidden
    public var description: String { severity?.description ?? "clear" }
    public var nameZh: String { severity?.nameZh ?? "通过" }

    public static let all: [Verdict] = [.clear] + Severity.allCases.map(Verdict.flagged)
}
