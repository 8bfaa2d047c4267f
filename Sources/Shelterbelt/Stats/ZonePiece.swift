import GeoKit

/// A zone cut into small pieces, each the part of the zone inside one cell of a recursive grid,
/// so an overlay touches a few hundred vertices instead of the whole zone boundary
/// (the idea of PostGIS's ST_Subdivide).
struct ZonePiece: Sendable {
    let zone: Int
    /// The grid cell; cells of one zone do not overlap.
    let cell: Envelope
    let wkb: [UInt8]
    /// The piece is its whole cell: anything inside the cell is inside the zone, no test needed.
    let fillsCell: Bool

    static let maxPoints = 200

    /// Pieces of `zone` (numbered `index`), cut until each has at most `maxPoints` coordinates.
    static func subdivide(_ zone: Geometry, index: Int) throws -> [ZonePiece] {
        var pieces: [ZonePiece] = []
        func split(_ part: Geometry, _ cell: Envelope, depth: Int) throws {
            guard try !part.isEmpty else { return }
            guard try part.pointCount > maxPoints, depth < 24 else {
                let cellArea = (cell.maxX - cell.minX) * (cell.maxY - cell.minY)
                let fills =
                    try part.kind == .polygon && part.polygons.first?.holes.isEmpty == true
                    && abs(part.planarArea - cellArea) <= cellArea * 1e-12
                pieces.append(ZonePiece(zone: index, cell: cell, wkb: part.wkb, fillsCell: fills))
                return
            }
            let halves: [Envelope]
            if cell.maxX - cell.minX >= cell.maxY - cell.minY {
                let middle = (cell.minX + cell.maxX) / 2
                halves = [
                    Envelope(minX: cell.minX, minY: cell.minY, maxX: middle, maxY: cell.maxY),
                    Envelope(minX: middle, minY: cell.minY, maxX: cell.maxX, maxY: cell.maxY),
                ]
            } else {
                let middle = (cell.minY + cell.maxY) / 2
                halves = [
                    Envelope(minX: cell.minX, minY: cell.minY, maxX: cell.maxX, maxY: middle),
                    Envelope(minX: cell.minX, minY: middle, maxX: cell.maxX, maxY: cell.maxY),
                ]
            }
            for half in halves {
                var piece = try part.clipped(to: half).polygonalPart()
                // The rectangle clipper keeps valid input valid, but a piece is small enough to check.
                if try !piece.isValid { piece = try piece.makeValid().polygonalPart() }
                try split(piece, half, depth: depth + 1)
            }
        }
        try split(zone, try zone.envelope, depth: 0)
        return pieces
    }
}
