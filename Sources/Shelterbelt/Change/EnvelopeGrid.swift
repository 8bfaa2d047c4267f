import GeoKit

/// A read-only index of envelopes that all workers share: a uniform grid whose cells list the envelopes they meet
/// (flat, in one array). It replaces one GEOS STR-tree per worker, which needed every BEFORE geometry parsed in
/// every worker's context; a worker now parses only the few BEFORE features a query returns.
struct EnvelopeGrid: Sendable {
    private let envelopes: [Envelope]
    private let origin: (x: Double, y: Double)
    private let cellSize: Double
    private let columns: Int
    private let rows: Int
    /// Items of cell c are `items[starts[c]..<starts[c + 1]]`.
    private let starts: [Int]
    private let items: [Int32]

    init(_ envelopes: [Envelope]) {
        self.envelopes = envelopes
        let extent = envelopes.reduce(Envelope.empty) { $0.union($1) }
        let width = extent.isEmpty ? 1 : max(extent.maxX - extent.minX, extent.maxY - extent.minY, 1e-9)
        // About one envelope per cell on average, at most 4096 cells a side.
        let side = min(4096, max(1, Int(Double(envelopes.count).squareRoot())))
        cellSize = width / Double(side)
        origin = extent.isEmpty ? (0, 0) : (extent.minX, extent.minY)
        columns = side
        rows = side
        var counts = [Int](repeating: 0, count: side * side + 1)
        for envelope in envelopes where !envelope.isEmpty {
            Self.visit(envelope, origin, cellSize, side, side) { counts[$0 + 1] += 1 }
        }
        for cell in 1..<counts.count { counts[cell] += counts[cell - 1] }
        var fill = counts
        var items = [Int32](repeating: 0, count: counts[side * side])
        for (index, envelope) in envelopes.enumerated() where !envelope.isEmpty {
            Self.visit(envelope, origin, cellSize, side, side) { cell in
                items[fill[cell]] = Int32(truncatingIfNeeded: index)
                fill[cell] += 1
            }
        }
        starts = counts
        self.items = items
    }

    /// Indexes of the envelopes that meet `query`, each once.
    func query(_ query: Envelope) -> [Int] {
        guard !query.isEmpty else { return [] }
        var found: [Int] = []
        Self.visit(query, origin, cellSize, columns, rows) { cell in
            for item in items[starts[cell]..<starts[cell + 1]] {
                let index = Int(item)
                let envelope = envelopes[index]
                guard envelope.intersects(query) else { continue }
                // Reported only from the cell holding the lower-left corner of the two envelopes' overlap.
                let corner = (x: max(envelope.minX, query.minX), y: max(envelope.minY, query.minY))
                if Self.cell(corner, origin, cellSize, columns, rows) == cell { found.append(index) }
            }
        }
        return found
    }

    private static func clamp(_ value: Double, _ count: Int) -> Int {
        value.isFinite ? min(count - 1, max(0, Int(value.rounded(.down)))) : 0
    }

    private static func cell(
        _ point: (x: Double, y: Double), _ origin: (x: Double, y: Double), _ size: Double, _ columns: Int, _ rows: Int
    ) -> Int {
        clamp((point.y - origin.y) / size, rows) * columns + clamp((point.x - origin.x) / size, columns)
    }

    private static func visit(
        _ envelope: Envelope, _ origin: (x: Double, y: Double), _ size: Double, _ columns: Int, _ rows: Int,
        _ body: (Int) -> Void
    ) {
        let (x0, x1) = (
            clamp((envelope.minX - origin.x) / size, columns), clamp((envelope.maxX - origin.x) / size, columns)
        )
        let (y0, y1) = (clamp((envelope.minY - origin.y) / size, rows), clamp((envelope.maxY - origin.y) / size, rows))
        for row in y0...y1 {
            for column in x0...x1 { body(row * columns + column) }
        }
    }
}
