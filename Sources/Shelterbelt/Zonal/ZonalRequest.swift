import Foundation

/// What `shelterbelt zonal` is asked: a raster band, the zones, and either classes or statistics.
public struct ZonalRequest: Sendable {
    public var raster: RasterSource
    public var zones: LayerSource
    public var zoneField: String?
    /// Area per class per zone (integer rasters), rather than statistics of the values.
    public var categorical: Bool
    /// The TOML file naming the classes and their groups (`ClassTable`); categorical rasters only.
    public var classesFile: String?
    /// The statistics of a continuous raster; ignored when `categorical`.
    public var statistics: [ZonalStatistic]
    /// Workers, each with its own handle on the raster.
    public var threads: Int

    public init(
        raster: RasterSource, zones: LayerSource, zoneField: String? = nil, categorical: Bool,
        classesFile: String? = nil, statistics: [ZonalStatistic] = [],
        threads: Int = ProcessInfo.processInfo.activeProcessorCount
    ) {
        (self.raster, self.zones, self.zoneField) = (raster, zones, zoneField)
        (self.categorical, self.classesFile) = (categorical, classesFile)
        (self.statistics, self.threads) = (statistics, max(1, threads))
    }
}
