import Foundation
import GeoKit

/// The true ground area of raster cells in m², on GRS80 (CGCS2000's ellipsoid), so that class areas agree with
/// the vector figures of `stats` for the same ground.
///
/// A lon/lat cell is bounded by two meridians and two parallels (not geodesics): its area is exact in closed
/// form and the same for every cell of a row. A projected cell is the quadrilateral of its four corners taken
/// to lon/lat, measured geodesically: a Gauss-Krüger cell is not its nominal size far from the central meridian.
/// Not thread safe (a projected grid holds a PROJ transformation): one per thread.
struct CellArea {
    let grid: RasterGrid
    /// Raster CRS → CGCS2000 lon/lat; nil for a lon/lat raster.
    let toLonLat: CoordinateTransform?
    private let geodesic = Geodesic(.grs80)

    /// The area of each cell of `row` from `columns`, in m².
    func areas(row: Int, columns: Range<Int>) throws -> [Double] {
        let transform = grid.transform
        guard let toLonLat else {
            let north = transform.y(Double(row))
            let south = transform.y(Double(row + 1))
            let area = Self.lonLatCell(
                south: min(south, north), north: max(south, north), width: abs(transform.cellWidth))
            return [Double](repeating: area, count: columns.count)
        }
        let edges = [Double(row), Double(row + 1)].map { y in
            (columns.lowerBound...columns.upperBound).map {
                Point(x: transform.x(Double($0)), y: transform.y(y))
            }
        }
        var corners = edges[0] + edges[1]
        guard toLonLat.apply(&corners) else {
            throw ShelterbeltError(
                .badInput, problem: "raster row \(row) has cells whose corners cannot be taken to longitude/latitude",
                remedy: "check the raster's CRS (gdalinfo)")
        }
        let (top, bottom) = (corners[0...columns.count], corners[(columns.count + 1)...])
        return (0..<columns.count).map { index in
            let a = top.startIndex + index
            let b = bottom.startIndex + index
            return geodesic.ringArea([top[a], top[a + 1], bottom[b + 1], bottom[b], top[a]])
        }
    }

    static let ellipsoid = Ellipsoid.grs80

    /// The area in m² between the parallels `south` and `north` over `width` degrees of longitude:
    /// Δλ · b² · (f(φ₂) − f(φ₁)), f(φ) = sin φ / (2(1 − e² sin² φ)) + atanh(e sin φ) / (2e), the integral of the
    /// ellipsoid's area element (b² times the authalic function q/(2(1 − e²))).
    static func lonLatCell(south: Double, north: Double, width: Double) -> Double {
        let a = ellipsoid.semiMajorAxis
        let f = ellipsoid.flattening
        let e2 = f * (2 - f)
        let e = e2.squareRoot()
        let b2 = a * a * (1 - e2)
        func zone(_ latitude: Double) -> Double {
            let s = sin(latitude * .pi / 180)
            return s / (2 * (1 - e2 * s * s)) + atanh(e * s) / (2 * e)
        }
        return width * .pi / 180 * b2 * (zone(north) - zone(south))
    }
}
