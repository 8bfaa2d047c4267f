/// Area, feature count and overlap removed, for one cell.
public struct Measure: Sendable, Equatable {
    public var area = 0.0
    public var features = 0
    /// Area counted more than once by overlapping subject features, already taken out of `area`.
    public var overlap = 0.0
}
