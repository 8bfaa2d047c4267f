import Foundation
import GeoKit

/// What the report takes from the patches besides their zone tables, gathered in the same read of them:
/// the aggregated patches map and the patch layer. Nothing is kept per patch.
final class ReportPatches: FeatureVisitor {
    let fields: [Int]
    /// The field colouring the map and where it is among `fields`; nil when every patch is one class.
    private let split: (field: ClassField, position: Int)?
    private let layer: PatchLayer
    private let unit: AreaUnit
    /// The empty map each worker starts from, and the whole map as the workers hand in their parts.
    private let empty: PatchGrid
    private let grid: Locked<PatchGrid>

    /// `subject` is read for its field definitions; the patch layer is written to `layerPath`; the map is
    /// coloured by the classes of `split`, as the zone tables count them.
    init(_ subject: LayerSource, split: ClassField?, frame: MapFrame, unit: AreaUnit, layerPath: String) throws {
        let opened = try subject.open()
        let definitions = opened.layer.fieldDefinitions
        fields = Array(definitions.indices)
        self.split = try split.map { ($0, try opened.field($0.name, option: "--by")) }
        layer = try PatchLayer(path: layerPath, fields: definitions)
        self.unit = unit
        empty = PatchGrid(frame: frame)
        grid = Locked(empty)
    }

    func worker() throws -> FeatureVisit {
        try Worker(self, grid: empty)
    }

    /// The map of every patch, once the run is over.
    var map: PatchGrid { grid.value }

    /// Finishes the patch layer file.
    func close() throws { try layer.close() }

    private final class Worker: FeatureVisit {
        let owner: ReportPatches
        /// CGCS2000 (the working CRS of geodesic areas) to WGS84, as RFC 7946 and the report's maps want.
        let toWGS84: CoordinateTransform
        var grid: PatchGrid
        var rows: [PatchLayer.Row] = []
        let digits: Int

        init(_ owner: ReportPatches, grid: PatchGrid) throws {
            self.owner = owner
            toWGS84 = try CoordinateTransform(from: AreaMethod.geodesic.workingCRS, to: "EPSG:4326")
            self.grid = grid
            digits = owner.unit.decimals
        }

        func visit(_ raw: RawFeature, geometry: Geometry, area: Double) throws {
            let wgs84 = try toWGS84.apply(geometry)
            // The visitor's fields come last, after those splitting the figures.
            let values = Array(raw.values.suffix(owner.fields.count))
            let key =
                owner.split.flatMap { split in values[split.position].text.map { split.field.class(of: $0) } } ?? ""
            grid.add(try wgs84.envelope, area: area, class: key)
            let shown: FieldValue =
                if case .number(let rounded) = ReportFormat.number(owner.unit.fromSquareMetres(area), digits) {
                    .real(rounded)
                } else { .null }
            rows.append(
                PatchLayer.Row(
                    fid: raw.id, wkb: wgs84.wkb, values: values + [shown, .string(owner.unit.rawValue)]))
            if rows.count >= StatsEngine.batchSize {
                try owner.layer.add(rows)
                rows.removeAll(keepingCapacity: true)
            }
        }

        func finish() throws {
            try owner.layer.add(rows)
            rows = []
            let part = grid
            owner.grid.update { $0.merge(part) }
        }
    }
}
