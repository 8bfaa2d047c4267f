/// The part a layer plays in a run. It decides which geometries the layer may hold and which command-line
/// options a hint names, so that advice on the zones names `--zones-encoding`, not the subject's `--encoding`.
public enum LayerRole: String, Sendable, CaseIterable {
    /// The features measured (`stats SUBJECT`, `targets --subject`, `report --subject`).
    case subject
    /// The zones of `stats --zones`.
    case zones
    /// The candidate sites of `screen` and `report --sites`.
    case sites
    /// A constraint layer named by a screening rules file.
    case constraint
    /// A layer of a layer set (layers.toml): layout, scopes of targets, report maps.
    case layerSet = "layer set"
    /// The land use of the earlier and the later survey of `change`.
    case before, after

    /// What the layer's features may be.
    public var accepts: FeatureShape.Accepted {
        switch self {
        case .subject, .zones, .before, .after: .areas
        case .sites, .constraint: .any
        case .layerSet: .areas
        }
    }

    /// The option that sets `setting` ("assume-crs", "encoding", "layer") for a layer of this role, or nil
    /// when the layer comes from a file of settings (a rules file, a layer set) rather than the command line.
    public func option(_ setting: String) -> String? {
        switch self {
        case .subject, .sites: "--\(setting)"
        case .zones: "--zones-\(setting)"
        case .before, .after: "--\(rawValue)-\(setting)"
        case .constraint, .layerSet: nil
        }
    }

    /// Advice to pass `value` for `setting`, or to fix the layer where the role has no option for it.
    func advice(_ setting: String, _ value: String) -> String {
        if let option = option(setting) { return "pass \(option) \(value)" }
        switch setting {
        case "assume-crs":
            return "give the layer its CRS (a .prj beside a Shapefile, or ogr2ogr -a_srs \(value)), "
                + "as the \(rawValue) is read as it is"
        case "encoding": return "add a .cpg file holding \(value) beside the .shp, as the \(rawValue) is read as it is"
        default: return "fix the \(rawValue)'s entry for this layer"
        }
    }
}

/// What a feature's geometry is, once read.
public enum FeatureShape: Sendable, Equatable {
    case area, line, point

    /// The shapes a role takes; others are skipped with a note.
    public enum Accepted: Sendable, Equatable {
        case areas, lines, any
    }
}
