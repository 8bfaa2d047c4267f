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

    /// One rule of decimals per unit: `stats` and the report's area columns print a zone's area alike, in every
    /// unit (m² was 2 decimals in one and 1 in the other), and a square metre stays visible.
    func testStatsAndTheReportPrintAnAreaWithTheSameDecimals() throws {
        let result = try Fixtures.stats("square_split.geojson")
        let zone = try XCTUnwrap(result.rows.first { $0.key == nil && $0.scope != .outside && $0.scope != .total })
        for unit in AreaUnit.allCases {
            let kind = ReportBuilder.areaColumn("area", "面积", "Area", unit).kind
            let shown = ReportFormat.plain(ReportFormat.rounded(.number(unit.fromSquareMetres(zone.area)), kind), kind)
            XCTAssertEqual(StatsReport(result, unit: unit).amount(zone.area), shown, "\(unit)")
            XCTAssertNotEqual(
                ReportFormat.plain(ReportFormat.rounded(.number(unit.fromSquareMetres(1)), kind), kind),
                String(format: "%.\(unit.decimals)f", 0.0), "1 m² in \(unit)")
        }
        let m2 = StatsReport(result, unit: .m2).amount(zone.area)
        XCTAssertEqual(m2.split(separator: ".").last?.count, 1, m2)
    }
}
