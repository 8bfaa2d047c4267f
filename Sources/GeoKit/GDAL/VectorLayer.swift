import CGDAL

/// A layer of a `VectorDataset`; keeps its dataset open. Read it from one thread.
public final class VectorLayer {
    let handle: OGRLayerH
    public let dataset: VectorDataset

    init(handle: OGRLayerH, dataset: VectorDataset) {
        self.handle = handle
        self.dataset = dataset
    }

    public var name: String { String(cString: OGR_L_GetName(handle)) }

    /// Feature count; nil when the driver can only tell by reading every feature.
    public var featureCount: Int? {
        let count = OGR_L_GetFeatureCount(handle, 0)
        return count >= 0 ? Int(count) : nil
    }

    public var spatialReference: SpatialReference? {
        OGR_L_GetSpatialRef(handle).map { SpatialReference(copying: $0) }
    }

    public var extent: Envelope? {
        var box = OGREnvelope()
        guard OGR_L_GetExtent(handle, &box, 1) == OGRERR_NONE else { return nil }
        return Envelope(minX: box.MinX, minY: box.MinY, maxX: box.MaxX, maxY: box.MaxY)
    }

    public var fieldNames: [String] {
        let definition = OGR_L_GetLayerDefn(handle)
        return (0..<OGR_FD_GetFieldCount(definition)).map {
            String(cString: OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(definition, $0)))
        }
    }

    /// Index of a field, matched exactly first and then ignoring case.
    public func fieldIndex(_ name: String) -> Int? {
        let names = fieldNames
        return names.firstIndex(of: name) ?? names.firstIndex { $0.lowercased() == name.lowercased() }
    }

    /// Reads only these attribute fields (and the geometry); skipping the rest makes reading faster.
    public func readOnlyFields(_ names: [String]) {
        let ignored = fieldNames.filter { !names.contains($0) } + ["OGR_STYLE"]
        withCStringArray(ignored) { _ = OGR_L_SetIgnoredFields(handle, UnsafeMutablePointer(mutating: $0)) }
    }

    public func resetReading() { OGR_L_ResetReading(handle) }

    /// The next feature in file order, nil at the end. A read error surfaces as `GDALError` even when
    /// the driver still returns a feature (the Shapefile driver gives a truncated record a NULL geometry).
    public func nextFeature() throws -> Feature? {
        CPLErrorReset()
        let next = OGR_L_GetNextFeature(handle)
        if CPLGetLastErrorType() == CE_Failure || CPLGetLastErrorType() == CE_Fatal {
            let fid = next.map { " at feature \(OGR_F_GetFID($0))" } ?? ""
            next.map(OGR_F_Destroy)
            throw GDALError.last(dataset.path, fallback: "read error in layer \(name)").adding(fid)
        }
        return next.map { Feature(handle: $0) }
    }

    /// The feature with this id, for random access.
    public func feature(id: Int64) throws -> Feature {
        CPLErrorReset()
        guard let feature = OGR_L_GetFeature(handle, GIntBig(id)) else {
            throw GDALError.last(dataset.path, fallback: "layer \(name) has no feature \(id)")
        }
        return Feature(handle: feature)
    }
}
