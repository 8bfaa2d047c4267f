import Foundation
import GeoKit

/// The patches map at a city's scale: patch areas summed per class into square cells of the map's pixel
/// grid, each cell drawn in the colour of the class with the most area in it. A patch of a few hundred
/// metres is a pixel or less on a 720-pixel map of a city, so the picture is the one drawing every patch
/// would give, and the page holds one rectangle per run of like cells instead of a path per patch.
struct PatchGrid: Sendable {
    /// Cell side in map pixels: a lone patch shows as a dot this wide, as the 2-pixel stroke drew it before.
    static let cellPixels = 2.0

    let bbox: Envelope
    let columns: Int
    let rows: Int
    /// Degrees of longitude and of latitude per cell.
    let cellWidth: Double
    let cellHeight: Double
    /// Area in m² per cell (row × columns + column) and class.
    private(set) var cells: [Int: [String: Double]] = [:]
    /// Every class seen, also of patches outside the map.
    private(set) var classes: Set<String> = []

    /// The grid over a map frame: its lon/lat box, width in pixels, and mid latitude, whose cosine
    /// makes a degree of longitude that many pixels narrower than one of latitude.
    init(frame: MapFrame) {
        bbox = frame.bbox
        let pixelWidth = (bbox.maxX - bbox.minX) / Double(frame.width)
        cellWidth = pixelWidth * Self.cellPixels
        cellHeight = pixelWidth * cos(frame.midLatitude * .pi / 180) * Self.cellPixels
        columns = max(1, Int(((bbox.maxX - bbox.minX) / cellWidth).rounded(.up)))
        rows = max(1, Int(((bbox.maxY - bbox.minY) / cellHeight).rounded(.up)))
    }

    /// Adds a patch by its lon/lat envelope: its area is shared evenly by the cells the envelope meets.
    mutating func add(_ envelope: Envelope, area: Double, class key: String) {
        classes.insert(key)
        guard !envelope.isEmpty, area > 0 else { return }
        let first = (column: column(envelope.minX), row: row(envelope.maxY))
        let last = (column: column(envelope.maxX), row: row(envelope.minY))
        let left = max(first.column, 0), right = min(last.column, columns - 1)
        let top = max(first.row, 0), bottom = min(last.row, rows - 1)
        guard left <= right, top <= bottom else { return }
        let share = area / Double((last.column - first.column + 1) * (last.row - first.row + 1))
        for row in top...bottom {
            for column in left...right { cells[row * columns + column, default: [:]][key, default: 0] += share }
        }
    }

    mutating func merge(_ other: PatchGrid) {
        classes.formUnion(other.classes)
        for (cell, areas) in other.cells {
            for (key, area) in areas { cells[cell, default: [:]][key, default: 0] += area }
        }
    }

    private func column(_ lon: Double) -> Int { Int(((lon - bbox.minX) / cellWidth).rounded(.down)) }
    private func row(_ lat: Double) -> Int { Int(((bbox.maxY - lat) / cellHeight).rounded(.down)) }

    /// Each class's cells as lon/lat rectangles (WKB), one per run of neighbouring cells in a row that the
    /// class dominates (ties go to the first class in sorted order).
    func runs(context: GEOSContext) throws -> [String: [[UInt8]]] {
        var runs: [String: [[UInt8]]] = [:]
        for row in 0..<rows {
            var run: (key: String, start: Int)?
            for column in 0...columns {
                let key = column < columns ? dominant(row * columns + column) : nil
                if let open = run, open.key != key {
                    let box = Envelope(
                        minX: bbox.minX + Double(open.start) * cellWidth,
                        minY: bbox.maxY - Double(row + 1) * cellHeight,
                        maxX: bbox.minX + Double(column) * cellWidth, maxY: bbox.maxY - Double(row) * cellHeight)
                    runs[open.key, default: []].append(try Geometry.rectangle(box, context: context).wkb)
                    run = nil
                }
                if run == nil, let key { run = (key, column) }
            }
        }
        return runs
    }

    private func dominant(_ cell: Int) -> String? {
        cells[cell]?.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
    }
}
