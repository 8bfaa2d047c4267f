import XCTest
@testable import Shelterbelt

final class UnitTests: XCTestCase {
    func testMuAndWanMu() {
        XCTAssertEqual(AreaUnit.mu.squareMetres * 15, 10_000, accuracy: 1e-9)
        XCTAssertEqual(AreaUnit.wanMu.toSquareMetres(1), 10_000 * 10_000 / 15, accuracy: 1e-6)
        // 386.6 万亩 of afforestation is 2 577.33 km² (386.6e4 × 666.67 m²).
        XCTAssertEqual(AreaUnit.km2.fromSquareMetres(AreaUnit.wanMu.toSquareMetres(386.6)), 2577.3333, accuracy: 1e-4)
        XCTAssertEqual(AreaUnit.ha.fromSquareMetres(AreaUnit.mu.toSquareMetres(15)), 1, accuracy: 1e-12)
    }

    func testUnitNamesFromPlansAndCommandLine() {
        XCTAssertEqual(AreaUnit(text: "万亩"), .wanMu)
        XCTAssertEqual(AreaUnit(text: "平方公里"), .km2)
        XCTAssertEqual(AreaUnit(text: "mu"), .mu)
        XCTAssertNil(AreaUnit(text: "acre"))
    }
}
