import GeoKit

/// The exact fraction of each cell of a window that a polygon covers: area(polygon ∩ cell) / area(cell).
///
/// Green's theorem per row strip, rather than exactextract's walk of each ring through the cells with a flood
/// fill: a point's winding number is the signed count of edges crossing the horizontal ray to its right, so
/// the covered area of a cell is what each edge piece in its row contributes — the area between the piece and
/// the cell's left side for the cell the piece lies in, the piece's full height for every cell to its left.
/// Pieces are added to two arrays per row and a suffix sum gives every cell: boundary cells cost their edges,
/// cells inside or outside O(1) each, and rows are computed a band at a time, so memory is bounded by the band.
/// Exact up to rounding (about 1e-15 per cell) for valid polygons of any winding, holes and parts included.
struct CellCoverage: Sendable {
    /// One ring in the window's cell coordinates (column, row, from the window's corner) with the sign that
    /// makes exteriors add and holes subtract whatever way the ring winds.
    struct Ring: Sendable {
        let points: [Point]
        let sign: Double
        /// The rows the ring spans, to skip it for bands it does not reach.
        let rows: ClosedRange<Double>
    }

    let window: CellWindow
    let rings: [Ring]

    /// Values this close to 0 are rounding error of cells no edge reaches (a row's pieces cancel to ~1e-16).
    static let roundingFloor = 1e-12

    /// `geometry` in the grid's CRS; `window` the cells to compute (those its envelope touches).
    init(_ geometry: Geometry, grid: RasterGrid, window: CellWindow) throws {
        self.window = window
        var rings: [Ring] = []
        let transform = grid.transform
        try geometry.forEachRing { ring, isHole in
            guard ring.count >= 4 else { return }
            let points = ring.map {
                Point(
                    x: transform.column($0.x) - Double(window.column), y: transform.row($0.y) - Double(window.row))
            }
            var winding = 0.0  // ∮ u dv, whose sign is the ring's orientation in cell coordinates
            for (a, b) in zip(points, points.dropFirst()) { winding += (a.x + b.x) * (b.y - a.y) }
            guard winding != 0, let low = points.map(\.y).min(), let high = points.map(\.y).max() else { return }
            rings.append(Ring(points: points, sign: (isHole ? -1 : 1) * (winding > 0 ? 1 : -1), rows: low...high))
        }
        self.rings = rings
    }

    /// The covered fraction of every cell of the window's rows `rows` (window-relative), row by row.
    func fractions(rows: Range<Int>) -> [Double] {
        let width = window.width
        var partial = [Double](repeating: 0, count: rows.count * width)
        // full[r·(width+1) + k]: height of edge pieces in cell k of row r, which every cell left of k is covered by.
        var full = [Double](repeating: 0, count: rows.count * (width + 1))
        let (top, bottom) = (Double(rows.lowerBound), Double(rows.upperBound))
        for ring in rings where ring.rows.upperBound > top && ring.rows.lowerBound < bottom {
            for (a, b) in zip(ring.points, ring.points.dropFirst()) where a.y != b.y {
                let low = max(min(a.y, b.y), top)
                let high = min(max(a.y, b.y), bottom)
                guard low < high else { continue }
                let direction = (b.y > a.y ? 1.0 : -1.0) * ring.sign
                let slope = (b.x - a.x) / (b.y - a.y)
                var row = Int(low.rounded(.down))
                while Double(row) < high {
                    let from = max(Double(row), low)
                    let to = min(Double(row + 1), high)
                    let index = row - rows.lowerBound
                    addPiece(
                        u0: a.x + (from - a.y) * slope, u1: a.x + (to - a.y) * slope, height: (to - from) * direction,
                        partial: &partial, partialStart: index * width, full: &full, fullStart: index * (width + 1))
                    row += 1
                }
            }
        }
        var fractions = partial
        for index in 0..<rows.count {
            var left = full[index * (width + 1) + width]
            for column in stride(from: width - 1, through: 0, by: -1) {
                let cell = index * width + column
                let value = partial[cell] + left
                fractions[cell] = value < Self.roundingFloor ? 0 : min(value, 1)
                left += full[index * (width + 1) + column]
            }
        }
        return fractions
    }

    /// One edge piece within a row, from column coordinate `u0` to `u1`, of signed `height`: split at the
    /// column lines it crosses, each part adds the area between it and its cell's left side to that cell.
    private func addPiece(
        u0: Double, u1: Double, height: Double, partial: inout [Double], partialStart: Int, full: inout [Double],
        fullStart: Int
    ) {
        let width = window.width
        let (left, right) = (min(u0, u1), max(u0, u1))
        guard right > 0 else { return }  // left of the window: covers none of its cells
        guard left < Double(width) else {  // right of the window: covers the row's cells entirely
            full[fullStart + width] += height
            return
        }
        let span = right - left
        func share(_ from: Double, _ to: Double) -> Double { span > 0 ? height * (to - from) / span : height }
        // The part left of the window covers none of its cells; the part right of it, the whole row.
        if right > Double(width) { full[fullStart + width] += share(Double(width), right) }
        let first = Int(max(left, 0).rounded(.down))
        let last = min(Int(right.rounded(.up)) - 1, width - 1)
        for column in first...max(first, last) {
            let from = max(left, Double(column))
            let to = min(right, Double(column + 1))
            guard to > from || span == 0 else { continue }
            let part = share(from, to)
            partial[partialStart + column] += ((from + to) / 2 - Double(column)) * part
            full[fullStart + column] += part
        }
    }
}
