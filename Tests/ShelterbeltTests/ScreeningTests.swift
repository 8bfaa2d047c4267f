import Foundation
import GeoKit
import XCTest
@testable import Shelterbelt

/// `shelterbelt screen` on hand-made sites and constraints (Tests/Fixtures/screening, made by
/// Scripts/make_screening_fixtures.py) against pyproj/GeographicLib reference values.
final class ScreeningTests: XCTestCase {
    static let rules = Fixtures.path("screening/screening-rules.toml")

    /// expected.json: `values` (edges straight in each layer's CRS, the default) and `values_geodesic_edges`.
    static let expected: [EdgeRule: [String: Double]] = {
        let data = try! Data(contentsOf: URL(fileURLWithPath: Fixtures.path("screening/expected.json")))
        let object = try! JSONSerialization.jsonObject(with: data) as! [String: Any]
        return [
            .straight: object["values"] as! [String: Double],
            .geodesic: object["values_geodesic_edges"] as! [String: Double],
        ]
    }()

    static func value(_ key: String, edges: EdgeRule = .straight) -> Double {
        guard let value = expected[edges]?[key] else { fatalError("expected.json has no \(key) for \(edges) edges") }
        return value
    }

    func screen(
        _ sites: String, rules: String = ScreeningTests.rules, buffer: Double? = nil, values: [String: String] = [:],
        threads: Int = 2
    ) throws -> ScreeningResult {
        try SiteScreener.run(
            ScreeningRequest(
                sites: LayerSource(path: Fixtures.path("screening/\(sites)")), rulesPath: rules,
                pointBufferM: buffer, siteValues: values, threads: threads))
    }

    func site(_ result: ScreeningResult, _ id: String, file: StaticString = #filePath, line: UInt = #line) throws
        -> SiteResult
    {
        try XCTUnwrap(result.result(id), "no site \(id)", file: file, line: line)
    }

    lazy var sites: ScreeningResult = try! screen("sites.geojson")

    func testPVInsideThePilotRedLineIsConditionalAMineIsForbidden() throws {
        let pv = try site(sites, "PV-PILOT")
        XCTAssertEqual(pv.verdict, .flagged(.conditional))
        XCTAssertEqual(pv.findings.count, 1)
        XCTAssertEqual(pv.findings[0].featureID, "RL-KBQ")
        XCTAssertTrue(pv.findings[0].downgraded)
        XCTAssertEqual(pv.findings[0].relation, .overlap)
        XCTAssertRelative(pv.findings[0].overlapM2, Self.value("site.PV-PILOT.area"), 1e-9)
        XCTAssertRelative(pv.findings[0].share, 1, 1e-12)
        let mine = try site(sites, "MINE-PILOT")
        XCTAssertEqual(mine.verdict, .flagged(.forbidden))
        XCTAssertFalse(mine.findings[0].downgraded)
        // PV in a red line that is not a pilot area stays forbidden.
        XCTAssertEqual(try site(sites, "PV-HJ").verdict, .flagged(.forbidden))
    }

    func testASiteFarFromEverythingIsClear() throws {
        let far = try site(sites, "FAR")
        XCTAssertEqual(far.verdict, .clear)
        XCTAssertTrue(far.findings.isEmpty)
        XCTAssertRelative(far.areaM2, Self.value("site.FAR.area"), 1e-9)
    }

    func testPartialOverlapAreaAndShareMatchGeographicLib() throws {
        let partial = try site(sites, "PARTIAL")
        XCTAssertEqual(partial.verdict, .flagged(.forbidden))
        XCTAssertRelative(partial.areaM2, Self.value("site.PARTIAL.area"), 1e-9)
        XCTAssertEqual(partial.findings.count, 1)
        let finding = partial.findings[0]
        XCTAssertEqual(finding.featureID, "RL-HJ")
        XCTAssertEqual(finding.featureName, "杭锦旗生态保护红线")
        XCTAssertRelative(finding.overlapM2, Self.value("overlap.PARTIAL.RL-HJ"), 1e-9)
        XCTAssertRelative(finding.share, Self.value("overlap.PARTIAL.RL-HJ") / Self.value("site.PARTIAL.area"), 1e-9)
        XCTAssertNil(finding.distanceM)
        // The conflict geometry is site ∩ constraint.
        let conflict = try Geometry(wkb: try XCTUnwrap(finding.conflictWKB), context: GEOSContext())
        XCTAssertRelative(try Geodesic(.grs80).area(of: conflict), Self.value("overlap.PARTIAL.RL-HJ"), 1e-9)
    }

    func testTouchingIsNotOverlap() throws {
        let touch = try site(sites, "TOUCH")
        XCTAssertEqual(touch.verdict, .clear)
        XCTAssertEqual(touch.findings.count, 1)
        XCTAssertEqual(touch.findings[0].relation, .touches)
        XCTAssertEqual(touch.findings[0].overlapM2, 0)
        XCTAssertEqual(touch.findings[0].distanceM, 0)
        XCTAssertFalse(touch.findings[0].counts)
    }

    func testASliverIsReportedButNotCountedAThinRealOverlapIsCounted() throws {
        XCTAssertLessThan(Self.value("width.SLIVER.m"), 1.0)
        let sliver = try site(sites, "SLIVER")
        XCTAssertEqual(sliver.verdict, .clear)
        XCTAssertEqual(sliver.findings.map(\.relation), [.sliver])
        XCTAssertFalse(sliver.findings[0].counts)
        XCTAssertRelative(sliver.findings[0].overlapM2, Self.value("overlap.SLIVER.RL-HJ"), 1e-6)
        XCTAssertNotNil(sliver.findings[0].conflictWKB)
        // 2.5 m wide is more than the 1 m tolerance: an overlap.
        XCTAssertGreaterThan(Self.value("width.STRIP3M.m"), 1.0)
        let strip = try site(sites, "STRIP3M")
        XCTAssertEqual(strip.verdict, .flagged(.forbidden))
        XCTAssertEqual(strip.findings.map(\.relation), [.overlap])
        XCTAssertRelative(strip.findings[0].overlapM2, Self.value("overlap.STRIP3M.RL-HJ"), 1e-6)
        // A site that is itself thinner than the tolerance (a 0.4 m strip) inside a red line overlaps it for real.
        XCTAssertLessThan(Self.value("width.NARROW-IN.m"), 1.0)
        let narrow = try site(sites, "NARROW-IN")
        XCTAssertEqual(narrow.verdict, .flagged(.forbidden))
        XCTAssertEqual(narrow.findings.map(\.relation), [.overlap])
        XCTAssertRelative(narrow.findings[0].share, 1, 1e-12)
    }

    func testDistanceWithinTheBufferIsGeodesic() throws {
        let near = try site(sites, "NEAR-CORRIDOR")
        XCTAssertEqual(near.verdict, .flagged(.restricted))
        XCTAssertEqual(near.findings.map(\.relation), [.near])
        XCTAssertEqual(
            try XCTUnwrap(near.findings[0].distanceM), Self.value("distance.NEAR-CORRIDOR.RC-1"), accuracy: 0.001)
        // Edges are straight in lon/lat (the default): the corridor's north edge follows its parallel, and the
        // distance is within 0.1 mm of the meridian arc. (With geodesic edges the edge bulges 48 mm towards the
        // site: expected.json values_geodesic_edges. Screening has no edges option to test that here.)
        XCTAssertEqual(near.findings[0].featureID, "RC-1")
        // 222 m away with a 100 m buffer: nothing to report.
        XCTAssertGreaterThan(Self.value("distance.BEYOND-CORRIDOR.RC-1"), 100)
        let beyond = try site(sites, "BEYOND-CORRIDOR")
        XCTAssertEqual(beyond.verdict, .clear)
        XCTAssertTrue(beyond.findings.isEmpty)
        // East-west, to a point constraint: the nearest point on the site's edge is found, not a corner.
        let well = try site(sites, "WELL-NEAR")
        XCTAssertEqual(well.verdict, .flagged(.advisory))
        XCTAssertEqual(well.findings.map(\.featureID), ["W-1"])
        XCTAssertEqual(try XCTUnwrap(well.findings[0].distanceM), Self.value("distance.WELL-NEAR.W-1"), accuracy: 0.001)
    }

    func testALineConstraintThroughTheSiteCrossesIt() throws {
        let cross = try site(sites, "PIPE-CROSS")
        XCTAssertEqual(cross.verdict, .flagged(.advisory))
        XCTAssertEqual(cross.findings.map(\.relation), [.crosses])
        XCTAssertTrue(cross.findings[0].counts)
    }

    func testWhereFilterSplitsReserveZonesBetweenRules() throws {
        let core = try site(sites, "CORE")
        XCTAssertEqual(core.verdict, .flagged(.forbidden))
        // Rule 2 (index 1): core zone only; the buffer zone's hole is the core.
        XCTAssertEqual(core.findings.map(\.rule), [1])
        let ring = try site(sites, "BUFFERZONE")
        XCTAssertEqual(ring.verdict, .flagged(.restricted))
        XCTAssertEqual(ring.findings.map(\.rule), [2])
        XCTAssertEqual(ring.findings[0].featureID, "NR-1-buffer")
    }

    func testGaussKrugerSiteAgainstLonLatConstraints() throws {
        let result = try screen("sites_gk36.geojson")
        XCTAssertEqual(result.sites.crsName, "CGCS2000 / 3-degree Gauss-Kruger zone 36")
        let partial = try site(result, "PARTIAL-GK")
        XCTAssertEqual(partial.verdict, .flagged(.forbidden))
        XCTAssertRelative(partial.findings[0].overlapM2, Self.value("overlap.PARTIAL-GK.RL-HJ"), 1e-6)
        XCTAssertRelative(partial.areaM2, Self.value("site.PARTIAL-GK.area"), 1e-6)
    }

    func testBoundaryPointFileSites() throws {
        let result = try screen("boundary/prefix36_utf8.txt")
        XCTAssertTrue(result.sites.isBoundaryPointFile)
        XCTAssertEqual(result.results.map(\.id), ["D1", "D2"])
        let road = try site(result, "D1")
        XCTAssertEqual(road.verdict, .flagged(.forbidden))
        // 界址点 parcels go through the reader like any layer: their Gauss-Krüger edges stay straight, in 100 m
        // chords straight in lon/lat (the reader's documented accuracy, 1e-8, for the piece an overlap cuts).
        XCTAssertRelative(road.areaM2, Self.value("boundary.prefix36.D1.area"), 1e-9)
        XCTAssertRelative(road.findings[0].overlapM2, Self.value("boundary.prefix36.D1.overlap_RL-HJ"), 1e-8)
        let pv = try site(result, "D2")
        XCTAssertRelative(pv.areaM2, Self.value("boundary.prefix36.D2.area"), 1e-9)  // the hole is subtracted
        // The file carries no project type: the pilot condition cannot apply, and the output says so.
        XCTAssertEqual(pv.verdict, .flagged(.forbidden))
        XCTAssertTrue(result.sites.warnings.contains { $0.contains("project_type") })
        // Given the project type, the PV parcel in the pilot red line is conditional; the road is still forbidden.
        let given = try screen("boundary/prefix36_utf8.txt", values: ["project_type": "光伏"])
        XCTAssertEqual(try site(given, "D2").verdict, .flagged(.conditional))
        XCTAssertEqual(try site(given, "D1").verdict, .flagged(.forbidden))
        // The same parcel without the zone prefix, GBK with CRLF lines.
        let gbk = try screen("boundary/noprefix_gbk_crlf.txt")
        XCTAssertEqual(gbk.sites.crsName, "EPSG:4545")
        XCTAssertRelative(
            try site(gbk, "1").findings[0].overlapM2, Self.value("boundary.noprefix.1.overlap_RL-HJ"), 1e-8)
        assertError(.badInput, containingAll: ["bowtie.txt", "line 9"]) { _ = try screen("boundary/bad/bowtie.txt") }
    }

    func testPointSitesNeedABufferAndAreBufferedInMetres() throws {
        assertError(.usage, containingAll: ["sites_points.geojson", "is a point", "--buffer"]) {
            _ = try screen("sites_points.geojson")
        }
        let distance = Self.value("distance.PT-1.RL-KBQ")  // ≈ 424 m to the red line's edge
        let wide = try site(try screen("sites_points.geojson", buffer: 500), "PT-1")
        XCTAssertEqual(wide.verdict, .flagged(.forbidden))
        XCTAssertEqual(wide.bufferedM, 500)
        // A 128-gon inscribed in the 500 m circle (0.04 % less than π r²), measured geodesically.
        XCTAssertRelative(wide.areaM2, 64 * 500 * 500 * sin(2 * Double.pi / 128), 1e-5)
        XCTAssertEqual(try site(try screen("sites_points.geojson", buffer: distance - 1), "PT-1").findings.count, 0)
        // Reaching 0.5 m into the red line is a sliver (no 1 m disc fits); 5 m is an overlap.
        let grazing = try site(try screen("sites_points.geojson", buffer: distance + 0.5), "PT-1")
        XCTAssertEqual(grazing.verdict, .clear)
        XCTAssertEqual(grazing.findings.map(\.relation), [.sliver])
        XCTAssertEqual(
            try site(try screen("sites_points.geojson", buffer: distance + 5), "PT-1").verdict, .flagged(.forbidden))
    }

    func testResultsDoNotDependOnTheNumberOfThreads() throws {
        let one = try screen("sites.geojson", threads: 1)
        let four = try screen("sites.geojson", threads: 4)
        XCTAssertEqual(one.results.map(\.id), four.results.map(\.id))
        XCTAssertEqual(one.results.map(\.verdict), four.results.map(\.verdict))
        XCTAssertEqual(
            one.results.flatMap { $0.findings.map(\.overlapM2) }, four.results.flatMap { $0.findings.map(\.overlapM2) })
        XCTAssertEqual(
            one.results.map(\.id),
            [
                "PV-PILOT", "MINE-PILOT", "PV-HJ", "PARTIAL", "TOUCH", "SLIVER", "STRIP3M", "NARROW-IN",
                "NEAR-CORRIDOR",
                "BEYOND-CORRIDOR", "CORE", "BUFFERZONE", "WELL-NEAR", "PIPE-CROSS", "FAR",
            ])
        XCTAssertEqual(one.worst, .flagged(.forbidden))
    }

    // MARK: the screening table: one row per site and constraint feature

    lazy var ring: ScreeningResult = try! screen(
        "sites_ring.geojson", rules: Fixtures.path("screening/ring-rules.toml"))

    func rows(_ result: ScreeningResult, _ id: String) throws -> [ScreeningRow] {
        ScreeningRow.rows(try site(result, id), constraints: result.constraints)
    }

    func testARingAroundARedLineTheSiteIsInIsNotASecondRow() throws {
        // The ring rule names the red lines' file as "./redlines.geojson": still the same layer, the same features.
        XCTAssertEqual(ring.constraints.layers.count, 1)
        let inside = try site(ring, "IN-HJ")
        XCTAssertEqual(inside.findings.map(\.rule), [0, 1])
        let found = try rows(ring, "IN-HJ")
        XCTAssertEqual(found.count, 1)
        let row = try XCTUnwrap(found.first)
        let finding = try XCTUnwrap(row.finding)
        XCTAssertEqual(finding.rule, 0)
        XCTAssertEqual(row.alsoRules, [1])
        XCTAssertEqual(finding.featureID, "RL-HJ")
        XCTAssertEqual(finding.severity, .forbidden)
        XCTAssertEqual(finding.relation, .overlap)
        XCTAssertRelative(finding.overlapM2, inside.areaM2, 1e-12)
        XCTAssertTrue(row.counts)
        XCTAssertEqual(row.countingZh(ring.rules), "计入")
        XCTAssertEqual(inside.verdict, .flagged(.forbidden))
    }

    func testASite200MetresOutsideGetsOneAdvisoryRowWithItsDistance() throws {
        let found = try rows(ring, "NEAR-HJ")
        XCTAssertEqual(found.count, 1)
        let finding = try XCTUnwrap(found.first?.finding)
        XCTAssertEqual(finding.rule, 1)
        XCTAssertEqual(found.first?.alsoRules, [])
        XCTAssertEqual(finding.severity, .advisory)
        XCTAssertEqual(finding.relation, .near)
        XCTAssertEqual(try XCTUnwrap(finding.distanceM), Self.value("distance.NEAR-HJ.RL-HJ"), accuracy: 0.001)
        XCTAssertEqual(found.first?.countingEn(ring.rules), "counted")
        XCTAssertEqual(try site(ring, "NEAR-HJ").verdict, .flagged(.advisory))
        // 1 km out is beyond the ring: one row without a finding.
        let far = try rows(ring, "FAR-HJ")
        XCTAssertEqual(far.count, 1)
        XCTAssertNil(far.first?.finding)
        XCTAssertEqual(try site(ring, "FAR-HJ").verdict, .clear)
    }

    func testALevelThatDidNotCountSaysWhyAndWhatCountedInstead() throws {
        // Touching the red line (like the sample's s05): the forbidden rule does not count, its ring does.
        let touch = try rows(ring, "TOUCH-HJ")
        XCTAssertEqual(touch.count, 1)
        let row = try XCTUnwrap(touch.first)
        XCTAssertEqual(row.finding?.severity, .forbidden)
        XCTAssertEqual(row.finding?.relation, .touches)
        XCTAssertFalse(row.counts)
        XCTAssertEqual(row.counted?.severity, .advisory)
        XCTAssertEqual(row.countingZh(ring.rules), "不计入：仅边界相接，未重叠；按第2条“生态保护红线周边500米”计为提示")
        XCTAssertEqual(
            row.countingEn(ring.rules), "not counted: touches only, no overlap; counted as advisory (rule 2)")
        XCTAssertEqual(try site(ring, "TOUCH-HJ").verdict, .flagged(.advisory))
        // Without a ring nothing counts: the level stays, with its reason.
        let alone = try XCTUnwrap(try rows(sites, "TOUCH").first)
        XCTAssertNil(alone.counted)
        XCTAssertEqual(alone.countingZh(sites.rules), "不计入：仅边界相接，未重叠")
        let sliver = try XCTUnwrap(try rows(sites, "SLIVER").first)
        XCTAssertEqual(sliver.countingZh(sites.rules), "不计入：碎片，重叠窄于1米")
        // A conditional downgrade counts, and says from what.
        let pilot = try XCTUnwrap(try rows(ring, "PV-PILOT").first)
        XCTAssertEqual(pilot.finding?.severity, .conditional)
        XCTAssertEqual(pilot.alsoRules, [1])
        XCTAssertTrue(pilot.counts)
        XCTAssertEqual(pilot.countingZh(ring.rules), "计入，满足附加条件由禁止降为有条件")
    }

    /// No row may show a level that counted and is stricter than its site's verdict, and the rows that
    /// counted must explain the verdict: its severity is the strictest they counted as.
    func assertRowsExplainTheVerdicts(_ result: ScreeningResult, file: StaticString = #filePath, line: UInt = #line) {
        for site in result.results where site.skipped == nil {
            let rows = ScreeningRow.rows(site, constraints: result.constraints)
            for row in rows where row.counts {
                XCTAssertLessThanOrEqual(
                    Verdict.flagged(row.finding?.severity ?? .forbidden), site.verdict, site.id, file: file, line: line)
            }
            let counted = rows.compactMap(\.counted?.severity).max().map(Verdict.flagged) ?? .clear
            XCTAssertEqual(counted, site.verdict, site.id, file: file, line: line)
        }
    }

    func testTheSamplesRowsAndVerdicts() throws {
        let sample = try SiteScreener.run(
            ScreeningRequest(
                sites: LayerSource(path: BundledLayers.path("sample/sites.geojson")),
                rulesPath: ScreeningRules.defaultPath, threads: 2))
        // The verdicts are those of the findings, as before the rows were folded.
        XCTAssertEqual(
            sample.results.map { "\($0.id) \($0.verdict)" },
            [
                "s01 clear", "s02 conditional", "s03 forbidden", "s04 restricted", "s05 advisory", "s06 clear",
                "s07 clear", "s08 clear", "s09 forbidden", "s10 forbidden", "s11 advisory", "s12 forbidden",
            ])
        // 25 findings and 4 sites without any were 29 rows; the 500 m and 1000 m rings fold into the
        // features they surround: 18 rows.
        XCTAssertEqual(sample.results.map(\.findings.count).reduce(0, +), 25)
        XCTAssertEqual(sample.rows.count, 18)
        let s05 = try rows(sample, "s05")
        XCTAssertEqual(s05.map { $0.finding?.severity }, [.forbidden, .restricted])
        XCTAssertEqual(s05.map(\.counts), [false, false])
        XCTAssertEqual(s05.map { $0.counted?.severity }, [.advisory, .advisory])
        for result in [sample, sites, ring] { assertRowsExplainTheVerdicts(result) }
        // So are `screen`'s JSON (a site without findings has no rows there) and its table.
        let json = try JSONSerialization.jsonObject(with: Data(ScreeningReport(sample).json().serialized().utf8))
        let sites = try XCTUnwrap((json as? [String: Any])?["sites"] as? [[String: Any]])
        XCTAssertEqual(sites.map { ($0["rows"] as? [Any])?.count ?? -1 }, [0, 1, 2, 1, 2, 0, 0, 0, 3, 2, 1, 2])
        let line = try XCTUnwrap(ScreeningReport(sample).table().split(separator: "\n").first { $0.hasPrefix("s05") })
        let cells = line.split(separator: "  ").map { $0.trimmingCharacters(in: .whitespaces) }
        XCTAssertEqual(
            Array(cells.dropFirst(3).prefix(4)),
            [
                "advisory 提示", "1 生态保护红线 (+10)", "forbidden 禁止",
                "not counted: touches only, no overlap; counted as advisory (rule 10)",
            ], String(line))
        // The report's table is built from the same rows.
        let (table, _, _) = try ReportBuilder.screeningTable(sample, unit: .mu)
        XCTAssertEqual(table.rows.count, 18)
        let first = try XCTUnwrap(
            table.rows.indices.first { table.value(row: $0, key: "site_id") == .string("s05") })
        XCTAssertEqual(table.value(row: first, key: "severity_zh"), .string("禁止"))
        XCTAssertEqual(table.value(row: first, key: "verdict_zh"), .string("提示"))
        XCTAssertEqual(table.value(row: first, key: "counts_zh"), .string("不计入"))
        XCTAssertEqual(
            table.value(row: first, key: "counting_zh"),
            .string("不计入：仅边界相接，未重叠；按第10条“生态保护红线周边500米”计为提示"))
    }

    func testReportFormats() throws {
        let report = ScreeningReport(sites)
        let table = report.table()
        XCTAssertTrue(table.contains("conditional ← forbidden"), table)
        XCTAssertTrue(table.contains("not counted: touches only, no overlap"), table)
        XCTAssertTrue(
            table.contains("# 15 sites: 4 clear, 2 advisory, 1 conditional, 2 restricted, 6 forbidden"), table)
        let csv = report.csv()
        let rows = csv.split(separator: "\r\n")
        XCTAssertEqual(rows.count, 1 + 15)  // one row per site and feature met, or per site without any
        XCTAssertTrue(rows[0].hasPrefix("site_id,site_feature_id,site_area_m2,site_area_mu,verdict"))
        let json = try JSONSerialization.jsonObject(with: Data(report.json().serialized().utf8)) as! [String: Any]
        let summary = json["summary"] as! [String: Any]
        XCTAssertEqual(summary["forbidden"] as? Int, 6)
        XCTAssertEqual(summary["worst"] as? String, "forbidden")
        XCTAssertEqual((json["sites"] as! [Any]).count, 15)
        let conflicts = try JSONSerialization.jsonObject(with: Data(try report.conflicts().utf8)) as! [String: Any]
        let features = conflicts["features"] as! [[String: Any]]
        let withGeometry = sites.rows.filter { $0.finding?.conflictWKB != nil }.count
        XCTAssertEqual(features.count, withGeometry)
        XCTAssertNil(conflicts["crs"])
        let relations = Set(features.map { ($0["properties"] as! [String: Any])["relation"] as! String })
        XCTAssertEqual(relations, ["overlap", "sliver", "near", "crosses"])
    }

    func testSitesFromOtherFormatsAndMixedGeometries() throws {
        func run(_ path: String, crs: String? = nil, buffer: Double? = nil) throws -> ScreeningResult {
            try SiteScreener.run(
                ScreeningRequest(
                    sites: LayerSource(path: Fixtures.path(path), assumeCRS: crs), rulesPath: Self.rules,
                    pointBufferM: buffer))
        }
        let shapefile = try run("square_split_gk36.shp")  // Gauss-Krüger zone 36 with prefix, .prj
        XCTAssertEqual(shapefile.results.count, 1)
        XCTAssertRelative(shapefile.results[0].areaM2, Fixtures.area("square_split_gk36.geodesic"), 1e-6)
        XCTAssertEqual(shapefile.results[0].verdict, .clear)
        for (path, crs) in [("bad/zones.kml", nil), ("bad/zones.dxf", "EPSG:4490"), ("bad/zones.gdb", nil)] {
            let result = try run(path, crs: crs)
            XCTAssertEqual(result.results.count, 2, path)
            for site in result.results { XCTAssertRelative(site.areaM2, Fixtures.area("two_zones.A"), 1e-6, path) }
        }
        // Points and lines need --buffer; null and empty geometries are listed as not screened, not dropped.
        XCTAssertThrowsError(try run("bad/mixed.geojson"))
        let mixed = try run("bad/mixed.geojson", buffer: 10)
        XCTAssertEqual(mixed.results.count, 7)
        XCTAssertEqual(mixed.results.filter { $0.skipped != nil }.count, 2)
        XCTAssertEqual(mixed.results.compactMap(\.bufferedM).count, 2)
        XCTAssertTrue(ScreeningReport(mixed).table().contains("not screened"))
    }

    func writeRules(_ text: String, layers: String? = nil) throws -> String {
        let folder = try temporaryDirectory()
        if let layers {
            try layers.write(to: folder.appendingPathComponent("layers.toml"), atomically: true, encoding: .utf8)
        }
        let path = folder.appendingPathComponent("rules.toml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testRulesErrorsNameTheFileRuleAndKey() throws {
        let redlines = Fixtures.path("screening/redlines.geojson")
        let good = "[[rule]]\npath = \"\(redlines)\"\nseverity = \"forbidden\"\nname_zh = \"红线\"\n"
        XCTAssertEqual(try ScreeningRules.load(try writeRules(good)).rules.count, 1)
        XCTAssertEqual(try ScreeningRules.load(try writeRules(good)).toleranceM, 1.0)  // the default
        let cases: [(String, String?, [String])] = [
            (
                good + "[[rule]]\npath = \"\(redlines)\"\nseverity = \"banned\"\nname_zh = \"x\"\n", nil,
                ["rule 2", "severity 'banned'", "forbidden, restricted"]
            ),
            (
                good + "[[rule]]\npath = \"\(redlines)\"\nseverity = \"advisory\"\nbufer_m = 5\nname_zh = \"x\"\n", nil,
                ["rule 2", "unknown key 'bufer_m'"]
            ),
            (
                good + "[[rule]]\npath = \"\(redlines)\"\nseverity = \"advisory\"\nbuffer_m = -5\nname_zh = \"x\"\n",
                nil, ["rule 2", "'buffer_m' must be a number of metres from 0 to 50000 m"]
            ),
            (
                good + "[[rule]]\npath = \"\(redlines)\"\nseverity = \"advisory\"\nbuffer_m = 8e6\nname_zh = \"x\"\n",
                nil, ["rule 2", "'buffer_m' must be a number of metres from 0 to 50000 m"]
            ),
            (
                "tolerance_m = inf\n" + good, nil,
                ["the top level", "'tolerance_m' must be a number of metres from 0 to 100 m"]
            ),
            (
                good + "[[rule]]\nlayer = \"nope\"\nseverity = \"advisory\"\nname_zh = \"x\"\n",
                "[[layer]]\nid = \"redlines\"\npath = \"\(redlines)\"\n",
                ["rule 2", "layer 'nope' is not in", "use one of: redlines"]
            ),
            (
                good + "[[rule]]\nlayer = \"redlines\"\nseverity = \"advisory\"\nname_zh = \"x\"\n", nil,
                ["rule 2", "layers.toml"]
            ),
            (
                "[[rule]]\npath = \"\(redlines)\"\nseverity = \"forbidden\"\nwhere_field = \"zone\"\nname_zh = \"x\"\n",
                nil, ["rule 1", "where_values is empty"]
            ),
            (
                "[[rule]]\npath = \"missing.geojson\"\nseverity = \"forbidden\"\nname_zh = \"x\"\n", nil,
                ["rule 1", "missing.geojson does not exist"]
            ),
            ("[[rule]]\npath = \"\(redlines)\"\nseverity = \"forbidden\"\n", nil, ["rule 1", "has no name"]),
            (
                """
                [[rule]]
                path = "\(redlines)"
                severity = "forbidden"
                name_zh = "x"
                [rule.conditional_when]
                constraint_field = "pilot_new_energy"
                site_field = "project_type"

                """,
                nil, ["rule 1", "conditional_when", "site_values is empty"]
            ),
            ("tolerance_m = \"one\"\n" + good, nil, ["top level", "tolerance_m"]),
            ("[[rule]\n", nil, ["line 1"]),
            ("tolerance_m = 1\n", nil, ["has no [[rule]]"]),
        ]
        for (text, layers, needles) in cases {
            let path = try writeRules(text, layers: layers)
            assertError(
                needles.contains { $0.contains("does not exist") }
                    ? .missingInput : needles.contains("layers.toml") ? .missingInput : .badInput,
                containingAll: ["rules.toml"] + needles
            ) { _ = try ScreeningRules.load(path) }
        }
        assertError(.missingInput, containingAll: ["no such rules file", "--rules"]) {
            _ = try ScreeningRules.load("/nonexistent/rules.toml")
        }
        // A where_field the layer does not have names the rule and lists the fields.
        let wrongField = try writeRules(
            good + """
                [[rule]]
                path = "\(redlines)"
                severity = "advisory"
                where_field = "zone"
                where_values = ["a"]
                name_zh = "x"

                """
        )
        assertError(
            .badInput, containingAll: ["rules.toml", "rule 2", "where_field 'zone' is not a field", "pilot_new_energy"]
        ) {
            _ = try SiteScreener.run(
                ScreeningRequest(
                    sites: LayerSource(path: Fixtures.path("screening/sites.geojson")), rulesPath: wrongField))
        }
    }

    func testLayerIdsResolveThroughTheManifestBesideTheRules() throws {
        let rules = try ScreeningRules.load(Self.rules)
        XCTAssertEqual(
            rules.rules.map(\.layerLabel), ["redlines", "reserves", "reserves", "corridors", "wells.geojson"])
        XCTAssertEqual(rules.rules[0].path, Fixtures.path("screening/redlines.geojson"))
        XCTAssertEqual(rules.rules[0].conditionalWhen?.siteValues, ["PV", "光伏", "光伏治沙"])
        XCTAssertEqual(rules.rules[3].bufferM, 100)  // an integer in TOML is fine
        // A table keyed by the id works too.
        let keyed = try writeRules(
            "[[rule]]\nlayer = \"redlines\"\nseverity = \"forbidden\"\nname_en = \"x\"\n",
            layers: "[layers.redlines]\npath = \"\(Fixtures.path("screening/redlines.geojson"))\"\n")
        XCTAssertEqual(try ScreeningRules.load(keyed).rules[0].path, Fixtures.path("screening/redlines.geojson"))
    }

    func testConstraintIdsAndNamesFollowTheManifestsFieldMapping() throws {
        let redlines = Fixtures.path("screening/redlines.geojson")
        let rule = "[[rule]]\nlayer = \"redlines\"\nseverity = \"forbidden\"\nname_en = \"red line\"\n"
        // A bureau's layer whose id sits in another field: here the two fields are swapped.
        let swapped = try writeRules(
            rule,
            layers:
                "[[layer]]\nid = \"redlines\"\npath = \"\(redlines)\"\nid_field = \"name_zh\"\nname_zh_field = \"id\"\n"
        )
        let finding = try XCTUnwrap(try site(try screen("sites.geojson", rules: swapped), "PV-PILOT").findings.first)
        XCTAssertEqual(finding.featureID, "库布其沙漠生态保护红线（试点区）")
        XCTAssertEqual(finding.featureName, "RL-KBQ")
        let wrong = try writeRules(
            rule, layers: "[[layer]]\nid = \"redlines\"\npath = \"\(redlines)\"\nid_field = \"BH\"\n")
        assertError(.badInput, containingAll: ["rules.toml", "id_field = 'BH'", "not a field", "pilot_new_energy"]) {
            _ = try screen("sites.geojson", rules: wrong)
        }
    }

    func testConditionMatching() {
        let condition = ScreeningRules.Condition(
            constraintField: "pilot", siteField: "type", siteValues: ["PV", "光伏"])
        XCTAssertTrue(condition.matches(siteValue: " pv "))
        XCTAssertTrue(condition.matches(siteValue: "光伏"))
        XCTAssertFalse(condition.matches(siteValue: "光伏治沙"))
        XCTAssertFalse(condition.matches(siteValue: nil))
        for yes in ["1", "true", "TRUE", "是", "yes"] { XCTAssertTrue(ScreeningRules.Condition.isTrue(yes), yes) }
        for no in ["0", "false", "否", "", "2"] { XCTAssertFalse(ScreeningRules.Condition.isTrue(no), no) }
        XCTAssertLessThan(Verdict.clear, .flagged(.advisory))
        XCTAssertLessThan(Verdict.flagged(.restricted), .flagged(.forbidden))
    }
}
