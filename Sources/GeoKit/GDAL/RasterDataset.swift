import CGDAL
import Foundation

/// A raster dataset opened read-only through GDAL (GeoTIFF, COG and whatever else GDAL reads).
/// Inputs are never modified. Not thread safe: one dataset per thread.
public final class RasterDataset {
    let handle: GDALDatasetH
    public let path: String

    public init(path: String) throws {
        _ = GDALRuntime.ready
        guard FileManager.default.fileExists(atPath: path) || path.hasPrefix("/vsi") else {
            throw GDALError(path: path, message: "no such file or directory")
        }
        let flags = UInt32(GDAL_OF_RASTER | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR)
        CPLErrorReset()
        guard let opened = GDALOpenEx(path, flags, nil, nil, nil) else {
            throw GDALError.last(path, fallback: "not a raster format GDAL can read (is the file complete?)")
        }
        handle = opened
        self.path = path
    }

    deinit { GDALClose(handle) }

    public var driverName: String { String(cString: GDALGetDriverShortName(GDALGetDatasetDriver(handle))) }
    public var width: Int { Int(GDALGetRasterXSize(handle)) }
    public var height: Int { Int(GDALGetRasterYSize(handle)) }
    public var bandCount: Int { Int(GDALGetRasterCount(handle)) }

    /// Where the cells lie. A dataset without a geotransform (a bare image) or with a rotated one is an error:
    /// cells would have no position, or would not be the axis-aligned rectangles coverage is computed on.
    public func geoTransform() throws -> GeoTransform {
        var values = [Double](repeating: 0, count: 6)
        guard GDALGetGeoTransform(handle, &values) == CE_None else {
            CPLErrorReset()
            throw GDALError(path: path, message: "has no geotransform: its cells have no position on the ground")
        }
        let transform = GeoTransform(values)
        guard transform.rowRotation == 0, transform.columnRotation == 0 else {
            throw GDALError(
                path: path,
                message: "has a rotated geotransform (\(values.map { "\($0)" }.joined(separator: ", "))); "
                    + "warp it north-up first (gdalwarp)")
        }
        guard transform.cellWidth != 0, transform.cellHeight != 0 else {
            throw GDALError(path: path, message: "has a geotransform with cells of zero size")
        }
        return transform
    }

    /// The dataset's CRS, or nil when it declares none.
    public var spatialReference: SpatialReference? {
        GDALGetSpatialRef(handle).map { SpatialReference(copying: $0) }
    }

    /// Band `number`, counted from 1 as GDAL and its tools count.
    public func band(_ number: Int) throws -> RasterBand {
        guard number >= 1, number <= bandCount, let band = GDALGetRasterBand(handle, Int32(number)) else {
            throw GDALError(path: path, message: "has no band \(number) (it has \(bandCount))")
        }
        return RasterBand(handle: band, dataset: self, number: number)
    }
}

/// GDAL's affine geotransform: x = originX + column·cellWidth + row·rowRotation, and likewise for y.
public struct GeoTransform: Sendable, Equatable {
    public var originX, cellWidth, rowRotation, originY, columnRotation, cellHeight: Double

    public init(_ values: [Double]) {
        (originX, cellWidth, rowRotation) = (values[0], values[1], values[2])
        (originY, columnRotation, cellHeight) = (values[3], values[4], values[5])
    }

    public init(originX: Double, originY: Double, cellWidth: Double, cellHeight: Double) {
        self.init([originX, cellWidth, 0, originY, 0, cellHeight])
    }

    /// The column coordinate (fractional) of an x, for a transform without rotation.
    public func column(_ x: Double) -> Double { (x - originX) / cellWidth }
    /// The row coordinate (fractional) of a y; rows count downwards for the usual negative cell height.
    public func row(_ y: Double) -> Double { (y - originY) / cellHeight }
    public func x(_ column: Double) -> Double { originX + column * cellWidth }
    public func y(_ row: Double) -> Double { originY + row * cellHeight }
}
