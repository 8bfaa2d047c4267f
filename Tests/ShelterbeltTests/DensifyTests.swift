import GeoKit
import XCTest
@testable import Shelterbelt

/// Densification cuts long edges into equal parts, and a shared edge stored in opposite directions by two
/// neighbours gets the very same points (else a partition would overlap by slivers of rounding error).
final class DensifyTests: XCTestCase {
    func testLongEdgesAreCutIntoEqualPartsAndShortOnesKept() {
        let ring = [Point(x: 0, y: 0), Point(x: 250, y: 0), Point(x: 250, y: 50), Point(x: 0, y: 0)]
        let dense = Densify.ring(ring, step: 100)
        XCTAssertEqual(
            Array(dense.prefix(4)),
            [Point(x: 0, y: 0), Point(x: 250.0 / 3, y: 0), Point(x: 500.0 / 3, y: 0), Point(x: 250, y: 0)])
        XCTAssertEqual(dense[4], Point(x: 250, y: 50))  // a 50 m edge stays as it is
        XCTAssertEqual(dense.count, 4 + 1 + 2 + 1)  // the 255 m diagonal back gets two points
    }

    func testASharedEdgeGetsTheSamePointsWhicheverWayItRuns() {
        let a = Point(x: 109.123456789, y: 39.987654321), b = Point(x: 109.456789123, y: 39.123456789)
        let there = Densify.ring([a, b], step: 0.0009)
        let back = Densify.ring([b, a], step: 0.0009)
        XCTAssertGreaterThan(there.count, 900)
        XCTAssertEqual(there, back.reversed())
    }
}
