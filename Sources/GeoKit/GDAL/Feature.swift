import CGDAL

/// One OGR feature, owned and destroyed with this object.
public final class Feature {
    let handle: OGRFeatureH

    init(handle: OGRFeatureH) { self.handle = handle }
    deinit { OGR_F_Destroy(handle) }

    public var id: Int64 { Int64(OGR_F_GetFID(handle)) }

    /// A field's value as text; nil when unset or null. Throws when the bytes are not UTF-8,
    /// which happens when a file's encoding is undeclared and GDAL was asked not to guess it.
    public func string(at index: Int) throws -> String? {
        guard OGR_F_IsFieldSetAndNotNull(handle, Int32(index)) == 1 else { return nil }
        guard let text = String(validatingCString: OGR_F_GetFieldAsString(handle, Int32(index))) else {
            throw EncodingError(field: index)
        }
        return text
    }

    /// A 64-bit integer field's value (no conversion through Double, so no value is rounded or trapped).
    public func integer(at index: Int) -> Int? {
        guard OGR_F_IsFieldSetAndNotNull(handle, Int32(index)) == 1 else { return nil }
        return Int(OGR_F_GetFieldAsInteger64(handle, Int32(index)))
    }

    public func double(at index: Int) -> Double? {
        guard OGR_F_IsFieldSetAndNotNull(handle, Int32(index)) == 1 else { return nil }
        return OGR_F_GetFieldAsDouble(handle, Int32(index))
    }

    /// The geometry as 2D linear ISO WKB with what had to change to get there; nil when it has none.
    public func geometry() -> FeatureGeometry? {
        guard let geometry = OGR_F_GetGeometryRef(handle) else { return nil }
        let type = OGR_G_GetGeometryType(geometry)
        var notes = FeatureGeometry.Notes()
        notes.hadZ = OGR_G_Is3D(geometry) == 1
        notes.hadM = OGR_G_IsMeasured(geometry) == 1
        notes.wasCurve = OGR_GT_IsNonLinear(type) == 1
        var linear: OGRGeometryH = geometry
        var owned: OGRGeometryH?
        if notes.wasCurve {
            // Arcs are approximated with chords at most 0.1° of arc apart (GDAL's default is 4°).
            owned = OGR_G_GetLinearGeometry(geometry, 0.1, nil)
            linear = owned ?? geometry
        }
        if notes.hadZ || notes.hadM {
            if owned == nil { owned = OGR_G_Clone(geometry); linear = owned! }
            OGR_G_Set3D(linear, 0)
            OGR_G_SetMeasured(linear, 0)
        }
        // GeoJSON and KML files in the wild leave rings open; GEOS refuses them, so they are closed (and noted).
        if Self.hasOpenRing(linear) {
            if owned == nil { owned = OGR_G_Clone(geometry); linear = owned! }
            OGR_G_CloseRings(linear)
            notes.closedRings = true
        }
        defer { if let owned { OGR_G_DestroyGeometry(owned) } }
        let flat = OGR_GT_Flatten(OGR_G_GetGeometryType(linear))
        let size = Int(OGR_G_WkbSize(linear))
        var bytes = [UInt8](repeating: 0, count: size)
        _ = OGR_G_ExportToIsoWkb(linear, wkbNDR, &bytes)
        return FeatureGeometry(
            wkb: bytes, kind: FeatureGeometry.Kind(flat), isEmpty: OGR_G_IsEmpty(linear) == 1, notes: notes)
    }
}

extension Feature {
    /// Whether a polygon of the geometry has a ring whose last point is not its first.
    static func hasOpenRing(_ geometry: OGRGeometryH) -> Bool {
        let type = OGR_GT_Flatten(OGR_G_GetGeometryType(geometry))
        let count = OGR_G_GetGeometryCount(geometry)
        if type == wkbPolygon {
            return (0..<count).contains { index in
                guard let ring = OGR_G_GetGeometryRef(geometry, index) else { return false }
                let points = OGR_G_GetPointCount(ring)
                guard points > 1 else { return false }
                return OGR_G_GetX(ring, 0) != OGR_G_GetX(ring, points - 1)
                    || OGR_G_GetY(ring, 0) != OGR_G_GetY(ring, points - 1)
            }
        }
        guard type == wkbMultiPolygon || type == wkbGeometryCollection else { return false }
        return (0..<count).contains { index in OGR_G_GetGeometryRef(geometry, index).map(hasOpenRing) ?? false }
    }
}

/// A feature's geometry as read, ready for GEOS.
public struct FeatureGeometry: Sendable {
    public enum Kind: Sendable, Equatable {
        case polygonal, point, line, collection, other

        init(_ type: OGRwkbGeometryType) {
            switch type {
            case wkbPolygon, wkbMultiPolygon: self = .polygonal
            case wkbPoint, wkbMultiPoint: self = .point
            case wkbLineString, wkbMultiLineString: self = .line
            case wkbGeometryCollection: self = .collection
            default: self = .other
            }
        }
    }

    /// What was changed to make the geometry 2D and linear.
    public struct Notes: Sendable, Equatable {
        public var hadZ = false
        public var hadM = false
        public var wasCurve = false
        /// A ring was open and got its first point repeated at its end.
        public var closedRings = false

        public init() {}
    }

    public let wkb: [UInt8]
    public let kind: Kind
    public let isEmpty: Bool
    public let notes: Notes

    /// A geometry from elsewhere than OGR (e.g. a parcel of a boundary-point file), to go the same way.
    public init(wkb: [UInt8], kind: Kind, isEmpty: Bool = false, notes: Notes = Notes()) {
        (self.wkb, self.kind, self.isEmpty, self.notes) = (wkb, kind, isEmpty, notes)
    }
}

/// A field's bytes are not valid UTF-8.
public struct EncodingError: Error, Sendable {
    public let field: Int
}
