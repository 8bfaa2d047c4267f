import CGDAL
import Foundation

/// A vector dataset opened read-only through OGR. Inputs are never modified.
public final class VectorDataset {
    let handle: GDALDatasetH
    public let path: String

    /// Opens `path` for reading. `options` are the driver's open options, e.g. ["ENCODING=CP936"].
    public init(path: String, options: [String] = []) throws {
        _ = GDALRuntime.ready
        guard FileManager.default.fileExists(atPath: path) || path.hasPrefix("/vsi") else {
            throw GDALError(path: path, message: "no such file or directory")
        }
        let flags = UInt32(GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR)
        CPLErrorReset()
        let opened = withCStringArray(options) { GDALOpenEx(path, flags, nil, $0, nil) }
        guard let opened else {
            throw GDALError.last(
                path,
                fallback: "not a vector format GDAL can read "
                    + "(is the file complete, and are its companion files, e.g. .shx and .dbf, beside it?)"
            )
        }
        handle = opened
        self.path = path
    }

    deinit { GDALClose(handle) }

    public var driverName: String { String(cString: GDALGetDriverShortName(GDALGetDatasetDriver(handle))) }
    public var layerCount: Int { Int(GDALDatasetGetLayerCount(handle)) }

    /// Every file the dataset consists of (a Shapefile's .shp, .shx, .dbf, .prj, .cpg …).
    public var files: [String] {
        guard let list = GDALGetFileList(handle) else { return [] }
        defer { CSLDestroy(list) }
        var files: [String] = []
        var index = 0
        while let file = list[index] {
            files.append(String(cString: file))
            index += 1
        }
        return files
    }

    public var layerNames: [String] {
        (0..<layerCount).map { String(cString: OGR_L_GetName(GDALDatasetGetLayer(handle, Int32($0)))) }
    }

    public func layer(at index: Int) -> VectorLayer {
        VectorLayer(handle: GDALDatasetGetLayer(handle, Int32(index)), dataset: self)
    }

    public func layer(named name: String) -> VectorLayer? {
        GDALDatasetGetLayerByName(handle, name).map { VectorLayer(handle: $0, dataset: self) }
    }
}
