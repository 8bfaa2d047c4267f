import Foundation

/// What `shelterbelt screen` is asked: check each site of SITES against the constraints of a rules file.
public struct ScreeningRequest: Sendable {
    /// The sites: any OGR layer, or a boundary-point (界址点坐标) .txt file (its `encoding` and
    /// `assumeCRS` apply to that text too).
    public var sites: LayerSource
    public var rulesPath: String
    /// Radius in metres screened around point and line sites; required when there are any.
    public var pointBufferM: Double?
    /// Field whose value labels each site (default: site_id, id, code, 编号, name …, else the feature id).
    public var siteIDField: String?
    /// Attribute values given to every site, overriding the file's (e.g. project_type = PV for a
    /// boundary-point file, which carries no project type).
    public var siteValues: [String: String]
    public var threads: Int
    /// What an edge between stored vertices is, for sites and constraints alike.
    public var edges: EdgeRule = .straight
    /// Called from the calling thread with (sites screened, sites in all).
    public var progress: (@Sendable (Int, Int?) -> Void)?

    public init(
        sites: LayerSource, rulesPath: String = ScreeningRules.defaultPath, pointBufferM: Double? = nil,
        siteIDField: String? = nil, siteValues: [String: String] = [:],
        threads: Int = ProcessInfo.processInfo.activeProcessorCount, progress: (@Sendable (Int, Int?) -> Void)? = nil
    ) {
        // The sites of a request play the sites' part, whatever the caller built the source for.
        self.sites = sites; self.sites.role = .sites; self.rulesPath = rulesPath; self.pointBufferM = pointBufferM;
        self.siteIDField = siteIDField
        self.siteValues = siteValues; self.threads = max(1, threads); self.progress = progress
    }
}
