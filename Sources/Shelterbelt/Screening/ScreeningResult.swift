import Foundation

/// How a site meets one constraint feature. Touching is not overlap.
public enum Relation: String, Sendable, CaseIterable {
    /// Interiors share area at least `tolerance_m` thick: a conflict.
    case overlap
    /// Interiors share area, but no disc of diameter `tolerance_m` fits into it (digitising noise along
    /// a shared edge, or a speck) while one fits into the site: reported, never counted as an overlap.
    case sliver
    /// A line or point constraint passes through the site's interior (a road, river or well): a conflict.
    case crosses
    /// Boundaries meet but interiors do not: not an overlap.
    case touches
    /// Apart, but within the rule's buffer_m.
    case near

    public var nameZh: String {
        switch self {
        case .overlap: "重叠"
        case .sliver: "碎片"
        case .crosses: "穿越"
        case .touches: "相接"
        case .near: "邻近"
        }
    }

    /// How much of the site the relation involves, for picking a site–feature pair's worst:
    /// overlap > crossing > sliver > touch > near.
    public var weight: Int {
        switch self {
        case .overlap: 4
        case .crosses: 3
        case .sliver: 2
        case .touches: 1
        case .near: 0
        }
    }
}

/// One constraint feature a site touches, overlaps or comes within the buffer of.
public struct Finding: Sendable {
    /// Index into `ScreeningRules.rules`.
    public let rule: Int
    /// Index into the rule's layer's features: with the rule's layer, it names the feature across rules.
    let feature: Int
    public let featureID: String
    public let featureName: String
    public let relation: Relation
    /// Area of site ∩ constraint, m² (geodesic, GRS80); 0 unless overlap or sliver.
    public let overlapM2: Double
    /// overlapM2 / site area.
    public let share: Double
    /// Geodesic metres between the nearest points, for touches (0), slivers (0) and near;
    /// nil for overlaps and crossings.
    public let distanceM: Double?
    /// Whether this finding decides the verdict: an overlap or crossing, or anything within a buffer_m > 0.
    public let counts: Bool
    /// The rule's severity, downgraded to conditional when its conditional_when holds.
    public let severity: Severity
    public let downgraded: Bool
    /// site ∩ constraint in EPSG:4490 (overlap, sliver, crosses), or the segment between the nearest
    /// points (near); nil for touches.
    let conflictWKB: [UInt8]?
}

/// A site's answer.
public struct SiteResult: Sendable {
    public let id: String
    public let featureID: Int64
    /// Geodesic area, m² (of the buffered area for point and line sites).
    public let areaM2: Double
    public let verdict: Verdict
    /// Sorted by rule, then feature.
    public let findings: [Finding]
    /// Why the site could not be screened (no geometry …); its verdict is then meaningless.
    public let skipped: String?
    /// The radius a point or line site was buffered by.
    public let bufferedM: Double?
}

/// Everything `shelterbelt screen` found.
public struct ScreeningResult: Sendable {
    public let constraints: ConstraintSet
    public var rules: ScreeningRules { constraints.rules }
    public let sites: SiteSet
    public let results: [SiteResult]
    public let seconds: Double

    /// The notes of the sites and of every constraint layer.
    public var inputNotes: [LayerNotes] {
        [LayerNotes(role: .sites, path: sites.path, notes: sites.notes)] + constraints.notes
    }

    /// The worst verdict of any screened site.
    public var worst: Verdict { results.filter { $0.skipped == nil }.map(\.verdict).max() ?? .clear }

    /// Sites per verdict, in the order clear … forbidden, then those skipped.
    public var counts: (byVerdict: [(Verdict, Int)], skipped: Int) {
        let screened = results.filter { $0.skipped == nil }
        return (
            Verdict.all.map { verdict in (verdict, screened.filter { $0.verdict == verdict }.count) },
            results.count - screened.count
        )
    }

    public func result(_ id: String) -> SiteResult? { results.first { $0.id == id } }
}
