import Foundation
import GeoKit

/// One candidate site as read: in CGCS2000 lon/lat (EPSG:4490), with its attributes. Sendable.
struct ScreeningSite: Sendable {
    /// Label in reports: the id field's value, the parcel's 地块编号, or the feature id.
    let id: String
    /// OGR feature id, or the parcel's position in a boundary-point file.
    let featureID: Int64
    /// The site's name, from the first name field the layer has (none for boundary-point files).
    let name: String?
    let attributes: [String: String]
    let shape: FeatureShape
    /// nil when the site has no usable geometry (`skipped` says why).
    let wkb: [UInt8]?
    let skipped: String?
}

/// The candidate sites of a request: any OGR layer, or a boundary-point (界址点坐标) text file.
public struct SiteSet: Sendable {
    public let path: String
    public let layerName: String
    public let crsName: String
    /// The field the site ids come from (nil: feature ids, or 地块编号 for boundary-point files).
    public let idField: String?
    public let isBoundaryPointFile: Bool
    let sites: [ScreeningSite]
    public let notes: InputNotes
    /// For reviewers: sites fields that conditions need but the layer lacks, parcel-area disagreements, decoding.
    public let warnings: [String]

    public var count: Int { sites.count }

    /// Fields tried, in order, for site ids when no --site-id-field is given.
    static let idFields = ["site_id", "id", "ID", "code", "编号", "name", "name_zh", "名称"]
    /// Fields tried, in order, for site names.
    static let nameFields = ["name_zh", "name", "名称", "NAME", "name_en"]

    static func load(_ request: ScreeningRequest, rules: ScreeningRules) throws -> SiteSet {
        let wanted = Set(rules.rules.compactMap(\.conditionalWhen?.siteField))
        let sites =
            BoundaryPointFile.looksLike(path: request.sites.path)
            ? try boundaryPoints(request, wanted: wanted) : try layer(request, wanted: wanted)
        if request.pointBufferM == nil, let site = sites.sites.first(where: { $0.shape != .area && $0.wkb != nil }) {
            throw ShelterbeltError(
                .usage, file: request.sites.path, feature: site.featureID,
                problem: "site '\(site.id)' is a \(site.shape == .point ? "point" : "line"), not an area",
                remedy: "pass --buffer METRES to screen the area within that distance of it")
        }
        return sites
    }

    private static func layer(_ request: ScreeningRequest, wanted: Set<String>) throws -> SiteSet {
        let opened = try request.sites.open()
        let idField: Int?
        if let name = request.siteIDField {
            idField = try opened.field(name, option: "--site-id-field")
        } else {
            idField = idFields.lazy.compactMap { opened.layer.fieldIndex($0) }.first
        }
        var fields: [String: Int] = [:]
        var warnings: [String] = []
        for name in wanted.sorted() where request.siteValues[name] == nil {
            if let index = opened.layer.fieldIndex(name) {
                fields[name] = index
            } else {
                warnings.append(
                    "the sites have no field '\(name)', so the conditions on it cannot apply "
                        + "(add the field, or pass --site-value \(name)=VALUE)"
                )
            }
        }
        let nameField = nameFields.lazy.compactMap { opened.layer.fieldIndex($0) }.first
        // Values arrive in this order: the id, the name, then the fields conditions need.
        let named = fields.sorted { $0.key < $1.key }
        let lead = [idField, nameField].compactMap { $0 }
        let reader = try FeatureSource(opened, fields: lead + named.map(\.value), to: .geodesic, edges: request.edges)
        let first = lead.count
        var sites: [ScreeningSite] = []
        while let item = try reader.next() {
            var attributes = request.siteValues
            for (position, (name, _)) in named.enumerated() { attributes[name] = item.text(first + position) }
            let id = idField.flatMap { _ in item.text(0) } ?? String(item.id)
            let name = nameField.flatMap { _ in item.text(idField == nil ? 0 : 1) }
            sites.append(
                ScreeningSite(
                    id: id, featureID: item.id, name: name, attributes: attributes, shape: item.shape,
                    wkb: item.geometry?.wkb,
                    skipped: item.skipped.map { $0.explanationEn }))
        }
        let notes = reader.notes
        return SiteSet(
            path: request.sites.path, layerName: opened.name, crsName: opened.crs.name,
            idField: idField.map { opened.layer.fieldNames[$0] }, isBoundaryPointFile: false,
            sites: sites, notes: notes, warnings: warnings)
    }

    private static func boundaryPoints(_ request: ScreeningRequest, wanted: Set<String>) throws -> SiteSet {
        if request.sites.layer != nil {
            throw ShelterbeltError.usage("--layer does not apply to a boundary-point file (\(request.sites.path))")
        }
        let file = try BoundaryPointFile.read(
            path: request.sites.path, encoding: request.sites.encoding, assumeCRS: request.sites.assumeCRS)
        let label = LayerLabel(path: file.path, name: "界址点坐标", role: .sites)
        let cleaner = try FeatureCleaner(
            label: label, crs: try crs(of: file, label: label), shapes: .any, to: .geodesic, edges: request.edges)
        var warnings = file.warnings
        if file.encoding == "GB18030", request.sites.encoding == nil {
            warnings.append("the file is not UTF-8; it was read as GBK (GB18030)")
        }
        for name in wanted.sorted() where request.siteValues[name] == nil && file.parcels.first?.attributes[name] == nil
        {
            warnings.append(
                "boundary-point parcels have no field '\(name)', so the conditions on it cannot apply "
                    + "(pass --site-value \(name)=VALUE)"
            )
        }
        if let field = request.siteIDField, file.parcels.first?.attributes[field] == nil {
            throw ShelterbeltError(
                .usage, file: file.path, problem: "a boundary-point parcel has no field '\(field)' (--site-id-field)",
                remedy: "use one of: 地块编号, 地块名称, 地块用途, 图幅号")
        }
        // The parcels go through the one reader's cleaner like any layer's features: checked, densified, reprojected.
        var notes = InputNotes()
        let sites = try file.parcels.enumerated().map { index, parcel -> ScreeningSite in
            let shape: FeatureShape = parcel.shape == .area ? .area : parcel.shape == .line ? .line : .point
            let drawn = try file.geometry(of: parcel, context: cleaner.context)
            let raw = RawFeature(
                id: Int64(index),
                geometry: FeatureGeometry(
                    wkb: drawn.wkb, kind: shape == .area ? .polygonal : shape == .line ? .line : .point),
                values: [])
            let attributes = parcel.attributes.merging(request.siteValues) { _, given in given }
            let id =
                request.siteIDField.flatMap { parcel.attributes[$0] }.flatMap { $0.isEmpty ? nil : $0 }
                ?? parcel.label(index: index)
            let geometry = try cleaner.geometry(raw, notes: &notes)
            return ScreeningSite(
                id: id, featureID: Int64(index), name: nil, attributes: attributes, shape: shape, wkb: geometry?.wkb,
                skipped: geometry == nil ? "no usable geometry" : nil)
        }
        return SiteSet(
            path: file.path, layerName: "界址点坐标", crsName: file.crs, idField: request.siteIDField ?? "地块编号",
            isBoundaryPointFile: true, sites: sites, notes: notes, warnings: warnings)
    }

    /// The CRS a boundary-point file's coordinates are in (from its zone or the assumed one).
    private static func crs(of file: BoundaryPointFile, label: LayerLabel) throws -> SpatialReference {
        do { return try SpatialReference(file.crs) } catch {
            throw ShelterbeltError(
                .badInput, file: label.path, problem: "its CRS \(file.crs) is not one GDAL recognises")
        }
    }
}
