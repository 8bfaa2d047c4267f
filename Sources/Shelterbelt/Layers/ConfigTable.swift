import Foundation
import TOMLKit

/// Typed reading of one table of a TOML configuration file (a layer manifest, a targets file),
/// with errors that say where: the file, the table (e.g. `[[layer]] 3 (id "kongdui")`), the key
/// and what is wrong. Keys it is not asked about are ignored, so files may carry notes of their own.
struct ConfigTable {
    let table: TOMLTable
    let file: String
    /// Where the table is, for messages; empty for the top level of the file.
    var place: String

    /// The top-level table of a TOML file.
    static func read(_ file: String) throws -> ConfigTable {
        InputFiles.register([file])
        let text = try UTF8TextFile.read(file)
        do {
            return ConfigTable(table: try TOMLTable(string: text), file: file, place: "")
        } catch let error as TOMLParseError {
            throw ShelterbeltError(
                .badInput, file: file,
                problem:
                    "is not valid TOML: \(error.description) "
                    + "(line \(error.source.begin.line), column \(error.source.begin.column))"
            )
        }
    }

    func error(_ key: String, _ problem: String, remedy: String? = nil) -> ShelterbeltError {
        Self.error(file: file, place: place, key: key, problem, remedy: remedy)
    }

    /// An error about a key, for checks made after reading (e.g. a target's scope feature, once the layer is read).
    static func error(file: String, place: String, key: String, _ problem: String, remedy: String? = nil)
        -> ShelterbeltError
    {
        ShelterbeltError(
            .badInput, file: file, problem: "\(place.isEmpty ? "" : place + ", ")key '\(key)': \(problem)",
            remedy: remedy)
    }

    private func value<T>(_ key: String, _ type: String, _ convert: (TOMLValueConvertible) -> T?) throws -> T? {
        guard let raw = table[key] else { return nil }
        guard let converted = convert(raw) else { throw error(key, "must be \(type), not a TOML \(raw.type)") }
        return converted
    }

    func optionalString(_ key: String) throws -> String? { try value(key, "a string") { $0.string } }

    /// A required string that is not empty.
    func string(_ key: String) throws -> String {
        guard let text = try optionalString(key) else { throw error(key, "is missing") }
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw error(key, "is empty") }
        return text
    }

    /// A number; TOML integers are accepted too (`86752` as well as `86752.0`).
    func double(_ key: String) throws -> Double? {
        try value(key, "a number") { $0.double ?? $0.int.map(Double.init) }
    }

    func int(_ key: String) throws -> Int? { try value(key, "an integer") { $0.int } }

    func bool(_ key: String) throws -> Bool? { try value(key, "true or false") { $0.bool } }

    func strings(_ key: String) throws -> [String]? {
        try value(key, "an array of strings") { raw -> [String]? in
            guard let items = raw.array?.map({ $0.string }), !items.contains(nil) else { return nil }
            return items.compactMap { $0 }
        }
    }

    /// A calendar date, written as a TOML date (`2025-12-31`) or a string (`"2025-12-31"`).
    func date(_ key: String) throws -> PlanDate? {
        guard let raw = table[key] else { return nil }
        if let date = raw.date { return PlanDate(year: date.year, month: date.month, day: date.day) }
        guard let text = raw.string, let date = PlanDate(text: text) else {
            throw error(key, "must be a date YYYY-MM-DD, not \(raw.debugDescription)")
        }
        return date
    }

    /// The keys the table holds, for tables whose keys are data (a mapping file's field names and codes).
    var keys: [String] { table.keys }

    /// A table inside the top level or another such table, placed as its header (`[fields]`, `[values.treatment]`)
    /// in messages; nil when absent.
    func subtable(_ key: String) throws -> ConfigTable? {
        guard let raw = table[key] else { return nil }
        guard let inner = raw.table else { throw error(key, "must be a table ([\(key)])") }
        let parent = place.isEmpty ? "" : place.dropFirst().dropLast() + "."
        return ConfigTable(table: inner, file: file, place: "[\(parent)\(key)]")
    }

    /// The tables of an array of tables (`[[layer]]`), each placed as `[[layer]] n` (counting from 1).
    func tables(_ key: String) throws -> [ConfigTable] {
        guard let raw = table[key] else { return [] }
        guard let array = raw.array else { throw error(key, "must be an array of tables ([[\(key)]])") }
        return try array.enumerated().map { index, item in
            guard let table = item.table else { throw error(key, "item \(index + 1) is not a table") }
            return ConfigTable(table: table, file: file, place: "[[\(key)]] \(index + 1)")
        }
    }

    /// The same table, now named by its id in messages.
    func identified(_ id: String) -> ConfigTable {
        ConfigTable(table: table, file: file, place: place + " (id \"\(id)\")")
    }
}
