import Foundation
import XCTest
@testable import Shelterbelt

/// Target arithmetic against hand-computed cases, and a bureau's own layer set end to end.
final class TargetProgressTests: XCTestCase {
    static let wanMu = 1e8 / 15  // m² in 1 万亩

    // MARK: arithmetic

    /// 100 万亩 over 2021-01-01…2025-12-31 with a baseline of 20 万亩.
    func target(_ extra: String = "period_start = 2021\ndeadline = \"2025-12-31\"") throws -> Target {
        let file = try temporary(
            """
            [[target]]
            id = "t"
            name_zh = "造林"
            name_en = "Afforestation"
            value = 100.0
            unit = "万亩"
            measure = "area"
            scope_layer = "outline"
            baseline = 20.0
            source = "hand-made"
            \(extra)
            """)
        return try Targets.load(file, layers: bureau()).items[0]
    }

    func testWhichPatchesCountIsSaidInWords() throws {
        XCTAssertEqual(try target().countedPatches, "*")
        let counted = try target(
            """
            period_start = 2021
            deadline = "2025-12-31"
            count_field = "DLBM"
            count_values = ["0301", "0305"]
            year_field = "ND"
            """)
        XCTAssertEqual(counted.countedPatches, "DLBM = 0301、0305; ND 2021–2025")
    }

    func testProgressAndRemainingOfOneWanMuTarget() throws {
        let file = try temporary(
            """
            [[target]]
            id = "one"
            name_zh = "一万亩"
            name_en = "One wan mu"
            value = 1
            unit = "万亩"
            measure = "area"
            scope_layer = "outline"
            source = "hand-made"
            """)
        let target = try Targets.load(file, layers: bureau()).items[0]
        // mixed.polygon (108.10-108.15 x 39.40-39.45) with geodesic edges = 23 899 435.93 m² = 3.5849 万亩: the target
        // is met. (Only an input number here: the geodesic-edge value, which the literals below were worked out from.)
        let met = TargetProgress(
            target: target, measuredArea: Fixtures.area("mixed.polygon", edges: .geodesic),
            asOf: PlanDate(year: 2024, month: 1, day: 1))
        XCTAssertEqual(
            try XCTUnwrap(met.measured), Fixtures.area("mixed.polygon", edges: .geodesic) / Self.wanMu, accuracy: 1e-12)
        XCTAssertEqual(
            try XCTUnwrap(met.progress), Fixtures.area("mixed.polygon", edges: .geodesic) * 15 / 1e8, accuracy: 1e-12)
        XCTAssertEqual(met.remaining, 0)
        XCTAssertEqual(met.status, .met)
        // A fifth of that polygon is 0.71698 万亩: 71.698 % done, 0.28302 万亩 to go, no deadline to be late for.
        let part = TargetProgress(
            target: target, measuredArea: Fixtures.area("mixed.polygon", edges: .geodesic) / 5,
            asOf: PlanDate(year: 2024, month: 1, day: 1))
        XCTAssertEqual(try XCTUnwrap(part.progress), 0.7169830779256439, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(part.remaining), 1 - 0.7169830779256439, accuracy: 1e-12)
        XCTAssertEqual(part.status, .inProgress)
    }

    func testProgressCountsTheBaseline() throws {
        let progress = TargetProgress(
            target: try target(), measuredArea: 30 * Self.wanMu, asOf: PlanDate(year: 2023, month: 7, day: 2))
        XCTAssertEqual(try XCTUnwrap(progress.measured), 30, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(progress.progress), 0.5, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(progress.remaining), 50, accuracy: 1e-9)
    }

    func testPaceOverThePeriod() throws {
        // 2021-01-01 → 2023-07-02 is 912 days of the 1825 to 2025-12-31: expected 20 + 80 × 912/1825 = 59.978 万亩.
        let asOf = PlanDate(year: 2023, month: 7, day: 2)
        let behind = TargetProgress(target: try target(), measuredArea: 30 * Self.wanMu, asOf: asOf)
        XCTAssertEqual(try XCTUnwrap(behind.elapsed), 912.0 / 1825.0, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(behind.expected), 20 + 80 * 912.0 / 1825.0, accuracy: 1e-9)
        XCTAssertEqual(behind.status, .behind)
        XCTAssertEqual(TargetProgress(target: try target(), measuredArea: 40 * Self.wanMu, asOf: asOf).status, .onTrack)
        // Before the period starts nothing is expected beyond the baseline.
        XCTAssertEqual(
            TargetProgress(target: try target(), measuredArea: 0, asOf: PlanDate(year: 2020, month: 6, day: 1)).status,
            .onTrack)
    }

    func testOverdueAndMet() throws {
        let after = PlanDate(year: 2026, month: 1, day: 1)
        let late = TargetProgress(target: try target(), measuredArea: 70 * Self.wanMu, asOf: after)
        XCTAssertEqual(late.status, .overdue)
        XCTAssertEqual(try XCTUnwrap(late.remaining), 10, accuracy: 1e-9)
        XCTAssertEqual(TargetProgress(target: try target(), measuredArea: 80 * Self.wanMu, asOf: after).status, .met)
        // On the deadline itself the target is not yet overdue.
        XCTAssertEqual(
            TargetProgress(
                target: try target(), measuredArea: 79 * Self.wanMu, asOf: PlanDate(year: 2025, month: 12, day: 31)
            ).status, .behind)
    }

    func testDeadlineWithoutStartCannotBePaced() throws {
        let progress = TargetProgress(
            target: try target("deadline = \"2025-12-31\""), measuredArea: 0,
            asOf: PlanDate(year: 2023, month: 1, day: 1))
        XCTAssertNil(progress.expected)
        XCTAssertEqual(progress.status, .inProgress)
    }

    func testOutputTargetIsNotMeasurable() throws {
        let targets = try Targets.load(Fixtures.path("layersets/bureau/targets.toml"), layers: bureau())
        let output = try XCTUnwrap(targets.items.first { $0.id == "park_output" })
        XCTAssertEqual(output.measure, .output)
        XCTAssertNil(output.areaUnit)
        let progress = TargetProgress(target: output, measuredArea: nil, asOf: .today)
        XCTAssertNil(progress.progress)
        XCTAssertEqual(progress.status, .notMeasurable)
    }

    // MARK: targets file errors

    func testTargetErrorsNameFileTargetAndKey() throws {
        let base = "id = \"t\"\nname_zh = \"造林\"\nname_en = \"A\"\nvalue = 1\nmeasure = \"area\"\nsource = \"s\"\n"
        let cases: [(String, [String])] = [
            (base + "unit = \"万亩\"\nscope_layer = \"banners\"", ["key 'scope_layer'", "'banners' is not a layer"]),
            (base + "unit = \"acre\"\nscope_layer = \"outline\"", ["key 'unit'", "'acre' is not an area unit"]),
            (
                base + "unit = \"万亩\"\nscope_layer = \"outline\"\ncount_field = \"DLBM\"",
                ["key 'count_values'", "is empty"]
            ),
            (
                base + "unit = \"万亩\"\nscope_layer = \"outline\"\ndeadline = \"2025-02-30\"",
                ["key 'deadline'", "must be a date"]
            ),
            (
                base + "unit = \"万亩\"\nscope_layer = \"outline\"\nyear_field = \"ND\"",
                ["key 'year_field'", "neither period_start nor deadline"]
            ),
            (
                base.replacingOccurrences(of: "source = \"s\"\n", with: "")
                    + "unit = \"万亩\"\nscope_layer = \"outline\"", ["key 'source'", "is missing"]
            ),
        ]
        for (body, parts) in cases {
            let file = try temporary("[[target]]\n" + body)
            XCTAssertThrowsError(try Targets.load(file, layers: bureau())) { error in
                let text = (error as? ShelterbeltError)?.description ?? "\(error)"
                for part in [file, "[[target]] 1 (id \"t\")"] + parts {
                    XCTAssertTrue(text.contains(part), "'\(part)' not in: \(text)")
                }
            }
        }
    }

    func testUnknownScopeFeatureIsReportedBeforeMeasuring() throws {
        let file = try temporary(
            """
            [[target]]
            id = "t"
            name_zh = "造林"
            name_en = "A"
            value = 1
            unit = "万亩"
            measure = "area"
            scope_layer = "xiang"
            scope_feature = "C"
            source = "s"
            """)
        XCTAssertThrowsError(
            try TargetMeasurement.measure(
                try Targets.load(file, layers: bureau()), layers: bureau(),
                subject: LayerSource(path: "/nonexistent.shp"), asOf: .today)
        ) { error in
            let text = (error as? ShelterbeltError)?.description ?? "\(error)"
            XCTAssertTrue(
                text.contains("key 'scope_feature'") && text.contains("'C' is not an id") && text.contains("A, B"), text
            )
        }
    }

    // MARK: end to end with a bureau's own layer set

    func testBureauLayerSetEndToEnd() throws {
        let layers = try bureau()
        let measurement = try TargetMeasurement.measure(
            try Targets.load(nil, layers: layers), layers: layers,
            subject: LayerSource(path: Fixtures.path("layersets/bureau/patches.geojson")),
            asOf: PlanDate(year: 2024, month: 6, day: 30), threads: 2)
        func item(_ id: String) throws -> TargetProgress {
            try XCTUnwrap(measurement.items.first { $0.target.id == id })
        }
        // Three splits: xiang by DLBM and ND, xiang by DLBM, the outline unsplit.
        XCTAssertEqual(measurement.runs.count, 3)

        // Only P1 is 0301 of 2021–2025 in township A (OUT is 0301 too, but of 2019 and outside).
        let forest = try item("forest_a")
        XCTAssertRelative(try XCTUnwrap(forest.measuredArea), Fixtures.area("overlapping.P1.in_A"), 1e-9)
        XCTAssertRelative(
            try XCTUnwrap(forest.progress), (20 + Fixtures.area("overlapping.P1.in_A") / Self.wanMu) / 100, 1e-9)
        XCTAssertNil(forest.caveat)

        let shrub = try item("shrub_b")
        let shrubKm2 = Fixtures.area("overlapping.P2.in_B") / 1e6
        XCTAssertRelative(try XCTUnwrap(shrub.measured), shrubKm2, 1e-9)
        XCTAssertRelative(try XCTUnwrap(shrub.remaining), 300 - 10 - shrubKm2, 1e-9)
        XCTAssertEqual(shrub.status, .inProgress)

        // Every patch, the whole outline: the union of P1 and P2 (overlap once); OUT lies outside.
        XCTAssertRelative(try XCTUnwrap(item("all_treated").measuredArea), Fixtures.area("overlapping.union"), 1e-9)

        // Two classes summed in A: P1 and P2 each whole, their overlap in both — and the report says so.
        let woody = try item("woody_a")
        XCTAssertRelative(try XCTUnwrap(woody.measuredArea), Fixtures.area("overlapping.zone_A.sum"), 1e-9)
        XCTAssertNotNil(woody.caveat)

        // 0301 of 2016–2020 inside the townships: OUT is of 2019 but outside them.
        XCTAssertEqual(try item("before_plan").measuredArea, 0)
        XCTAssertEqual(try item("before_plan").status, .overdue)

        XCTAssertEqual(try item("park_output").status, .notMeasurable)

        let report = TargetReport(measurement)
        XCTAssertTrue(report.table().contains("test plan, section 6"))
        XCTAssertEqual(report.csv().split(separator: "\r\n").count, 1 + 6)
        XCTAssertTrue(report.json().serialized().contains("\"status\": \"not measurable from geometry\""))
    }

    func testMissingCountFieldIsNotMeasurableAndSaysHowToMapOne() throws {
        let layers = try bureau()
        let file = try temporary(
            """
            [[target]]
            id = "t"
            name_zh = "造林"
            name_en = "A"
            value = 1
            unit = "万亩"
            measure = "area"
            scope_layer = "xiang"
            scope_feature = "A"
            count_field = "landuse"
            count_values = ["0301"]
            period_start = 2021
            deadline = "2025-12-31"
            year_field = "ND"
            source = "s"
            """)
        let targets = try Targets.load(file, layers: layers)
        let subject = LayerSource(path: Fixtures.path("layersets/bureau/patches.geojson"))
        let unmapped = try TargetMeasurement.measure(targets, layers: layers, subject: subject, asOf: .today).items[0]
        XCTAssertEqual(unmapped.status, .missingField)
        XCTAssertNil(unmapped.measuredArea)
        XCTAssertEqual(
            unmapped.unmeasurableReason, "the subject has no field 'landuse' (map one with --field landuse=FIELD)")
        var mapping = FieldMapping()
        try mapping.mapField("landuse=DLBM")
        let mapped = try TargetMeasurement.measure(
            targets, layers: layers, subject: subject, mapping: mapping, asOf: .today
        ).items[0]
        // Only P1 is 0301 of 2021–2025 in township A, as forest_a counts it under the bureau's own name.
        XCTAssertRelative(try XCTUnwrap(mapped.measuredArea), Fixtures.area("overlapping.P1.in_A"), 1e-9)
    }

    // MARK: helpers

    private func bureau() throws -> LayerSet { try LayerSet.load(Fixtures.path("layersets/bureau")) }

    private func temporary(_ text: String) throws -> String {
        let file = try temporaryDirectory().appendingPathComponent("targets.toml").path
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }
}
