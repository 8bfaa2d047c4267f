import GeoKit
import XCTest

@testable import Shelterbelt

final class EnvelopeGridTests: XCTestCase {
    /// Every query finds exactly the envelopes that meet it, each once, as a scan of all of them does.
    func testQueryFindsWhatAScanFinds() {
        var random = SystemRandomNumberGenerator()
        let boxes = (0..<500).map { index -> Envelope in
            // A few large boxes among many small ones, and one empty.
            guard index != 7 else { return .empty }
            let (x, y) = (Double.random(in: 0..<1000, using: &random), Double.random(in: 0..<800, using: &random))
            let size = index % 50 == 0 ? 400.0 : Double.random(in: 0..<30, using: &random)
            return Envelope(minX: x, minY: y, maxX: x + size, maxY: y + size / 2)
        }
        let grid = EnvelopeGrid(boxes)
        for query in boxes.prefix(100) + [Envelope(minX: -50, minY: -50, maxX: 2000, maxY: 2000)] {
            let expected = boxes.indices.filter { !boxes[$0].isEmpty && boxes[$0].intersects(query) }
            XCTAssertEqual(grid.query(query).sorted(), query.isEmpty ? [] : expected)
        }
        XCTAssertEqual(grid.query(Envelope(minX: 5000, minY: 5000, maxX: 5001, maxY: 5001)), [])
    }
}
