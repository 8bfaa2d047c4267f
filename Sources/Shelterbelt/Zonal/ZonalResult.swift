/// The figures of `shelterbelt zonal`: per zone, the area of each class or the statistics asked for.
public struct ZonalResult: Sendable {
    public struct ClassArea: Sendable, Equatable {
        /// The raster value.
        public let value: Double
        /// Σ c·a over the zone's cells of this class, m².
        public let areaM2: Double
        /// Σ c: the cells of this class, counted by the fraction covered.
        public let cells: Double
        /// Of the zone's area with data.
        public let share: Double
    }

    public struct Zone: Sendable {
        public let name: String
        /// Categorical rasters: by raster value.
        public let classes: [ClassArea]
        /// Continuous rasters: one per requested statistic, nil where the zone has no cell with data.
        public let statistics: [Double?]
        /// The zone's covered area on cells with data, and on cells without (nodata or NaN), m².
        public let dataAreaM2: Double
        public let noDataAreaM2: Double
        /// The cells without data the zone touches.
        public let noDataCells: Int
    }

    public let request: ZonalRequest
    public let zones: [Zone]
    /// GDAL's name of the band's cell type, and the raster's CRS.
    public let dataType: String
    public let rasterCRS: String
    public let noData: Double?
    public let inputNotes: [LayerNotes]
}
