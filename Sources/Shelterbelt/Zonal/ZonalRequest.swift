/// What `shelterbelt zonal` is asked: a raster band, the zones, and either classes or statistics.
public struct ZonalRequest: Sendable {
    public var raster: RasterSource
    public var zones: LayerSource
    public var zoneField: String?
    /// Area per class per zone (integer rasters), rather than statistics of the values.
    public var categorical: Bool
    /// The statistics of a continuous raster; ignored when `categorical`.
    public var statistics: [ZonalStatistic]

    public init(
        raster: RasterSource, zones: LayerSource, zoneField: String? = nil, categorical: Bool,
        statistics: [ZonalStatistic] = []
    ) {
        (self.raster, self.zones, self.zoneField) = (raster, zones, zoneField)
        (self.categorical, self.statistics) = (categorical, statistics)
    }
}
