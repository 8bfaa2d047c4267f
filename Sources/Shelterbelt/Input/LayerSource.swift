import Foundation
import GeoKit

/// Where a layer comes from, as the user named it.
public struct LayerSource: Sendable, Equatable {
    public var path: String
    /// Layer name inside a multi-layer file (GeoPackage, File Geodatabase, KML).
    public var layer: String?
    /// Attribute encoding of a Shapefile without a .cpg, e.g. "GBK".
    public var encoding: String?
    /// CRS to use when the file declares none, e.g. "EPSG:4524".
    public var assumeCRS: String?

    public init(path: String, layer: String? = nil, encoding: String? = nil, assumeCRS: String? = nil) {
        self.path = path; self.layer = layer; self.encoding = encoding; self.assumeCRS = assumeCRS
    }

    /// Opens the dataset and layer, and settles its CRS; every failure names the file and what to do.
    public func open() throws -> OpenedLayer {
        try checkShapefileParts()
        let dataset: VectorDataset
        do {
            dataset = try VectorDataset(path: path, options: try openOptions())
        } catch let error as GDALError {
            let missing = !FileManager.default.fileExists(atPath: path)
            throw ShelterbeltError(missing ? .missingInput : .badInput, file: path, problem: error.message,
                                   remedy: missing ? "check the path" : "check that the file is complete and in a format GDAL reads (ogrinfo \(path))")
        }
        InputFiles.register(dataset.files + [path])
        let layer = try chooseLayer(in: dataset)
        let crs = try resolveCRS(of: layer)
        let opened = OpenedLayer(source: self, layer: layer, crs: crs)
        if let problem = layer.extent.flatMap({ CRSPlausibility.problem(extent: $0, crs: crs, label: opened.label) }) {
            let declared = layer.spatialReference != nil
            throw ShelterbeltError(.badInput, file: path, layer: layer.name, problem: problem,
                                   remedy: declared ? "give a copy of the layer its real CRS (e.g. ogr2ogr -a_srs EPSG:nnnn fixed.gpkg \(path)); the input is not changed here"
                                                    : "pass the CRS the data was delivered in with --assume-crs")
        }
        return opened
    }

    /// A Shapefile is several files; a copy that left one behind gets a message that says which.
    private func checkShapefileParts() throws {
        guard (path as NSString).pathExtension.lowercased() == "shp", FileManager.default.fileExists(atPath: path) else { return }
        let base = (path as NSString).deletingPathExtension
        for part in ["shx", "dbf"] where ![part, part.uppercased()].contains(where: { FileManager.default.fileExists(atPath: base + "." + $0) }) {
            throw ShelterbeltError(.badInput, file: path, problem: "its .\(part) file (\((base as NSString).lastPathComponent).\(part)) is missing",
                                   remedy: "copy the .shp together with its .shx, .dbf, .prj and .cpg files, which belong to it")
        }
    }

    private var isShapefile: Bool {
        let ext = (path as NSString).pathExtension.lowercased()
        return ext == "shp" || ext == "dbf"
    }

    /// Shapefiles decode attributes by .cpg or the DBF's language byte; when neither says, GDAL would
    /// guess ISO-8859-1 and turn GBK names into mojibake, so undeclared text is read raw and checked.
    private func openOptions() throws -> [String] {
        guard isShapefile else {
            if encoding != nil {
                throw ShelterbeltError.usage("--encoding applies to Shapefiles only; \(path) declares its own encoding")
            }
            return []
        }
        if let encoding { return ["ENCODING=\(Self.iconvName(encoding))"] }
        let base = (path as NSString).deletingPathExtension
        let hasCPG = ["cpg", "CPG"].contains { FileManager.default.fileExists(atPath: base + "." + $0) }
        if hasCPG || Self.dbfDeclaresEncoding(base) { return [] }
        return ["ENCODING="]
    }

    /// GBK is a superset of GB2312 and is what CP936 means in practice; iconv knows both names.
    static func iconvName(_ name: String) -> String {
        switch name.uppercased() {
        case "GBK", "CP936", "936", "GB2312": return "CP936"
        default: return name
        }
    }

    /// Whether byte 29 of the .dbf header (the language driver id) names a code page.
    private static func dbfDeclaresEncoding(_ base: String) -> Bool {
        for ext in ["dbf", "DBF"] {
            guard let handle = FileHandle(forReadingAtPath: base + "." + ext) else { continue }
            defer { try? handle.close() }
            let header = handle.readData(ofLength: 32)
            return header.count == 32 && header[29] != 0
        }
        return false
    }

    private func chooseLayer(in dataset: VectorDataset) throws -> VectorLayer {
        let names = dataset.layerNames
        if let wanted = layer {
            guard let found = dataset.layer(named: wanted) else {
                throw ShelterbeltError(.badInput, file: path, problem: "has no layer '\(wanted)'",
                                       remedy: "choose one of: \(names.joined(separator: ", "))")
            }
            return found
        }
        guard !names.isEmpty else {
            throw ShelterbeltError(.badInput, file: path, problem: "holds no vector layer", remedy: "check that this is the file you meant")
        }
        guard names.count == 1 else {
            throw ShelterbeltError(.usage, file: path, problem: "holds \(names.count) layers: \(names.joined(separator: ", "))",
                                   remedy: "choose one with --layer (for the subject) or --zones-layer (for the zones)")
        }
        return dataset.layer(at: 0)
    }

    private func resolveCRS(of layer: VectorLayer) throws -> SpatialReference {
        if let declared = layer.spatialReference {
            return declared
        }
        guard let assumeCRS else {
            let guess = layer.extent.map(CRSGuess.suggest) ?? "its extent could not be read"
            throw ShelterbeltError(.badInput, file: path, layer: layer.name,
                                   problem: "declares no coordinate reference system (no .prj or CRS in the file); \(guess)",
                                   remedy: "pass --assume-crs EPSG:nnnn for the CRS the data was delivered in (or add a .prj)")
        }
        do { return try SpatialReference(assumeCRS) } catch {
            throw ShelterbeltError.usage("--assume-crs '\(assumeCRS)' is not a CRS GDAL recognises; use the form EPSG:4490")
        }
    }
}

/// A layer ready to read, with its CRS settled.
public struct OpenedLayer {
    public let source: LayerSource
    public let layer: VectorLayer
    public let crs: SpatialReference

    public var name: String { layer.name }
    public var label: LayerLabel {
        LayerLabel(path: source.path, name: layer.name, closedLinesAreAreas: layer.dataset.driverName == "DXF")
    }

    /// Index of an attribute field, or an error listing the fields there are.
    public func field(_ name: String, option: String) throws -> Int {
        guard let index = layer.fieldIndex(name) else {
            throw ShelterbeltError(.usage, file: source.path, layer: layer.name, problem: "has no field '\(name)' (\(option))",
                                   remedy: "use one of: \(layer.fieldNames.joined(separator: ", "))")
        }
        return index
    }

    /// A field's text, with undeclared non-UTF-8 text (GBK without .cpg) turned into an actionable error.
    public func text(_ feature: Feature, field: Int) throws -> String? {
        do { return try feature.string(at: field) } catch {
            throw ShelterbeltError(.badInput, file: source.path, layer: layer.name, feature: feature.id,
                                   problem: "field '\(layer.fieldNames[field])' holds text that is not UTF-8 and the file does not declare its encoding (no .cpg)",
                                   remedy: "pass --encoding GBK (usual for Shapefiles from ArcGIS in China) or add a .cpg file beside the .shp")
        }
    }
}

/// A layer's file and name, for error messages from any thread.
public struct LayerLabel: Sendable {
    public let path: String
    public let name: String
    /// Whether closed lines stand for areas (CAD formats, which have no polygons).
    public var closedLinesAreAreas = false
}
