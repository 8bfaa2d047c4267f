/// A piece of land whose class changed between the two dates, in one zone: what `--changes` writes. Held as WKB
/// in the working CRS, since pieces cross from the workers to the thread that writes them.
struct ChangedPiece: Sendable {
    /// The AFTER feature the piece is part of: an overlap inside AFTER is taken out of it by this id.
    let afterId: Int64
    var wkb: [UInt8]
    let before: String
    let after: String
    /// A zone by index, `CellKey.outside`, or `CellKey.total` when the run has no zones.
    let zone: Int
    var area: Double
}
