import Foundation
import GeoKit

/// Where a layer comes from, as the user named it, and the part it plays in the run.
public struct LayerSource: Sendable, Equatable {
    public var path: String
    /// Layer name inside a multi-layer file (GeoPackage, File Geodatabase, KML).
    public var layer: String?
    /// Attribute encoding of a Shapefile, e.g. "GBK"; wins over its .cpg.
    public var encoding: String?
    /// CRS to read the coordinates in, e.g. "EPSG:4524", or "GCJ02"/"BD09" for web-map coordinates.
    public var assumeCRS: String?
    public var role: LayerRole
    /// Leave out (and count) features with corrupt coordinates instead of stopping at the first.
    public var skipBadCoordinates = false
    /// The geometries the layer may hold: the role's, unless a layer set says it holds lines.
    public var shapes: FeatureShape.Accepted { shapesGiven ?? role.accepts }
    private var shapesGiven: FeatureShape.Accepted?

    public init(
        path: String, layer: String? = nil, encoding: String? = nil, assumeCRS: String? = nil,
        role: LayerRole = .subject, shapes: FeatureShape.Accepted? = nil
    ) {
        self.path = path; self.layer = layer; self.encoding = encoding; self.assumeCRS = assumeCRS
        self.role = role; shapesGiven = shapes
    }

    /// Opens the dataset and layer, and settles its CRS and text encoding; every failure names the file,
    /// the layer's role and the option that fixes it.
    public func open() throws -> OpenedLayer {
        _ = GDALWarnings.shared.drain()  // what GDAL said before belongs to other layers
        try checkShapefileParts()
        let dataset: VectorDataset
        do {
            dataset = try VectorDataset(path: path, options: try openOptions())
        } catch let error as GDALError {
            let missing = !FileManager.default.fileExists(atPath: path)
            throw ShelterbeltError(
                missing ? .missingInput : .badInput, file: path, problem: error.message,
                remedy: missing
                    ? "check the path" : "check that the file is complete and in a format GDAL reads (ogrinfo \(path))")
        }
        InputFiles.register(dataset.files + [path])
        let layer = try chooseLayer(in: dataset)
        guard layer.featureCount != 0 else {
            throw ShelterbeltError(
                .badInput, file: path, layer: layer.name,
                problem: "is empty: the \(role.rawValue) layer holds no feature",
                remedy: "check that this is the file (and layer) you meant")
        }
        try ShapefileText.check(self, layerName: layer.name)
        let (crs, offset) = try CRSChoice.settle(self, layer: layer)
        let opened = OpenedLayer(
            source: self, layer: layer, crs: crs, webMapOffset: offset, warnings: GDALWarnings.shared.drain())
        if let problem = try layer.extent.flatMap({
            try CRSPlausibility.problem(extent: $0, crs: crs, label: opened.label)
        }) {
            throw ShelterbeltError(
                .badInput, file: path, layer: layer.name, problem: problem,
                remedy: role.advice("assume-crs", "EPSG:nnnn")
                    + " for the CRS the data was delivered in; the input is not changed")
        }
        return opened
    }

    /// A Shapefile is several files; a copy that left one behind gets a message that says which.
    private func checkShapefileParts() throws {
        guard (path as NSString).pathExtension.lowercased() == "shp", FileManager.default.fileExists(atPath: path)
        else { return }
        let base = (path as NSString).deletingPathExtension
        for part in ["shx", "dbf"]
        where ![part, part.uppercased()].contains(where: { FileManager.default.fileExists(atPath: base + "." + $0) }) {
            throw ShelterbeltError(
                .badInput, file: path,
                problem: "its .\(part) file (\((base as NSString).lastPathComponent).\(part)) is missing",
                remedy: "copy the .shp together with its .shx, .dbf, .prj and .cpg files, which belong to it")
        }
    }

    var isShapefile: Bool {
        let ext = (path as NSString).pathExtension.lowercased()
        return ext == "shp" || ext == "dbf"
    }

    /// Shapefiles decode attributes by the chosen encoding, the .cpg or the DBF's language byte; when none
    /// says, GDAL would guess ISO-8859-1 and turn GBK names into mojibake, so undeclared text is read raw and checked.
    private func openOptions() throws -> [String] {
        guard isShapefile else {
            if encoding != nil {
                let option = role.option("encoding") ?? "--encoding"
                throw ShelterbeltError.usage("\(option) applies to Shapefiles only; \(path) declares its own encoding")
            }
            return []
        }
        if let encoding { return ["ENCODING=\(Self.iconvName(encoding))"] }
        return ShapefileText.declaredEncoding(of: self) == nil ? ["ENCODING="] : []
    }

    /// GBK is a superset of GB2312 and is what CP936 means in practice; iconv knows both names.
    static func iconvName(_ name: String) -> String {
        switch name.uppercased() {
        case "GBK", "CP936", "936", "GB2312": return "CP936"
        default: return name
        }
    }

    private func chooseLayer(in dataset: VectorDataset) throws -> VectorLayer {
        let names = dataset.layerNames
        if let wanted = layer {
            guard let found = dataset.layer(named: wanted) else {
                throw ShelterbeltError(
                    .badInput, file: path, problem: "has no layer '\(wanted)'",
                    remedy: "choose one of: \(names.joined(separator: ", "))")
            }
            return found
        }
        guard !names.isEmpty else {
            throw ShelterbeltError(
                .badInput, file: path, problem: "holds no vector layer", remedy: "check that this is the file you meant"
            )
        }
        guard names.count == 1 else {
            throw ShelterbeltError(
                .usage, file: path, problem: "holds \(names.count) layers: \(names.joined(separator: ", "))",
                remedy: role.advice("layer", "NAME") + " to choose one")
        }
        return dataset.layer(at: 0)
    }
}

/// A layer ready to read, with its CRS settled.
public struct OpenedLayer {
    public let source: LayerSource
    public let layer: VectorLayer
    public let crs: SpatialReference
    /// Web-map coordinates (GCJ-02, BD-09) to take back to WGS 84 before anything else; nil for true coordinates.
    public let webMapOffset: WebMapOffset?
    /// What GDAL warned of while opening the layer, for its notes.
    public let warnings: [String]
    /// Each field's type, read once: asking OGR for them per feature costs more than reading the feature.
    let fieldKinds: [FieldDefinition.Kind]

    init(
        source: LayerSource, layer: VectorLayer, crs: SpatialReference, webMapOffset: WebMapOffset?, warnings: [String]
    ) {
        (self.source, self.layer, self.crs, self.webMapOffset, self.warnings) = (
            source, layer, crs, webMapOffset, warnings
        )
        fieldKinds = layer.fieldDefinitions.map(\.kind)
    }

    public var name: String { layer.name }
    public var label: LayerLabel {
        LayerLabel(
            path: source.path, name: layer.name, role: source.role,
            closedLinesAreAreas: layer.dataset.driverName == "DXF")
    }

    /// Index of an attribute field, or an error listing the fields there are.
    public func field(_ name: String, option: String) throws -> Int {
        guard let index = layer.fieldIndex(name) else {
            throw ShelterbeltError(
                .usage, file: source.path, layer: layer.name, problem: "has no field '\(name)' (\(option))",
                remedy: "use one of: \(layer.fieldNames.joined(separator: ", "))")
        }
        return index
    }

    /// A field's text, with undeclared non-UTF-8 text (GBK without .cpg) turned into an actionable error.
    public func text(_ feature: Feature, field: Int) throws -> String? {
        do { return try feature.string(at: field) } catch {
            throw ShelterbeltError(
                .badInput, file: source.path, layer: layer.name, feature: feature.id,
                problem: "field '\(layer.fieldNames[field])' holds text that is not UTF-8 "
                    + "and the file does not declare its encoding (no .cpg)",
                remedy: source.role.advice("encoding", "GBK") + " (usual for Shapefiles from ArcGIS in China)")
        }
    }
}

/// A layer's file, name and role, for error messages from any thread.
public struct LayerLabel: Sendable {
    public let path: String
    public let name: String
    public var role: LayerRole = .subject
    /// Whether closed lines stand for areas (CAD formats, which have no polygons).
    public var closedLinesAreAreas = false
}
