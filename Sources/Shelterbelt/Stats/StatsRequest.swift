import Foundation

/// What `shelterbelt stats` is asked: the area of SUBJECT inside each zone of ZONES.
public struct StatsRequest: Sendable {
    public var subject: LayerSource
    public var zones: LayerSource
    /// Field that names the zones; default: the first of name_zh, name, NAME, 名称, zone, id.
    public var zoneField: String?
    /// Subject field whose values split each zone's figures (land-use code, treatment type, year …).
    public var byField: String?
    /// Fields whose values, joined by "|", split the figures instead of `byField` alone: targets count
    /// patches by a value and a year at once, and a bureau's codes are read as the values they stand for.
    /// The result names the split by the fields so joined.
    var classFields: [ClassField]?
    public var method: AreaMethod
    /// What an edge between stored vertices is: straight in each layer's CRS (the default) or a geodesic.
    public var edges: EdgeRule
    public var threads: Int
    /// Called from the reading thread with (features read, features expected if known).
    public var progress: (@Sendable (Int, Int?) -> Void)?

    public init(
        subject: LayerSource, zones: LayerSource, zoneField: String? = nil, byField: String? = nil,
        method: AreaMethod = .geodesic, edges: EdgeRule = .straight,
        threads: Int = ProcessInfo.processInfo.activeProcessorCount,
        progress: (@Sendable (Int, Int?) -> Void)? = nil
    ) {
        // The zones of a request play the zones' part (their hints name --zones-… options),
        // unless a layer set gives them.
        self.subject = subject; self.zones = zones
        if zones.role == .subject { self.zones.role = .zones }
        self.zoneField = zoneField; self.byField = byField
        self.method = method; self.edges = edges; self.threads = max(1, threads); self.progress = progress
    }
}

/// A subject field splitting the figures, and the class each of its codes stands for.
struct ClassField: Sendable, Hashable {
    let name: String
    /// A code as read → the class it is counted as (a bureau's `01` → `人工造林`); other codes stand for themselves.
    var classes: [String: String] = [:]

    func `class`(of code: String) -> String { classes[code] ?? code }
}
