import Foundation

/// Which files belong with an input, so that no output lands on one. For an input `name.ext`, in the
/// same folder and compared case-insensitively (GDAL finds `.DBF` as readily as `.dbf`):
/// - `name.ext` itself and `name.ext.<anything>` (`.aux.xml`, `.ovr`, `.shp.xml`, `.bak`);
/// - `name.ext-wal`, `-shm` and `-journal` (SQLite and GeoPackage);
/// - `name.<sidecar>` for the files GIS tools keep beside a data file: the Shapefile's parts and indexes
///   (ESRI's and QGIS's), projection, encoding and metadata files, raster overviews, and the style files
///   (`.qml`, `.sld`, `.lyr`) a user saved for that layer.
/// Other names are outputs like any other: `stats patches.shp … -o patches.csv` writes `patches.csv`.
enum InputSidecars {
    static let extensions: Set<String> = [
        "shp", "shx", "dbf", "prj", "cpg", "cst", "qpj", "qix", "sbn", "sbx", "fbn", "fbx", "ain", "aih", "atx",
        "ixs", "mxs", "fix", "xml", "shp.xml", "aux.xml", "ovr", "qmd", "qml", "sld", "lyr", "lyrx",
    ]
    static let databaseFiles = ["-wal", "-shm", "-journal"]

    /// Whether `target` is `input` or one of its sidecars; both are canonical paths.
    static func belongs(_ target: String, to input: String) -> Bool {
        let (folder, name) = split(target)
        let (inputFolder, inputName) = split(input)
        guard folder == inputFolder else { return false }
        if name == inputName || name.hasPrefix(inputName + ".")
            || databaseFiles.contains(where: { name == inputName + $0 })
        {
            return true
        }
        guard let dot = inputName.lastIndex(of: ".") else { return false }
        let stem = inputName[..<dot]
        guard name.hasPrefix(stem + ".") else { return false }
        return extensions.contains(String(name.dropFirst(stem.count + 1)))
    }

    /// The folder as it is, the file name lowercased.
    private static func split(_ path: String) -> (folder: String, name: String) {
        ((path as NSString).deletingLastPathComponent, (path as NSString).lastPathComponent.lowercased())
    }
}
