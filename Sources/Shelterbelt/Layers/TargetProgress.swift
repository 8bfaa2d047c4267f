import Foundation

/// Where one target stands: area measured toward it, progress, what remains, and whether it keeps pace.
///
/// progress = (baseline + measured) / value; remaining = max(0, value − baseline − measured).
/// Pace: over a period from 1 January of `period_start` to `deadline`, the share expected by the
/// as-of date is the share of the period elapsed, applied to what the baseline left to do:
/// expected = baseline + (value − baseline) × elapsed.
public struct TargetProgress: Sendable {
    public enum Status: String, Sendable {
        case met = "met"
        case onTrack = "on track"
        case behind = "behind"
        case overdue = "overdue"
        /// Not met and not overdue, but with no period to pace it against (no deadline or no start).
        case inProgress = "in progress"
        /// An output target (money): geometry says nothing about it.
        case notMeasurable = "not measurable from geometry"
        /// An area target counting by a field the subject does not have (and no mapping names).
        case missingField = "not measurable: field missing"

        public var labelZh: String {
            switch self {
            case .met: "已完成";
            case .onTrack: "进度正常";
            case .behind: "进度落后";
            case .overdue: "已逾期"
            case .inProgress: "进行中";
            case .notMeasurable: "无法从图形测算"
            case .missingField: "无法测算：图斑缺少字段"
            }
        }
    }

    public let target: Target
    /// Area of the counted patches inside the scope, in m²; nil for output targets.
    public let measuredArea: Double?
    public let asOf: PlanDate
    /// A reason to read the measured figure with care (overlapping patches of different classes, none of the
    /// counted values in the subject), if any.
    public let caveat: String?
    /// The field an area target counts by that the subject lacks, said with how to map one; nil when measured.
    public let missingField: String?

    public init(
        target: Target, measuredArea: Double?, asOf: PlanDate, caveat: String? = nil, missingField: String? = nil
    ) {
        self.target = target
        self.measuredArea = measuredArea
        self.asOf = asOf
        self.caveat = caveat
        self.missingField = missingField
    }

    /// Why there is no figure, for people; nil when there is one.
    public var unmeasurableReason: String? {
        switch status {
        case .notMeasurable: "an output (money) is not measurable from geometry"
        case .missingField: missingField
        default: nil
        }
    }

    /// Measured area in the target's unit.
    public var measured: Double? { measuredArea.flatMap { area in target.areaUnit.map { $0.fromSquareMetres(area) } } }
    public var achieved: Double? { measured.map { target.baseline + $0 } }
    public var progress: Double? { achieved.map { $0 / target.value } }
    public var remaining: Double? { achieved.map { max(0, target.value - $0) } }

    /// Share of the period elapsed at the as-of date, 0…1; nil without a start and a deadline.
    public var elapsed: Double? {
        guard let start = target.periodStart.map(PlanDate.start(of:)), let deadline = target.deadline else {
            return nil
        }
        let length = start.days(to: deadline)
        guard length > 0 else { return asOf < deadline ? 0 : 1 }
        return min(1, max(0, Double(start.days(to: asOf)) / Double(length)))
    }

    /// What should be achieved by the as-of date to keep pace, in the target's unit.
    public var expected: Double? { elapsed.map { target.baseline + (target.value - target.baseline) * $0 } }

    public var status: Status {
        if missingField != nil { return .missingField }
        guard let achieved else { return .notMeasurable }
        if achieved >= target.value { return .met }
        if let deadline = target.deadline, asOf > deadline { return .overdue }
        guard let expected else { return .inProgress }
        return achieved >= expected ? .onTrack : .behind
    }
}
