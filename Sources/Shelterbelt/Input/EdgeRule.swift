/// What a polygon's edge between two stored vertices is.
///
/// Maps (QGIS, ArcGIS) draw an edge straight in the CRS the layer is stored in, and Gauss-Krüger survey data are
/// meant that way; geodesic areas and lon/lat overlays take it as a geodesic or a lon/lat chord. Long edges
/// differ (a 300 m east-west edge at 40°N by 0.3 m²), so by default the reader adds vertices to edges longer
/// than `step` in the layer's own CRS before reprojecting, and the figures follow the user's map.
public enum EdgeRule: String, Sendable, CaseIterable {
    /// Straight in the layer's own CRS (the default).
    case straight
    /// Geodesics between the stored vertices (the behaviour before edges were densified).
    case geodesic

    /// The longest edge kept as stored, in the layer's units: 100 m, or 0.0009° (100 m of latitude).
    /// The area a chord of length L misses is about L³·tanφ/(12R): 0.01 m² at 100 m, 1e-6 of a 1 ha patch.
    static func step(geographic: Bool) -> Double { geographic ? 0.0009 : 100 }
}
