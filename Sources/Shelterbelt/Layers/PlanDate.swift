import Foundation

/// A calendar day of a plan (a deadline, an "as of" date), without time or time zone.
public struct PlanDate: Sendable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year; self.month = month; self.day = day
    }

    /// Parses YYYY-MM-DD; nil when the text is not a real date (2025-02-30 is not).
    public init?(text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count == 3, let year = parts[0], let month = parts[1], let day = parts[2] else { return nil }
        self.init(year: year, month: month, day: day)
        guard let round = Self.calendar.date(from: components), Self.calendar.component(.day, from: round) == day,
            Self.calendar.component(.month, from: round) == month
        else { return nil }
    }

    /// Today in the local time zone (the bureau's day).
    public static var today: PlanDate {
        let parts = Calendar(identifier: .gregorian).dateComponents([.year, .month, .day], from: Date())
        return PlanDate(year: parts.year!, month: parts.month!, day: parts.day!)
    }

    /// The first day of a year (the start of a plan period given as a year).
    public static func start(of year: Int) -> PlanDate { PlanDate(year: year, month: 1, day: 1) }

    /// Days from `self` to `other` (negative when `other` is earlier).
    public func days(to other: PlanDate) -> Int {
        Self.calendar.dateComponents(
            [.day], from: Self.calendar.date(from: components)!,
            to: Self.calendar.date(from: other.components)!
        ).day!
    }

    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }

    public static func < (lhs: PlanDate, rhs: PlanDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    private var components: DateComponents { DateComponents(year: year, month: month, day: day) }

    /// Gregorian in UTC, so that day counts never meet a daylight-saving jump.
    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
