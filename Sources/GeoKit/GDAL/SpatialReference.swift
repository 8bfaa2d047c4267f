import CGDAL

/// An OGR spatial reference, always with traditional GIS axis order (longitude/easting first).
public final class SpatialReference {
    let handle: OGRSpatialReferenceH

    private init(handle: OGRSpatialReferenceH) {
        self.handle = handle
        OSRSetAxisMappingStrategy(handle, OAMS_TRADITIONAL_GIS_ORDER)
    }

    /// Takes a copy of a reference owned by GDAL (e.g. a layer's).
    convenience init(copying borrowed: OGRSpatialReferenceH) { self.init(handle: OSRClone(borrowed)) }

    /// From anything a user types: "EPSG:4490", "EPSG:4524", a WKT or PROJ string.
    public convenience init(_ definition: String) throws {
        _ = GDALRuntime.ready
        let made = OSRNewSpatialReference(nil)!
        guard OSRSetFromUserInput(made, definition) == OGRERR_NONE else {
            OSRDestroySpatialReference(made)
            throw GDALError(path: definition, message: "not a coordinate reference system GDAL recognises")
        }
        self.init(handle: made)
    }

    deinit { OSRDestroySpatialReference(handle) }

    public var name: String { OSRGetName(handle).map { String(cString: $0) } ?? "unnamed" }
    public var isGeographic: Bool { OSRIsGeographic(handle) == 1 }
    public var isProjected: Bool { OSRIsProjected(handle) == 1 }
    /// The projection method as WKT 1 names it (e.g. "Transverse_Mercator", "Mercator_1SP"); nil if not projected.
    public var projectionMethod: String? { OSRGetAttrValue(handle, "PROJECTION", 0).map { String(cString: $0) } }

    /// The datum as WKT 1 names it (e.g. "China_2000", "WGS_1984"); nil when the definition has none.
    public var datumName: String? { OSRGetAttrValue(handle, "DATUM", 0).map { String(cString: $0) } }

    /// The EPSG code, identified from the definition when the file does not state it.
    public var epsg: Int? {
        if let code = authorityCode() { return code }
        guard let copy = OSRClone(handle) else { return nil }
        defer { OSRDestroySpatialReference(copy) }
        _ = OSRAutoIdentifyEPSG(copy)
        if let code = OSRGetAuthorityCode(copy, nil),
            OSRGetAuthorityName(copy, nil).map({ String(cString: $0) }) == "EPSG"
        {
            return Int(String(cString: code))
        }
        return nil
    }

    private func authorityCode() -> Int? {
        guard let name = OSRGetAuthorityName(handle, nil), String(cString: name) == "EPSG",
            let code = OSRGetAuthorityCode(handle, nil)
        else { return nil }
        return Int(String(cString: code))
    }

    /// Where the CRS is meant to be used, in longitude/latitude degrees; nil when the definition does
    /// not say (custom CRSs) or the area crosses the antimeridian.
    public var areaOfUse: Envelope? {
        var (west, south, east, north) = (0.0, 0.0, 0.0, 0.0)
        var name: UnsafePointer<CChar>?
        guard OSRGetAreaOfUse(handle, &west, &south, &east, &north, &name) != 0, west > -1000, west <= east else {
            return nil
        }
        return Envelope(minX: west, minY: south, maxX: east, maxY: north)
    }

    /// "EPSG:nnnn" when known, otherwise WKT2: a definition PROJ accepts.
    public var definition: String {
        if let epsg { return "EPSG:\(epsg)" }
        return wkt
    }

    public var wkt: String {
        var text: UnsafeMutablePointer<CChar>?
        let options = ["FORMAT=WKT2_2019"]
        withCStringArray(options) { _ = OSRExportToWktEx(handle, &text, $0) }
        defer { VSIFree(text) }
        return text.map { String(cString: $0) } ?? ""
    }

    /// Same CRS, ignoring names and metadata.
    public func isSame(as other: SpatialReference) -> Bool { OSRIsSame(handle, other.handle) == 1 }
}

/// Calls `body` with a NULL-terminated C string list, as GDAL's option arguments want.
func withCStringArray<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R) -> R {
    let owned: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    defer { owned.forEach { free($0) } }
    let pointers: [UnsafePointer<CChar>?] = owned.map { UnsafePointer($0) } + [nil]
    return pointers.withUnsafeBufferPointer { body($0.baseAddress) }
}
