import GeoKit

/// Runs `shelterbelt zonal`: each zone's exact cell coverage over the raster, read window by window.
public enum ZonalEngine {
    /// Cells read at once per zone: a band of rows of the zone's window, so memory stays bounded (8 MB of
    /// doubles, and 24 MB of coverage arrays, per worker) whatever the size of the raster or the zone.
    static let cellsPerBand = 1 << 20

    public static func run(_ request: ZonalRequest) throws -> ZonalResult {
        let raster = try ZonalRaster(request.raster)
        if request.categorical, !raster.band.isInteger {
            throw ShelterbeltError(
                .usage, file: request.raster.path,
                problem: "band \(request.raster.band) holds \(raster.band.dataTypeName) values, not classes",
                remedy: "drop --categorical and ask for --stats, or pass the land-cover raster")
        }
        if request.classesFile != nil, !request.categorical {
            throw ShelterbeltError.usage("--classes names the classes of --categorical; add --categorical")
        }
        let classes = try request.classesFile.map(ClassTable.load)
        let zones = try ZoneSet.load(
            request.zones, nameField: request.zoneField, method: raster.zoneMethod, cut: false)
        let figures = try measure(zones, request, groups: classes?.groups ?? [])
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
            rasterCRS: raster.crs.epsg.map { "EPSG:\($0)" } ?? raster.crs.name, noData: raster.band.noData,
            classes: classes, inputNotes: [LayerNotes(role: .zones, path: request.zones.path, notes: zones.notes)])
    }

    /// Every zone's figures, in the zones' order, from `request.threads` workers that each open the raster
    /// again (GDAL datasets and PROJ transformations are thread-confined) and build their own GEOS context.
    /// Workers take whole zones, the largest first so that none is left to run alone at the end; a zone's
    /// cells are summed by one worker in a fixed order, so the figures do not depend on the thread count.
    static func measure(_ zones: ZoneSet, _ request: ZonalRequest, groups: [ClassTable.Group]) throws
        -> [ZonalResult.Zone]
    {
        let order = zones.areas.indices.sorted { zones.areas[$0] > zones.areas[$1] }
        let next = Locked(0)
        let failure = Locked<Error?>(nil)
        let workers = ThreadGroup(count: min(request.threads, order.count)) { _ -> [(Int, ZonalResult.Zone)] in
            var output: [(Int, ZonalResult.Zone)] = []
            do {
                let raster = try ZonalRaster(request.raster)
                let cellArea = try raster.cellArea()
                let context = GEOSContext()
                while failure.value == nil {
                    let taken = next.update { value -> Int in
                        defer { value += 1 }
                        return value
                    }
                    guard taken < order.count else { break }
                    let index = order[taken]
                    let zone = try Geometry(wkb: zones.wkb[index], context: context)
                    var tally = try tally(zone, raster: raster, cellArea: cellArea, request)
                    output.append((index, result(zones.names[index], &tally, request, groups: groups)))
                }
            } catch {
                failure.update { if $0 == nil { $0 = error } }
            }
            return output
        }
        let outputs = workers.join()
        if let error = failure.value { throw error }
        var figures = [ZonalResult.Zone?](repeating: nil, count: order.count)
        for output in outputs { for (index, zone) in output { figures[index] = zone } }
        return figures.compactMap { $0 }
    }

    /// A zone's result from its tally: class areas in value order with their shares and the groups' sums, or the
    /// statistics asked.
    static func result(_ name: String, _ tally: inout ZoneTally, _ request: ZonalRequest, groups: [ClassTable.Group])
        -> ZonalResult.Zone
    {
        let dataArea = tally.valid.areaM2
        let classes = tally.classes.keys.sorted().map { value -> ZonalResult.ClassArea in
            let share = tally.classes[value, default: ZoneTally.Share()]
            return ZonalResult.ClassArea(
                value: value, areaM2: share.areaM2, cells: share.coverage,
                share: dataArea > 0 ? share.areaM2 / dataArea : 0)
        }
        let sums = groups.map { group -> ZonalResult.GroupArea in
            let members = classes.filter { area in group.classes.contains { Double($0) == area.value } }
            return ZonalResult.GroupArea(
                group: group, areaM2: members.map(\.areaM2).reduce(0, +), cells: members.map(\.cells).reduce(0, +),
                share: members.map(\.share).reduce(0, +))
        }
        let statistics = request.categorical ? [] : request.statistics
        return ZonalResult.Zone(
            name: name, classes: classes, groups: sums, statistics: statistics.map { tally.value(of: $0) },
            dataAreaM2: dataArea, noDataAreaM2: tally.noData.areaM2, noDataCells: tally.noDataCells)
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
        let noData = raster.noData ?? .nan  // NaN equals no value, so a band without nodata marks no cell
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
                    if value.isNaN || value == noData {
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
