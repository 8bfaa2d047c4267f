import Foundation

/// How a bureau's subject layer maps onto the layer set's vocabulary: the field names its targets use
/// (`treatment`, `year`, `landuse`) to the subject's own (`CSLX`, `ND`, `DLBM`), and the bureau's codes to the
/// vocabulary's values (`01` → `人工造林`). Without a mapping every name and value stands for itself.
///
/// A mapping file holds the same in TOML:
///
/// ```toml
/// [fields]
/// treatment = "CSLX"
/// year = "ND"
///
/// [values.treatment]
/// "01" = "人工造林"
/// "02" = "封沙育林"
/// ```
public struct FieldMapping: Sendable, Equatable {
    /// Vocabulary field → the subject's field.
    public private(set) var fields: [String: String] = [:]
    /// Vocabulary field → (the bureau's code → the vocabulary's value).
    public private(set) var values: [String: [String: String]] = [:]

    public init() {}

    /// Reads a mapping file (`[fields]` and `[values.FIELD]` tables of strings).
    public static func load(_ file: String) throws -> FieldMapping {
        let top = try ConfigTable.read(file)
        var mapping = FieldMapping()
        if let fields = try top.subtable("fields") {
            for name in fields.keys { mapping.fields[name] = try fields.string(name) }
        }
        if let values = try top.subtable("values") {
            for name in values.keys {
                guard let codes = try values.subtable(name) else { continue }
                for code in codes.keys { mapping.values[name, default: [:]][code] = try codes.string(code) }
            }
        }
        return mapping
    }

    /// Adds `NAME=FIELD` (`treatment=CSLX`), as given to `--field`; later ones win.
    public mutating func mapField(_ argument: String) throws {
        guard let (name, field) = Self.split(argument, at: "="), !name.contains(":") else {
            throw ShelterbeltError.usage(
                "--field '\(argument)' is not NAME=FIELD (e.g. --field treatment=CSLX: the layer set's field "
                    + "name, then the subject's)")
        }
        fields[name] = field
    }

    /// Adds `NAME:CODE=VALUE` (`treatment:01=人工造林`), as given to `--value`; later ones win.
    public mutating func mapValue(_ argument: String) throws {
        guard let (left, value) = Self.split(argument, at: "="), let (name, code) = Self.split(left, at: ":") else {
            throw ShelterbeltError.usage(
                "--value '\(argument)' is not NAME:CODE=VALUE (e.g. --value treatment:01=人工造林: the layer set's "
                    + "field name, the subject's code, the layer set's value)")
        }
        values[name, default: [:]][code] = value
    }

    /// `a<separator>b` with both sides non-empty, split at the first separator.
    private static func split(_ text: String, at separator: Character) -> (String, String)? {
        guard let index = text.firstIndex(of: separator) else { return nil }
        let (left, right) = (String(text[..<index]), String(text[text.index(after: index)...]))
        return left.isEmpty || right.isEmpty ? nil : (left, right)
    }

    /// The subject's field standing for a vocabulary field (the name itself when it is not mapped).
    public func subjectField(_ name: String) -> String { fields[name] ?? name }

    /// A vocabulary field as the engine reads it: the subject's field, each code counted as the value it stands for.
    func classField(_ name: String) -> ClassField { ClassField(name: subjectField(name), classes: values[name] ?? [:]) }

    /// Checks the mapping against the names the targets use and the subject's fields, before anything is
    /// measured: a name the targets do not use is a typo, and a mapped field must be one of the subject's.
    func check(vocabulary: Set<String>, subject: OpenedLayer) throws {
        let known = vocabulary.sorted().joined(separator: ", ")
        for name in Set(fields.keys).union(values.keys).sorted() where !vocabulary.contains(name) {
            throw ShelterbeltError(
                .usage, problem: "'\(name)' (--field, --value or mapping file) is not a field name the targets use",
                remedy: "map one of: \(known)")
        }
        for (name, field) in fields.sorted(by: { $0.key < $1.key }) {
            _ = try subject.field(field, option: "mapped from '\(name)' by --field \(name)=\(field)")
        }
    }
}
