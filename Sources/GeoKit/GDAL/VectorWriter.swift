import CGDAL
import Foundation

/// A new vector dataset written through an OGR driver (XLSX, GPKG, ESRI Shapefile …): layers with
/// typed fields, features with attributes and optional WKB geometry. `close()` finishes the file; the
/// caller writes to a temporary path and renames it into place, so a reader never sees half a file.
public final class VectorWriter {
    let handle: GDALDatasetH
    public let path: String
    private var isOpen = true

    /// Creates `path` with the OGR driver `driver` (its short name, e.g. "XLSX"); `options` are the
    /// driver's dataset creation options.
    public init(path: String, driver: String, options: [String] = []) throws {
        _ = GDALRuntime.ready
        guard let found = GDALGetDriverByName(driver) else {
            throw GDALError(path: path, message: "GDAL has no driver named \(driver)")
        }
        CPLErrorReset()
        let made = withOptionList(options) { GDALCreate(found, path, 0, 0, 0, GDT_Unknown, $0) }
        guard let made else { throw GDALError.last(path, fallback: "the \(driver) driver cannot create this file") }
        handle = made
        self.path = path
    }

    deinit { if isOpen { GDALClose(handle) } }

    /// Adds a layer (a sheet, for XLSX) with these fields, in this order.
    public func createLayer(
        _ name: String, fields: [FieldDefinition], geometry: GeometryType = .none,
        crs: SpatialReference? = nil, options: [String] = []
    ) throws -> LayerWriter {
        precondition(isOpen, "layer added to a closed VectorWriter")
        CPLErrorReset()
        let layer = withOptionList(options) { GDALDatasetCreateLayer(handle, name, crs?.handle, geometry.ogrType, $0) }
        guard let layer else { throw GDALError.last(path, fallback: "cannot create layer \(name)") }
        for field in fields {
            let definition = OGR_Fld_Create(field.name, field.kind.ogrType)
            defer { OGR_Fld_Destroy(definition) }
            if let width = field.width { OGR_Fld_SetWidth(definition, Int32(width)) }
            guard OGR_L_CreateField(layer, definition, 1) == OGRERR_NONE else {
                throw GDALError.last(path, fallback: "cannot create field \(field.name) in layer \(name)")
            }
        }
        return LayerWriter(handle: layer, writer: self, name: name, fieldCount: fields.count)
    }

    /// Starts a transaction: a GeoPackage commits each feature on its own without one, about a
    /// thousand times slower for a large layer.
    public func beginTransaction() throws {
        precondition(isOpen, "transaction on a closed VectorWriter")
        CPLErrorReset()
        guard GDALDatasetStartTransaction(handle, 0) == OGRERR_NONE else {
            throw GDALError.last(path, fallback: "cannot start a transaction")
        }
    }

    public func commitTransaction() throws {
        precondition(isOpen, "transaction on a closed VectorWriter")
        CPLErrorReset()
        guard GDALDatasetCommitTransaction(handle) == OGRERR_NONE else {
            throw GDALError.last(path, fallback: "cannot commit the features written")
        }
    }

    /// Writes everything out and closes the dataset; a failure on the way is a `GDALError`.
    public func close() throws {
        guard isOpen else { return }
        isOpen = false
        CPLErrorReset()
        GDALClose(handle)
        if CPLGetLastErrorType() == CE_Failure || CPLGetLastErrorType() == CE_Fatal {
            throw GDALError.last(path, fallback: "the file could not be completed")
        }
    }
}

/// One layer being written; keeps its dataset open. Add features from one thread.
public final class LayerWriter {
    let handle: OGRLayerH
    public let writer: VectorWriter
    public let name: String
    private let fieldCount: Int

    init(handle: OGRLayerH, writer: VectorWriter, name: String, fieldCount: Int) {
        self.handle = handle
        self.writer = writer
        self.name = name
        self.fieldCount = fieldCount
    }

    /// Adds a feature: one value per field, in the order the fields were defined, and optionally a
    /// geometry as WKB (2D, either byte order) and the feature id to keep (drivers that number features
    /// themselves, as GeoPackage does, then read them back in id order whatever order they were added in).
    public func add(_ values: [FieldValue], wkb: [UInt8]? = nil, fid: Int64? = nil) throws {
        precondition(values.count == fieldCount, "\(values.count) values for \(fieldCount) fields of layer \(name)")
        guard let feature = OGR_F_Create(OGR_L_GetLayerDefn(handle)) else {
            throw GDALError(path: writer.path, message: "cannot make a feature for layer \(name)")
        }
        defer { OGR_F_Destroy(feature) }
        if let fid, OGR_F_SetFID(feature, GIntBig(fid)) != OGRERR_NONE {
            throw GDALError(path: writer.path, message: "layer \(name): feature id \(fid) cannot be set")
        }
        for (index, value) in values.enumerated() {
            let field = Int32(index)
            switch value {
            case .null: OGR_F_SetFieldNull(feature, field)
            case .string(let text): OGR_F_SetFieldString(feature, field, text)
            case .integer(let number): OGR_F_SetFieldInteger64(feature, field, GIntBig(number))
            case .real(let number): OGR_F_SetFieldDouble(feature, field, number)
            }
        }
        if let wkb {
            var geometry: OGRGeometryH?
            // GDAL takes the size as Int32: a geometry over 2 GiB is an error, not a trap.
            guard let size = Int32(exactly: wkb.count) else {
                throw GDALError(
                    path: writer.path, message: "layer \(name): a geometry is larger than GDAL can take (2 GiB)")
            }
            let read = wkb.withUnsafeBytes { OGR_G_CreateFromWkb($0.baseAddress, nil, &geometry, size) }
            guard read == OGRERR_NONE, let geometry else {
                throw GDALError(path: writer.path, message: "layer \(name): a geometry is not valid WKB")
            }
            OGR_F_SetGeometryDirectly(feature, geometry)
        }
        CPLErrorReset()
        guard OGR_L_CreateFeature(handle, feature) == OGRERR_NONE else {
            throw GDALError.last(writer.path, fallback: "cannot add a feature to layer \(name)")
        }
    }
}

/// A field of a layer to be written.
public struct FieldDefinition: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case string, integer, real

        var ogrType: OGRFieldType {
            switch self {
            case .string: OFTString
            case .integer: OFTInteger64
            case .real: OFTReal
            }
        }
    }

    public var name: String
    public var kind: Kind
    /// Width in characters or digits; nil leaves it to the driver.
    public var width: Int?

    public init(_ name: String, _ kind: Kind, width: Int? = nil) {
        self.name = name; self.kind = kind; self.width = width
    }
}

/// A field value of a feature to be written.
public enum FieldValue: Sendable, Equatable {
    case null
    case string(String)
    case integer(Int)
    case real(Double)
}

/// The geometry type a new layer declares.
public enum GeometryType: Sendable {
    case none, unknown, point, lineString, polygon, multiPolygon

    var ogrType: OGRwkbGeometryType {
        switch self {
        case .none: wkbNone
        case .unknown: wkbUnknown
        case .point: wkbPoint
        case .lineString: wkbLineString
        case .polygon: wkbPolygon
        case .multiPolygon: wkbMultiPolygon
        }
    }
}

/// `withCStringArray` for the calls whose C prototype takes the list as `char **` (CSLConstList seen from C).
private func withOptionList<R>(_ options: [String], _ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> R)
    -> R
{
    withCStringArray(options) { list in
        body(
            list.map {
                UnsafeMutableRawPointer(mutating: $0).assumingMemoryBound(to: UnsafeMutablePointer<CChar>?.self)
            })
    }
}

extension VectorLayer {
    /// The layer's fields as definitions, to read values by type or to copy the schema
    /// (booleans read as integers; dates, lists and binaries as strings).
    public var fieldDefinitions: [FieldDefinition] {
        let definition = OGR_L_GetLayerDefn(handle)
        return (0..<OGR_FD_GetFieldCount(definition)).map { index in
            let field = OGR_FD_GetFieldDefn(definition, index)
            let kind: FieldDefinition.Kind
            switch OGR_Fld_GetType(field) {
            case OFTInteger, OFTInteger64: kind = .integer
            case OFTReal: kind = .real
            default: kind = .string
            }
            let width = Int(OGR_Fld_GetWidth(field))
            return FieldDefinition(String(cString: OGR_Fld_GetNameRef(field)), kind, width: width > 0 ? width : nil)
        }
    }
}
