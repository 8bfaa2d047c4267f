import Foundation
import GeoKit

/// Where a raster comes from, as the user named it.
public struct RasterSource: Sendable, Equatable {
    public var path: String
    /// The band to read, counted from 1.
    public var band: Int
    /// The CRS of a raster that declares none, e.g. "EPSG:4490".
    public var assumeCRS: String?

    public init(path: String, band: Int = 1, assumeCRS: String? = nil) {
        (self.path, self.band, self.assumeCRS) = (path, band, assumeCRS)
    }
}

/// A raster band opened for zonal statistics, its grid and CRS settled. The zones are read into the raster's
/// CRS (the raster is never resampled): a lon/lat raster in CGCS2000 or WGS 84 takes them as `stats` does in
/// lon/lat, a projected one in its EPSG CRS, their edges densified before reprojecting so they follow the ground.
/// Not thread safe: one per thread (`reopen`).
final class ZonalRaster {
    let source: RasterSource
    let dataset: RasterDataset
    let band: RasterBand
    let grid: RasterGrid
    let crs: SpatialReference
    /// The working CRS the zones are read into: the raster's.
    let zoneMethod: AreaMethod
    let noData: Double?

    init(_ source: RasterSource) throws {
        self.source = source
        let path = source.path
        do {
            dataset = try RasterDataset(path: path)
            band = try dataset.band(source.band)
            grid = RasterGrid(transform: try dataset.geoTransform(), width: dataset.width, height: dataset.height)
        } catch let error as GDALError {
            let missing = !FileManager.default.fileExists(atPath: path)
            throw ShelterbeltError(
                missing ? .missingInput : .badInput, file: path, problem: error.message,
                remedy: missing ? "check the path" : "check the raster with gdalinfo \(path)")
        }
        InputFiles.register([path])
        crs = try Self.settleCRS(source, declared: dataset.spatialReference)
        zoneMethod = try Self.method(for: crs, path: path)
        noData = band.noData
    }

    /// The same raster opened again, for another thread.
    func reopen() throws -> ZonalRaster { try ZonalRaster(source) }

    private static func settleCRS(_ source: RasterSource, declared: SpatialReference?) throws -> SpatialReference {
        guard let assumed = source.assumeCRS else {
            guard let declared else {
                throw ShelterbeltError(
                    .badInput, file: source.path, problem: "declares no coordinate reference system",
                    remedy: "pass --raster-assume-crs EPSG:nnnn for the CRS the raster was made in "
                        + "(or give it one: gdal_edit.py -a_srs EPSG:nnnn)")
            }
            return declared
        }
        let crs: SpatialReference
        do { crs = try SpatialReference(assumed) } catch {
            throw ShelterbeltError.usage("--raster-assume-crs '\(assumed)' is not a CRS GDAL recognises; use EPSG:nnnn")
        }
        if let declared, !declared.isSame(as: crs) {
            throw ShelterbeltError(
                .usage, file: source.path,
                problem: "declares \(declared.name), which contradicts --raster-assume-crs \(assumed)",
                remedy: "drop --raster-assume-crs: an assumed CRS only replaces a missing one")
        }
        return crs
    }

    /// The zones' working CRS for a raster CRS: CGCS2000 lon/lat (WGS 84 agrees with it to centimetres) or the
    /// raster's projected EPSG CRS.
    private static func method(for crs: SpatialReference, path: String) throws -> AreaMethod {
        if CRSChoice.isLonLatOfWebMaps(crs) { return .geodesic }
        if crs.isProjected, let epsg = crs.epsg { return .planar(epsg: epsg) }
        throw ShelterbeltError(
            .badInput, file: path,
            problem: "is in \(crs.name), which zonal statistics do not take yet: they need CGCS2000 or WGS 84 "
                + "longitude/latitude, or a projected CRS with an EPSG code",
            remedy: "warp the raster to one (gdalwarp -t_srs EPSG:4490, or the Gauss-Krüger zone, e.g. EPSG:4545)")
    }

    /// The cell areas of this raster's grid.
    func cellArea() throws -> CellArea {
        guard zoneMethod != .geodesic else { return CellArea(grid: grid, toLonLat: nil) }
        let label = LayerLabel(path: source.path, name: "band \(source.band)", role: .zones)
        return CellArea(grid: grid, toLonLat: try Reprojection.make(from: crs.definition, to: .geodesic, label: label))
    }
}
