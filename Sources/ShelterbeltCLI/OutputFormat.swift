import ArgumentParser

/// What a command can write. Each command has its own enum, so --help and argument-parser's error for any
/// other value list exactly the formats that command writes.
protocol OutputFormat: ExpressibleByArgument, CaseIterable, RawRepresentable<String> {
    /// The default: a text table for people.
    static var table: Self { get }
    /// One line for --help: the formats and what is special about them.
    static var help: String { get }
    /// Whether the format cannot go to standard output (a binary workbook).
    var needsFile: Bool { get }
}

extension OutputFormat {
    var needsFile: Bool { false }
}

/// `stats`: every format, an Excel workbook too.
enum StatsFormat: String, OutputFormat {
    case table, csv, json, geojson, xlsx

    static let help = "Output format (geojson: the zones with their figures; xlsx: an Excel workbook, needs -o)."
    var needsFile: Bool { self == .xlsx }
}

/// `change`: the matrices as a table or workbook, the transitions as long CSV or JSON.
enum ChangeFormat: String, OutputFormat {
    case table, csv, json, xlsx

    static let help = "Output format (csv: one row per zone and pair of classes; xlsx: an Excel workbook, needs -o)."
    var needsFile: Bool { self == .xlsx }
}

/// `targets` and `screen`: a table, CSV or JSON.
enum TableFormat: String, OutputFormat {
    case table, csv, json

    static let help = "Output format."
}

/// `layers`: a table or JSON.
enum LayersFormat: String, OutputFormat {
    case table, json

    static let help = "Output format."
}

/// `zonal`: a table, long CSV (one row per zone and class, or per zone), JSON or a workbook.
enum ZonalFormat: String, OutputFormat {
    case table, csv, json, xlsx

    static let help = "Output format (csv: one row per zone and class, or per zone; xlsx: a workbook, needs -o)."
    var needsFile: Bool { self == .xlsx }
}
