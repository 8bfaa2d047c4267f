import GeoKit

/// Measures AFTER features against the BEFORE layer on one thread. It owns a feature cleaner (its GEOS context
/// and PROJ transformation) and the zones; BEFORE is shared by all workers, and the few BEFORE features an AFTER
/// feature meets are parsed here, in this worker's context. Nothing of it crosses threads.
final class ChangeWorker {
    let cleaner: FeatureCleaner
    private let split: ZoneSplit
    private let before: BeforeLayer

    init(before layer: BeforeLayer, zones: ZoneSet?, cleaner: FeatureCleaner, method: AreaMethod, edges: EdgeRule)
        throws
    {
        self.cleaner = cleaner
        split = try ZoneSplit(zones: zones, cleaner: cleaner, method: method, edges: edges)
        before = layer
    }

    /// Adds this worker's share of the BEFORE features (every `count`-th from `index`) to the before side of
    /// the tally: the matrix's row totals, the "not in AFTER" cells included.
    func addBefore(share index: Int, of count: Int, to tally: inout ChangeTally) throws {
        for at in stride(from: index, to: before.wkb.count, by: count) {
            let geometry = try Geometry(wkb: before.wkb[at], context: cleaner.context)
            tally.addBefore(try split.split(geometry), class: before.classes[at])
        }
    }

    /// Adds an AFTER feature of class `key`: its area, and the area it shares with each BEFORE feature, per
    /// scope. With `sign` -1 it takes them out again (the part an earlier AFTER feature already counted).
    /// BEFORE features do not overlap one another (`BeforeLayer`), so a feature inside one meets no other.
    /// `covers`, not `containsProperly`: the same polygon in both layers (most of a survey) needs no overlay.
    /// With `changes`, every piece whose class changed is kept there too, cut along the zones.
    func add(
        _ geometry: Geometry, id: Int64, class key: String, sign: Double = 1, to tally: inout ChangeTally,
        changes: inout [ChangedPiece]?
    ) throws {
        let whole = try split.split(geometry)
        tally.addAfter(whole, class: key, sign: sign)
        let envelope = try geometry.envelope
        let near = before.grid.query(envelope)
        guard !near.isEmpty else { return }
        let shape = try PreparedGeometry(geometry)
        let classes = before.classes
        for index in near {
            let other = try Geometry(wkb: before.wkb[index], context: cleaner.context)
            let shared: Distribution
            let piece: Geometry
            if before.envelopes[index].contains(envelope), try PreparedGeometry(other).covers(geometry) {
                tally.addShared(whole, before: classes[index], after: key, sign: sign)
                tally.contained += 1
                try keep(geometry, whole, id: id, before: classes[index], after: key, in: &changes)
                return
            } else if try shape.covers(other) {
                (piece, shared) = (other, try split.split(other, of: whole))
                tally.contained += 1
            } else if try shape.intersects(other) {
                piece = try geometry.intersection(other).polygonalPart()
                tally.intersected += 1
                guard try !piece.isEmpty else { continue }
                shared = try split.split(piece, of: whole)
            } else {
                continue
            }
            tally.addShared(shared, before: classes[index], after: key, sign: sign)
            try keep(piece, shared, id: id, before: classes[index], after: key, in: &changes)
        }
    }

    private func keep(
        _ piece: Geometry, _ shared: Distribution, id: Int64, before: String, after: String,
        in changes: inout [ChangedPiece]?
    ) throws {
        guard changes != nil, before != after else { return }
        for part in try split.parts(piece, shared) {
            changes?.append(
                ChangedPiece(
                    afterId: id, wkb: part.shape.wkb, before: before, after: after, zone: part.zone, area: part.area))
        }
    }
}
