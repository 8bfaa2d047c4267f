import GeoKit

/// Runs `shelterbelt zonal`: each zone's exact cell coverage over the raster, read window by window.
public enum ZonalEngine {
    /// Cells read at once per zone: a band of rows of the zone's window, so memory stays bounded (32 MB of
    /// doubles, plus the coverage arrays of the band) whatever the size of the raster or the zone.
    static let cellsPerBand = 1 << 22

    public static func run(_ request: ZonalRequest) throws -> ZonalResult {
        let raster = try ZonalRaster(request.raster)
        if request.categorical, !raster.band.isInteger {
            throw ShelterbeltError(
                .usage, file: request.raster.path,
                problem: "band \(request.raster.band) holds \(raster.band.dataTypeName) values, not classes",
                remedy: "drop --categorical and ask for --stats, or pass the land-cover raster")
        }
        let zones = try ZoneSet.load(request.zones, nameField: request.zoneField, method: raster.zoneMethod)
        let context = GEOSContext()
        let cellArea = try raster.cellArea()
        let statistics = request.categorical ? [] : request.statistics
        let figures = try zip(zones.names, zones.wkb).map { name, wkb -> ZonalResult.Zone in
            var tally = try tally(Geometry(wkb: wkb, context: context), raster: raster, cellArea: cellArea, request)
            let dataArea = tally.valid.areaM2
            let classes = tally.classes.keys.sorted().map { value -> ZonalResult.ClassArea in
                let share = tally.classes[value, default: ZoneTally.Share()]
                return ZonalResult.ClassArea(
                    value: value, areaM2: share.areaM2, cells: share.coverage,
                    share: dataArea > 0 ? share.areaM2 / dataArea : 0)
            }
            return ZonalResult.Zone(
                name: name, classes: classes, statistics: statistics.map { tally.value(of: $0) },
                dataAreaM2: dataArea, noDataAreaM2: tally.noData.areaM2, noDataCells: tally.noDataCells)
        }
        // Zones and raster that never meet are a wrong file or CRS, not a table of empty zones.
        guard figures.contains(where: { $0.dataAreaM2 > 0 || $0.noDataCells > 0 }) else {
            throw ShelterbeltError(
                .badInput, file: request.zones.path,
                problem: "no zone reaches a cell of \(request.raster.path) (zones in the raster's CRS: "
                    + "\(zones.names.count) zones, none inside the raster)",
                remedy: "check that the zones and the raster cover the same ground, and each one's CRS")
        }
        return ZonalResult(
            request: request, zones: figures, dataType: raster.band.dataTypeName,
            rasterCRS: raster.crs.epsg.map { "EPSG:\($0)" } ?? raster.crs.name, noData: raster.noData,
            inputNotes: [LayerNotes(role: .zones, path: request.zones.path, notes: zones.notes)])
    }

    /// One zone's cells, a band of rows at a time: the band's values read, its coverage computed, every
    /// covered cell added to the tally.
    static func tally(_ zone: Geometry, raster: ZonalRaster, cellArea: CellArea, _ request: ZonalRequest) throws
        -> ZoneTally
    {
        var tally = ZoneTally(categorical: request.categorical, statistics: request.statistics)
        let window = raster.grid.window(covering: try zone.envelope)
        guard !window.isEmpty else { return tally }
        let coverage = try CellCoverage(zone, grid: raster.grid, window: window)
        let blockHeight = raster.band.blockSize.height
        let rowsPerBand = max(1, cellsPerBand / window.width / blockHeight) * blockHeight
        var first = 0
        while first < window.height {
            let rows = first..<min(window.height, first + rowsPerBand)
            let fractions = coverage.fractions(rows: rows)
            let values = try read(raster, window: window, rows: rows)
            for row in rows {
                let offset = (row - rows.lowerBound) * window.width
                guard fractions[offset..<(offset + window.width)].contains(where: { $0 > 0 }) else { continue }
                let areas = try cellArea.areas(
                    row: window.row + row, columns: window.column..<(window.column + window.width))
                for column in 0..<window.width where fractions[offset + column] > 0 {
                    let (value, c) = (values[offset + column], fractions[offset + column])
                    if value.isNaN || value == raster.noData {
                        tally.addNoData(coverage: c, area: areas[column])
                    } else {
                        tally.add(value, coverage: c, area: areas[column])
                    }
                }
            }
            first = rows.upperBound
        }
        return tally
    }

    private static func read(_ raster: ZonalRaster, window: CellWindow, rows: Range<Int>) throws -> [Double] {
        do {
            return try raster.band.read(
                column: window.column, row: window.row + rows.lowerBound, width: window.width, height: rows.count)
        } catch let error as GDALError {
            throw ShelterbeltError(
                .badInput, file: raster.source.path, problem: error.message,
                remedy: "check that the raster is complete (gdalinfo -checksum \(raster.source.path))")
        }
    }
}
