import CGDAL

/// One band of a raster dataset; keeps the dataset open. Not thread safe, as its dataset.
public final class RasterBand {
    let handle: GDALRasterBandH
    /// Held so that the dataset outlives the band, which GDAL owns through it.
    public let dataset: RasterDataset
    public let number: Int

    init(handle: GDALRasterBandH, dataset: RasterDataset, number: Int) {
        (self.handle, self.dataset, self.number) = (handle, dataset, number)
    }

    /// GDAL's name of the cell type: "Byte", "UInt16", "Float32" …
    public var dataTypeName: String {
        GDALGetDataTypeName(GDALGetRasterDataType(handle)).map { String(cString: $0) } ?? "Unknown"
    }

    /// Whether cells hold integers (classes can be read from them).
    public var isInteger: Bool {
        let type = GDALGetRasterDataType(handle)
        return GDALDataTypeIsInteger(type) != 0 && GDALDataTypeIsComplex(type) == 0
    }

    /// The value marking cells without data, or nil when the band has none.
    public var noData: Double? {
        var has: Int32 = 0
        let value = GDALGetRasterNoDataValue(handle, &has)
        return has != 0 ? value : nil
    }

    /// The size of the blocks GDAL reads (a tile, or a strip of rows): reads aligned to them cost least.
    public var blockSize: (width: Int, height: Int) {
        var (width, height): (Int32, Int32) = (0, 0)
        GDALGetBlockSize(handle, &width, &height)
        return (Int(max(width, 1)), Int(max(height, 1)))
    }

    /// The cells of a window (`width` × `height` from `column`, `row`) as Double, row by row.
    /// A window beyond the raster is an error, not a silent zero fill.
    public func read(column: Int, row: Int, width: Int, height: Int) throws -> [Double] {
        guard column >= 0, row >= 0, width >= 0, height >= 0, column + width <= dataset.width,
            row + height <= dataset.height
        else {
            throw GDALError(
                path: dataset.path,
                message: "window \(width)×\(height) at column \(column), row \(row) lies outside the raster "
                    + "(\(dataset.width)×\(dataset.height))")
        }
        var cells = [Double](repeating: 0, count: width * height)
        guard width > 0, height > 0 else { return cells }
        CPLErrorReset()
        let status = cells.withUnsafeMutableBytes { buffer in
            GDALRasterIO(
                handle, GF_Read, Int32(column), Int32(row), Int32(width), Int32(height), buffer.baseAddress,
                Int32(width), Int32(height), GDT_Float64, 0, 0)
        }
        guard status == CE_None else {
            throw GDALError.last(dataset.path, fallback: "band \(number) cannot be read (is the file complete?)")
        }
        return cells
    }
}
