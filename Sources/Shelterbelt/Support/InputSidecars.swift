import Foundation

/// Which files belong with an input, so that no output lands on one. For an input `name.ext`, in the
/// same folder and compared case-insensitively (GDAL finds `.DBF` as readily as `.dbf`):
/// - `name.ext` itself and `name.ext.<anything>` (`.aux.xml`, `.ovr`, `.shp.xml`, `.bak`);
/// - `name.ext-wal`, `-shm` and `-journal` (SQLite and GeoPackage);
/// - `name.<sidecar>` for the sidecar extensions GIS tools write beside any data file;
/// - for a Shapefile (`.shp`, `.shx`, `.dbf`), `name.<anything>`: GIS tools copy, move and delete a
///   Shapefile as `name.*`, so any file of that name travels (or vanishes) with it.
enum InputSidecars {
    static let extensions: Set<String> = [
        "shp", "shx", "dbf", "prj", "cpg", "qix", "sbn", "sbx", "shp.xml", "aux.xml", "ovr", "qmd", "fix", "atx",
        "ixs", "mxs",
    ]
    static let shapefileParts: Set<String> = ["shp", "shx", "dbf"]
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
        return shapefileParts.contains(String(inputName[inputName.index(after: dot)...]))
            || extensions.contains(String(name.dropFirst(stem.count + 1)))
    }

    /// The folder as it is, the file name lowercased.
    private static func split(_ path: String) -> (folder: String, name: String) {
        ((path as NSString).deletingLastPathComponent, (path as NSString).lastPathComponent.lowercased())
    }
}
