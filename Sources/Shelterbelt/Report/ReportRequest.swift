import Foundation

/// What `shelterbelt report` is asked: the layer set, the treated patches, the candidate sites, and
/// how to present the figures.
public struct ReportRequest: Sendable {
    /// The layer set: a folder holding layers.toml, or the manifest; nil for the bundled Ordos layout.
    public var layers: String?
    /// The treated patches.
    public var subject: LayerSource
    /// Candidate sites to screen; nil leaves screening out of the report.
    public var sites: LayerSource?
    /// Targets file; nil for targets.toml beside the layer manifest.
    public var targets: String?
    /// Screening rules; nil for screening-rules.toml beside the layer manifest.
    public var rules: String?
    /// Radius screened around point and line sites.
    public var pointBufferM: Double?
    /// Field that splits every zone's figures and colours the patches: a field name of the targets (mapped by
    /// `fieldMapping`) or of the subject; nil for the treatment field, left out when the subject has none.
    public var byField: String?
    /// How the subject's fields and codes map onto the names and values the targets use.
    public var fieldMapping = FieldMapping()
    public var unit: AreaUnit
    /// Language of the HTML page (tables always carry Chinese headers).
    public var language: ReportLanguage
    /// GeoJSON coordinate decimals.
    public var precision: Int
    /// CSV files start with the byte-order mark Excel needs to read Chinese.
    public var byteOrderMark: Bool
    /// The day deadlines are judged at.
    public var asOf: PlanDate
    public var threads: Int
    /// What an edge between stored vertices is, for every layer of the report.
    public var edges: EdgeRule = .straight
    /// Called with a short description of each step, for a progress line.
    public var progress: (@Sendable (String) -> Void)?

    public static var defaultSubject: String { BundledLayers.path("sample/patches.shp") }
    public static var defaultSites: String { BundledLayers.path("sample/sites.geojson") }
    /// What the figures are split by unless `byField` says otherwise.
    public static let defaultByField = "treatment"

    public init(
        layers: String? = nil, subject: LayerSource = LayerSource(path: defaultSubject),
        sites: LayerSource? = LayerSource(path: defaultSites), targets: String? = nil, rules: String? = nil,
        pointBufferM: Double? = nil, byField: String? = nil, unit: AreaUnit = .mu,
        language: ReportLanguage = .zh,
        precision: Int = GeoJSONWriter.defaultPrecision, byteOrderMark: Bool = false, asOf: PlanDate = .today,
        threads: Int = ProcessInfo.processInfo.activeProcessorCount, progress: (@Sendable (String) -> Void)? = nil
    ) {
        self.layers = layers; self.subject = subject; self.sites = sites; self.targets = targets; self.rules = rules
        self.pointBufferM = pointBufferM; self.byField = byField; self.unit = unit; self.language = language
        self.precision = precision; self.byteOrderMark = byteOrderMark; self.asOf = asOf; self.threads = max(1, threads)
        self.progress = progress
    }
}
