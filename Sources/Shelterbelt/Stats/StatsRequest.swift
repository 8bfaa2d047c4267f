import Foundation

/// What `shelterbelt stats` is asked: the area of SUBJECT inside each zone of ZONES.
public struct StatsRequest: Sendable {
    public var subject: LayerSource
    public var zones: LayerSource
    /// Field that names the zones; default: the first of name_zh, name, NAME, 名称, zone, id.
    public var zoneField: String?
    /// Subject field whose values split each zone's figures (land-use code, treatment type, year …).
    public var byField: String?
    public var method: AreaMethod
    public var threads: Int
    /// Called from the reading thread with (features read, features expected if known).
    public var progress: (@Sendable (Int, Int?) -> Void)?

    public init(subject: LayerSource, zones: LayerSource, zoneField: String? = nil, byField: String? = nil,
                method: AreaMethod = .geodesic, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                progress: (@Sendable (Int, Int?) -> Void)? = nil) {
        self.subject = subject; self.zones = zones; self.zoneField = zoneField; self.byField = byField
        self.method = method; self.threads = max(1, threads); self.progress = progress
    }
}
