import Foundation
import GeoKit

/// `shelterbelt report`: the figures, tables, maps and GeoJSON of the layout, the treated patches, the
/// plan targets and the candidate sites, written in one step into one folder:
///
/// ```
/// report.html        the report: headline figures, target progress, maps (inline SVG), tables
/// summary.json       every figure of the report; the page and the tables are printed from it
/// report.xlsx        every table, one sheet each, Chinese headers
/// tables/*.csv       every table as CSV (UTF-8, BOM with --bom)
/// patches.gpkg       the patches with their attributes and area (GeoPackage, WGS84 lon/lat)
/// geojson/*.geojson  layout layers, zone statistics, sites and conflicts (RFC 7946)
/// ```
///
/// The patches are read once, streaming, whatever their number: nothing is kept per patch, and the page
/// draws them aggregated to the map's pixel grid, so it stays small for a city's million patches.
public enum Report {
    public static let summaryFile = "summary.json"
    public static let htmlFile = "report.html"
    public static let workbookFile = "report.xlsx"
    public static let patchesFile = "patches.gpkg"
    public static let tablesFolder = "tables"
    public static let geojsonFolder = "geojson"

    /// What a run wrote.
    public struct Outcome: Sendable {
        public let folder: String
        public let summary: ReportSummary
        /// Paths relative to the folder, in the order written.
        public let files: [String]
    }

    /// Computes the report and writes the folder `out` (replacing an earlier report there).
    public static func run(_ request: ReportRequest, out: String) throws -> Outcome {
        do {
            var files: [String] = []
            // The whole run happens inside the folder's temporary twin beside `out` (refused in a second when
            // `out` may not be written): the patches' GeoPackage is written there, never copied across disks.
            let summary = try ReportFolder.write(to: out) { folder in
                func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
                let content = try ReportBuilder.build(request, patchLayer: path(Report.patchesFile))
                request.progress?("writing \(out)")
                func write(_ text: String, _ name: String) throws {
                    try AtomicFile.write(text, to: path(name))
                    files.append(name)
                }
                for sub in [tablesFolder, geojsonFolder] {
                    do {
                        try FileManager.default.createDirectory(atPath: path(sub), withIntermediateDirectories: false)
                    } catch {
                        throw ShelterbeltError(
                            .cannotWrite, file: path(sub), problem: "cannot be created: \(error.localizedDescription)")
                    }
                }
                try write(content.summary.json().serialized() + "\n", summaryFile)
                for table in content.summary.tables {
                    try write(
                        ReportTableWriter.csv(table, byteOrderMark: request.byteOrderMark),
                        "\(tablesFolder)/\(fileStem(table.id)).csv")
                }
                try ReportTableWriter.xlsx(content.summary.tables, to: path(workbookFile))
                files.append(workbookFile)
                files.append(Report.patchesFile)
                for (name, text) in try ReportGeoJSON.documents(
                    content, unit: request.unit, precision: request.precision)
                {
                    try write(text, "\(geojsonFolder)/\(fileStem(name))")
                }
                try write(
                    try ReportHTML(summary: content.summary, maps: content.maps, language: request.language).render(),
                    htmlFile)
                return content.summary
            }
            return Outcome(folder: out, summary: summary, files: files)
        } catch let error as GeometryError {
            throw ShelterbeltError(
                .internalError, problem: "a geometry could not be processed for the report: \(error.description)",
                remedy: "report a bug with the input files")
        } catch let error as TransformError {
            throw ShelterbeltError(
                .internalError, problem: "a geometry could not be reprojected for the report: \(error.message)")
        }
    }

    /// A file name from a layer id: anything but letters, digits, '-', '_' and '.' becomes '_'.
    static func fileStem(_ id: String) -> String {
        String(id.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
    }
}
