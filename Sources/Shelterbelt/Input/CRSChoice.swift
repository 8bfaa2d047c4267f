import GeoKit

/// Settles the CRS a layer is read in: the one it declares, or the one the user assumes for it.
///
/// An assumed CRS takes effect where the file declares none, or declares WGS 84 / CGCS2000 longitude/latitude,
/// as every web-map export does whatever its coordinates really are. Against any other declared CRS it is an
/// error naming both: an option that silently has no effect would be a silent wrong figure.
enum CRSChoice {
    static func settle(_ source: LayerSource, layer: VectorLayer) throws -> (SpatialReference, WebMapOffset?) {
        let declared = layer.spatialReference
        guard let assumed = source.assumeCRS else {
            if let declared { return (declared, nil) }
            let guess = layer.extent.map(CRSGuess.suggest) ?? "its extent could not be read"
            throw ShelterbeltError(
                .badInput, file: source.path, layer: layer.name,
                problem: "declares no coordinate reference system (no .prj or CRS in the file); \(guess)",
                remedy: source.role.advice("assume-crs", "EPSG:nnnn")
                    + " for the CRS the data was delivered in (or add a .prj)")
        }
        let option = source.role.option("assume-crs") ?? "assume-crs"
        let offset = WebMapOffset(name: assumed)
        let crs: SpatialReference
        do { crs = try SpatialReference(offset == nil ? assumed : "EPSG:4326") } catch {
            throw ShelterbeltError.usage(
                "\(option) '\(assumed)' is not a CRS GDAL recognises; "
                    + "use the form EPSG:4490, or GCJ02 / BD09 for web-map coordinates"
            )
        }
        guard let declared, !isLonLatOfWebMaps(declared), !declared.isSame(as: crs) else { return (crs, offset) }
        let code = declared.epsg.map { " (EPSG:\($0))" } ?? ""
        throw ShelterbeltError(
            .usage, file: source.path, layer: layer.name,
            problem: "declares \(declared.name)\(code), which contradicts \(option) \(assumed)",
            remedy: "drop \(option) to read the layer as it declares, or give a copy of the layer the right CRS "
                + "(ogr2ogr -a_srs …); an assumed CRS only replaces a missing one "
                + "or a WGS 84 / CGCS2000 longitude/latitude label"
        )
    }

    /// WGS 84 or CGCS2000 longitude/latitude: what web-map exports declare, whatever their coordinates are.
    static func isLonLatOfWebMaps(_ crs: SpatialReference) -> Bool {
        guard crs.isGeographic, let datum = crs.datumName?.lowercased() else { return false }
        return datum.contains("wgs_1984") || datum.contains("wgs84") || datum.contains("china_2000")
            || datum.contains("china geodetic coordinate system 2000")
    }
}
