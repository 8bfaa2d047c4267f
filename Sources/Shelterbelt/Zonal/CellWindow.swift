import GeoKit

/// A rectangle of raster cells: `width` × `height` cells from (`column`, `row`), row 0 at the top.
public struct CellWindow: Sendable, Equatable {
    public var column, row, width, height: Int

    public var isEmpty: Bool { width <= 0 || height <= 0 }
    public var cellCount: Int { isEmpty ? 0 : width * height }
}

/// Where a raster's cells lie: its north-up geotransform and its size in cells.
public struct RasterGrid: Sendable, Equatable {
    public let transform: GeoTransform
    public let width, height: Int

    public init(transform: GeoTransform, width: Int, height: Int) {
        (self.transform, self.width, self.height) = (transform, width, height)
    }

    /// The cells an envelope touches, within the raster; empty when it lies outside.
    public func window(covering envelope: Envelope) -> CellWindow {
        let columns = [transform.column(envelope.minX), transform.column(envelope.maxX)]
        let rows = [transform.row(envelope.minY), transform.row(envelope.maxY)]
        func span(_ values: [Double], limit: Int) -> (Int, Int) {
            guard let low = values.min(), let high = values.max(), low.isFinite, high.isFinite else { return (0, 0) }
            let first = Int(max(0, min(Double(limit), low.rounded(.down))))
            let last = Int(max(0, min(Double(limit), high.rounded(.up))))
            return (first, last)
        }
        let (left, right) = span(columns, limit: width)
        let (top, bottom) = span(rows, limit: height)
        return CellWindow(column: left, row: top, width: right - left, height: bottom - top)
    }
}
