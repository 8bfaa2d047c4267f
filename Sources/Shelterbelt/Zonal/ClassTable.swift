/// What the values of a land-cover raster mean (`--classes FILE`): a name in Chinese and English for each class
/// value, and groups of classes reported as one (林地 forest = 有林地 + 灌木林地 …), e.g.
///
///     [classes]
///     2 = { name_zh = "有林地", name_en = "woodland" }
///     3 = { name_zh = "灌木林地", name_en = "shrubland" }
///     [groups]
///     forest = { name_zh = "林地", name_en = "forest", classes = [2, 3] }
///     bare = [7, 8]
///
/// A group is a table with its names, or just the array of its classes (then named by its key). Groups are
/// listed in the order of their keys (TOML tables keep none).
public struct ClassTable: Sendable, Equatable {
    public struct Names: Sendable, Equatable {
        public var zh: String?
        public var en: String?

        /// Both names, Chinese first, for tables and notes.
        public var text: String { [zh, en].compactMap { $0 }.joined(separator: " ") }
    }

    public struct Group: Sendable, Equatable {
        public let key: String
        public let names: Names
        public let classes: [Int]
    }

    public let file: String
    public let names: [Int: Names]
    public let groups: [Group]

    public static func load(_ file: String) throws -> ClassTable {
        let top = try ConfigTable.read(file)
        var names: [Int: Names] = [:]
        if let classes = try top.subtable("classes") {
            for key in classes.keys {
                guard let value = Int(key) else {
                    throw classes.error(key, "is not a class value: the keys of [classes] are the raster's integers")
                }
                guard let entry = try classes.subtable(key) else { continue }
                names[value] = try Self.names(entry, required: true)
            }
        }
        var groups: [Group] = []
        if let table = try top.subtable("groups") {
            for key in table.keys.sorted() {
                guard Int(key) == nil else {
                    throw table.error(
                        key, "is a number, which the class rows already show",
                        remedy: "name the group with a word, e.g. forest = [2, 3]")
                }
                // The short form `forest = [2, 3]`, or a table with names and `classes`.
                let entry = table.table[key]?.array != nil ? nil : try table.subtable(key)
                let members = try entry.map { try $0.ints("classes") } ?? table.ints(key)
                guard let members, !members.isEmpty else {
                    throw (entry ?? table).error(
                        entry == nil ? key : "classes", "is missing or empty: a group lists the class values it holds")
                }
                groups.append(
                    Group(
                        key: key, names: try entry.map { try Self.names($0, required: false) } ?? Names(),
                        classes: members))
            }
        }
        return ClassTable(file: file, names: names, groups: groups)
    }

    /// A class's or group's names; a class needs one of them, or its entry says nothing.
    private static func names(_ entry: ConfigTable, required: Bool) throws -> Names {
        let names = Names(zh: try entry.optionalString("name_zh"), en: try entry.optionalString("name_en"))
        if required, names.zh == nil, names.en == nil {
            throw entry.error("name_zh", "is missing, and so is name_en: a class is given a name in either")
        }
        return names
    }
}
