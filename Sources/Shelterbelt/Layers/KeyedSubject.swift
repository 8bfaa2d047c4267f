import Foundation

/// The subject layer as one `stats` run for targets reads it.
///
/// The engine splits areas by the values of one field. A target that counts only patches of some
/// treatment *and* of some years needs two. Then the subject is read through an OGR VRT whose SQL adds
/// a field joining both, `<value>|<year>`, so that one run still yields the area of every (value, year)
/// pair and each target sums the pairs it counts. The VRT is a temporary file, removed by `remove()`.
struct KeyedSubject {
    let source: LayerSource
    /// The field the engine splits by; nil when every patch counts whenever it was treated.
    let byField: String?
    let yearField: String?
    private let subject: LayerSource
    private let temporaryFile: String?

    /// `targetsFile` is named in errors about the fields, e.g. "has no field 'landuse' (count_field in targets.toml)".
    init(_ subject: LayerSource, countField: String?, yearField: String?, targetsFile: String) throws {
        self.subject = subject
        self.yearField = yearField
        let opened = try subject.open()
        if let countField { _ = try opened.field(countField, option: "count_field in \(targetsFile)") }
        guard let yearField else {
            (source, byField, temporaryFile) = (subject, countField, nil)
            return
        }
        _ = try opened.field(yearField, option: "year_field in \(targetsFile)")
        let key = (countField.map { "\($0)|" } ?? "|") + yearField
        let value = countField.map { "CAST(\(Self.quoted($0)) AS character(254))" } ?? "''"
        let year = "CAST(\(Self.quoted(yearField)) AS character(32))"
        let sql = "SELECT *, CONCAT(\(value), '|', \(year)) AS \(Self.quoted(key)) FROM \(Self.quoted(opened.name))"
        let options =
            subject.encoding.map {
                "<OpenOptions><OOI key=\"ENCODING\">\(Self.xml(LayerSource.iconvName($0)))</OOI></OpenOptions>"
            } ?? ""
        let vrt = """
            <OGRVRTDataSource><OGRVRTLayer name="\(Self.xml(opened.name))">\
            <SrcDataSource>\(Self.xml(URL(fileURLWithPath: subject.path).path))</SrcDataSource>\(options)\
            <SrcSQL dialect="OGRSQL">\(Self.xml(sql))</SrcSQL></OGRVRTLayer></OGRVRTDataSource>
            """
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("shelterbelt-\(UUID().uuidString).vrt")
            .path
        try AtomicFile.write(vrt, to: file)
        // The same subject read through the VRT: its CRS option, role and skip rule carry over;
        // layer and encoding are in the VRT.
        var derived = subject
        (derived.path, derived.layer, derived.encoding) = (file, nil, nil)
        source = derived
        byField = key
        temporaryFile = file
    }

    /// The counted value and the year of a split key (the value alone when there is no year field), in the
    /// layer set's vocabulary: each translated by `mapping` for the target's own field names.
    func decode(_ key: String, for target: Target, mapping: FieldMapping) -> (value: String, year: Int?) {
        let bar = yearField == nil ? nil : key.lastIndex(of: "|")
        let value = bar.map { String(key[..<$0]) } ?? key
        let yearText = bar.map { key[key.index(after: $0)...].trimmingCharacters(in: .whitespaces) }
        let translatedYear = yearText.map { text in target.yearField.map { mapping.value(text, of: $0) } ?? text }
        // Int(exactly:) gives nil, not a trap, for a year field holding 1e30 or NaN.
        let year = translatedYear.flatMap(Double.init).flatMap { Int(exactly: $0.rounded()) }
        return (target.countField.map { mapping.value(value, of: $0) } ?? value, year)
    }

    /// Runs the engine; errors about the VRT are reported against the subject the user named.
    func run(_ request: StatsRequest) throws -> StatsResult {
        do { return try StatsEngine.run(request) } catch var error as ShelterbeltError
            where temporaryFile != nil && error.file == temporaryFile
        {
            error.file = subject.path
            throw error
        }
    }

    func remove() {
        if let temporaryFile { try? FileManager.default.removeItem(atPath: temporaryFile) }
    }

    private static func quoted(_ identifier: String) -> String { "\"" + identifier + "\"" }

    private static func xml(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
