import GeoKit

/// What a `StatsEngine` run shows every measured feature besides its tallies, so that a caller needing
/// more than areas from the subject (the report's patch map and patch layer) gets it from the same read.
protocol FeatureVisitor: Sendable {
    /// Subject fields to read with each feature; `RawFeature.values` holds them after the `--by` field.
    var fields: [Int] { get }
    /// The part that runs on one worker thread (it gets geometries in that worker's GEOS context).
    func worker() throws -> FeatureVisit
}

/// A visitor's part on one worker thread.
protocol FeatureVisit: AnyObject {
    /// One cleaned feature, its geometry in the run's working CRS and its area in m² by the run's method.
    func visit(_ raw: RawFeature, geometry: Geometry, area: Double) throws
    /// Called once the queue is empty.
    func finish() throws
}
