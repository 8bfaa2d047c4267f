import Foundation

/// What `shelterbelt change` measures: two land-use layers of one area at two dates, the field naming each
/// feature's class in each, and optionally zones to split the matrix by.
public struct ChangeRequest: Sendable {
    public var before: LayerSource
    public var after: LayerSource
    public var classField: String
    /// The class field of AFTER when its name differs from BEFORE's.
    public var afterClassField: String?
    public var zones: LayerSource?
    public var zoneField: String?
    public var method: AreaMethod
    public var edges: EdgeRule
    public var threads: Int
    /// Keep the pieces whose class changed (`--changes`), in the result's `changes`.
    public var keepChanges: Bool
    /// Called from the reading thread with (AFTER features read, AFTER features expected if known).
    public var progress: (@Sendable (Int, Int?) -> Void)?

    public init(
        before: LayerSource, after: LayerSource, classField: String, afterClassField: String? = nil,
        zones: LayerSource? = nil, zoneField: String? = nil, method: AreaMethod = .geodesic,
        edges: EdgeRule = .straight, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
        keepChanges: Bool = false, progress: (@Sendable (Int, Int?) -> Void)? = nil
    ) {
        // Each layer plays its own part, so a hint names --before-encoding or --after-assume-crs.
        self.before = before; self.after = after
        if before.role == .subject { self.before.role = .before }
        if after.role == .subject { self.after.role = .after }
        self.zones = zones
        if zones?.role == .subject { self.zones?.role = .zones }
        self.classField = classField; self.afterClassField = afterClassField; self.zoneField = zoneField
        self.method = method; self.edges = edges; self.threads = max(1, threads)
        self.keepChanges = keepChanges; self.progress = progress
    }
}
