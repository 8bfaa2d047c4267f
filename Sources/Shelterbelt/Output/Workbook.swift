import GeoKit

/// An Excel workbook written through GDAL's XLSX driver: one sheet per table, typed cells, written to
/// a temporary file and renamed into place (or copied to stdout, a device or a pipe). The driver writes a
/// string field as a shared string (`t="s"`) and never a formula, so a name such as `=HYPERLINK(…)` stays
/// text (HostileReportTests reads the sheet XML).
enum Workbook {
    struct Sheet {
        let name: String
        let fields: [FieldDefinition]
        let rows: [[FieldValue]]
    }

    static func write(_ sheets: [Sheet], to path: String) throws {
        try AtomicFile.write(to: path, fileExtension: "xlsx") { temporary in
            do {
                let writer = try VectorWriter(path: temporary, driver: "XLSX")
                for sheet in sheets {
                    let layer = try writer.createLayer(sheet.name, fields: sheet.fields)
                    for row in sheet.rows { try layer.add(row) }
                }
                try writer.close()
            } catch let error as GDALError {
                throw ShelterbeltError(
                    .cannotWriteOutput, file: path, problem: "the workbook cannot be written: \(error.message)")
            }
        }
    }
}
