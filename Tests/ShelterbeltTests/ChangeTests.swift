import Foundation
import XCTest
@testable import Shelterbelt

/// `change` against the matrix of Tests/Fixtures/change/expected.json, computed independently by
/// Scripts/make_change_fixtures.py (shapely overlay, pyproj.Geod on GRS80, shoelace in EPSG:4545). BEFORE is a
/// GBK Shapefile in lon/lat, AFTER a GeoPackage in Gauss-Krüger EPSG:4545.
final class ChangeTests: XCTestCase {
    static let before = "change/before.shp"
    static let after = "change/after.gpkg"
    static let zones = "change/zones.geojson"

    static func run(
        _ before: String = before, _ after: String = after, classField: String = "DLMC",
        afterClassField: String? = "LUCLASS", zones: String? = zones, method: AreaMethod = .geodesic,
        keepChanges: Bool = false
    ) throws -> ChangeResult {
        try ChangeEngine.run(
            ChangeRequest(
                before: LayerSource(path: Fixtures.path(before)), after: LayerSource(path: Fixtures.path(after)),
                classField: classField, afterClassField: afterClassField,
                zones: zones.map { LayerSource(path: Fixtures.path($0)) }, zoneField: zones == nil ? nil : "name",
                method: method, threads: 2, keepChanges: keepChanges))
    }

    /// The reference of one area method: per scope ("Zone A", "Zone B", "outside", "total").
    static func expected(_ method: String) throws -> [String: [String: Any]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("change/expected.json")))
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try XCTUnwrap(object[method] as? [String: [String: Any]])
    }

    func testMatrixMatchesIndependentOverlay() throws {
        for (method, key) in [(AreaMethod.geodesic, "geodesic"), (.planar(epsg: 4545), "planar_4545")] {
            let result = try Self.run(method: method)
            let reference = try Self.expected(key)
            XCTAssertEqual(result.classes, ["乔木林地", "其他草地", "沙地", "灌木林地", "裸土地"])
            let scopes = result.matrices + [result.total]
            XCTAssertEqual(scopes.map { $0.scope }, [.zone("Zone A"), .zone("Zone B"), .outside, .total])
            for (matrix, name) in zip(scopes, ["Zone A", "Zone B", "outside", "total"]) {
                let expected = try XCTUnwrap(reference[name])
                let cells = try XCTUnwrap(expected["cells"] as? [[Any]])
                var checked = 0
                for cell in cells {
                    let (before, after) = (try XCTUnwrap(cell[0] as? String), try XCTUnwrap(cell[1] as? String))
                    let area = try XCTUnwrap(cell[2] as? Double)
                    guard area > 10_000 else { continue }
                    XCTAssertRelative(matrix.area(before, after), area, 1e-6, "\(key) \(name) \(before)→\(after)")
                    checked += 1
                }
                XCTAssertGreaterThan(checked, 1, "\(key) \(name)")
                // No pair the reference lacks (or holds under 1 ha) carries area.
                let known = Set(cells.compactMap { "\($0[0])→\($0[1])" })
                for before in result.classes {
                    for after in result.classes where !known.contains("\(before)→\(after)") {
                        XCTAssertEqual(matrix.area(before, after), 0, "\(key) \(name) \(before)→\(after)")
                    }
                }
                // A "not in" cell is a class's area less its shared cells, so it carries the error of the whole
                // class: the reader follows a Gauss-Krüger edge with vertices every 100 m (the reference every 1 m),
                // within 1e-8 of a feature (README, "Edges follow the map").
                for (field, actual, totals) in [
                    ("not_in_after", matrix.notInAfter, matrix.beforeTotals),
                    ("not_in_before", matrix.notInBefore, matrix.afterTotals),
                ] {
                    for (className, value) in try XCTUnwrap(expected[field] as? [String: Double]) {
                        let tolerance = max(value * 1e-6, (totals[className] ?? 0) * 1e-8)
                        XCTAssertEqual(
                            actual[className] ?? 0, value, accuracy: tolerance, "\(key) \(name) \(field) \(className)")
                    }
                }
            }
        }
    }

    func testRowAndColumnTotalsAreEachLayersAreaFromStats() throws {
        let result = try Self.run()
        for (layer, field, totals) in [
            (Self.before, "DLMC", { (matrix: ChangeResult.Matrix) in matrix.beforeTotals }),
            (Self.after, "LUCLASS", { (matrix: ChangeResult.Matrix) in matrix.afterTotals }),
        ] {
            let stats = try Fixtures.stats(layer, zones: Self.zones, by: field)
            for row in stats.rows {
                let matrix = try XCTUnwrap(
                    row.scope == .total
                        ? result.total
                        : (result.matrices + [result.total])
                            .first { $0.scope == row.scope })
                let area = row.key.map { totals(matrix)[$0] ?? 0 } ?? totals(matrix).values.reduce(0, +)
                XCTAssertRelative(area, row.area, 1e-9, "\(layer) \(row.scope) \(row.key ?? "all")")
            }
        }
        // Every cell of a row plus its "not in AFTER" is the row total; likewise for the columns.
        let total = result.total
        for key in result.classes {
            let row = result.classes.map { total.area(key, $0) }.reduce(0, +) + (total.notInAfter[key] ?? 0)
            let column = result.classes.map { total.area($0, key) }.reduce(0, +) + (total.notInBefore[key] ?? 0)
            XCTAssertRelative(row, total.beforeTotals[key] ?? 0, 1e-9, key)
            XCTAssertRelative(column, total.afterTotals[key] ?? 0, 1e-9, key)
        }
    }

    func testLayerComparedWithItselfIsDiagonal() throws {
        let result = try Self.run(Self.after, Self.after, classField: "LUCLASS", afterClassField: nil)
        for matrix in result.matrices + [result.total] {
            for before in result.classes {
                XCTAssertRelative(matrix.area(before, before), matrix.beforeTotals[before] ?? 0, 1e-9)
                XCTAssertEqual(matrix.netChange(before), 0, accuracy: 1e-6)
                XCTAssertEqual(matrix.notInAfter[before] ?? 0, 0)
                XCTAssertEqual(matrix.notInBefore[before] ?? 0, 0)
                for after in result.classes where after != before {
                    XCTAssertEqual(matrix.area(before, after), 0, "\(before)→\(after)")
                }
            }
        }
    }

    func testOverlapsInsideALayerCountOnceForTheFirstFeature() throws {
        // P1 and P2 overlap; the shared area is P1's (the first feature) in both layers, so the matrix stays
        // diagonal and each layer's area is the union's, as in stats.
        let result = try Self.run(
            "overlapping.geojson", "overlapping.geojson", classField: "name", afterClassField: nil,
            zones: "two_zones.geojson")
        let overlap = Fixtures.area("overlapping.overlap")
        for layer in [result.beforeOverlap, result.afterOverlap] {
            XCTAssertEqual(layer.features, 1)
            XCTAssertRelative(layer.area, overlap, 1e-9)
        }
        let stats = try Fixtures.stats("overlapping.geojson", by: "name")
        XCTAssertRelative(result.total.beforeArea, stats.total.area, 1e-9)
        XCTAssertRelative(result.total.afterArea, stats.total.area, 1e-9)
        XCTAssertRelative(result.total.area("P2", "P2"), Fixtures.area("overlapping.P2.whole") - overlap, 1e-9)
        XCTAssertEqual(result.total.area("P1", "P2"), 0)
        XCTAssertEqual(result.total.area("P2", "P1"), 0)
    }

    func testBadCoordinatesInEitherLayerStopTheRunOrAreSkippedAndCountedWhenAsked() throws {
        let square = "[[109.0, 39.1], [109.1, 39.1], [109.1, 39.2], [109.0, 39.2], [109.0, 39.1]]"
        let far = "[[109.2, 39.1], [109.3, 39.1], [1e300, 39.2], [109.2, 39.2], [109.2, 39.1]]"
        let layer = try geoJSONLayer(
            [square, far].enumerated().map { index, ring in
                ("{\"LC\": \"C\(index)\"}", "{\"type\": \"Polygon\", \"coordinates\": [\(ring)]}")
            })
        func run(skip: Bool) throws -> ChangeResult {
            var before = LayerSource(path: layer)
            var after = LayerSource(path: layer)
            (before.skipBadCoordinates, after.skipBadCoordinates) = (skip, skip)
            return try ChangeEngine.run(ChangeRequest(before: before, after: after, classField: "LC", threads: 2))
        }
        assertError(.badInput, containing: "feature 1", "vertex 3", "--skip-bad-coordinates") {
            _ = try run(skip: false)
        }
        let result = try run(skip: true)
        XCTAssertEqual(result.beforeNotes.counts[.badCoordinates], 1)
        XCTAssertEqual(result.afterNotes.counts[.badCoordinates], 1)
        XCTAssertEqual(result.classes, ["C0"])
        // 0.1° × 0.1° at 39.1°N–39.2°N on GRS80, edges straight in lon/lat: pyproj.Geod on the ring densified
        // to 40 000 vertices.
        XCTAssertRelative(result.total.area("C0", "C0"), 95_967_799.606, 1e-9)
        XCTAssertEqual(result.total.area("C0", "C0"), result.total.beforeArea)
    }

    func testChangedPiecesAddUpToTheMatrixOffItsDiagonal() throws {
        // A layer against itself changes nothing, even where it overlaps itself: P2's piece inside P1 (P1 → P2)
        // is taken out again, since the overlap counts for P1 in both layers.
        let overlapping = try Self.run(
            "overlapping.geojson", "overlapping.geojson", classField: "name", afterClassField: nil,
            zones: "two_zones.geojson", keepChanges: true)
        XCTAssertEqual(overlapping.afterOverlap.features, 1)
        XCTAssertEqual(overlapping.changes.count, 0)
        for (before, after, classField, afterClassField) in [(Self.before, Self.after, "DLMC", Optional("LUCLASS"))] {
            let result = try Self.run(
                before, after, classField: classField, afterClassField: afterClassField, keepChanges: true)
            var sums: [Transition: Double] = [:]
            for piece in result.changes {
                XCTAssertNotEqual(piece.before, piece.after)
                sums[Transition(zone: piece.zone, before: piece.before, after: piece.after), default: 0] += piece.area
            }
            XCTAssertGreaterThan(sums.count, 3, before)
            let scopes = zip(result.matrices, Array(0..<(result.zones?.names.count ?? 0)) + [CellKey.outside])
            for (matrix, zone) in scopes {
                for from in result.classes {
                    for to in result.classes where to != from {
                        let sum = sums[Transition(zone: zone, before: from, after: to)] ?? 0
                        XCTAssertRelative(sum, matrix.area(from, to), 1e-9, "\(before) \(matrix.scope) \(from)→\(to)")
                    }
                }
            }
        }
    }

    func testWithoutZonesOnlyTheTotal() throws {
        let result = try Self.run(zones: nil)
        XCTAssertTrue(result.matrices.isEmpty)
        let reference = try XCTUnwrap(try Self.expected("geodesic")["total"]?["cells"] as? [[Any]])
        for cell in reference {
            guard let before = cell[0] as? String, let after = cell[1] as? String, let area = cell[2] as? Double,
                area > 10_000
            else { continue }
            XCTAssertRelative(result.total.area(before, after), area, 1e-6)
        }
    }
}

extension CommandLineTests {
    func testChangeWritesLongCSVAndNamesTheOptionOfAMissingField() throws {
        let output = try temporaryDirectory().appendingPathComponent("change.csv").path
        let inputs = [Fixtures.path(ChangeTests.before), Fixtures.path(ChangeTests.after)]
        let (status, errors) = try run(
            ["change"] + inputs + [
                "--class-field", "DLMC", "--after-class-field", "LUCLASS", "--zones", Fixtures.path(ChangeTests.zones),
                "--format", "csv", "-o", output, "--quiet",
            ])
        XCTAssertEqual(status, 0, errors)
        let rows = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\r\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        XCTAssertEqual(rows.first, ["zone", "before", "after", "area_m2", "area_ha"])
        let cells = try XCTUnwrap(try ChangeTests.expected("geodesic")["Zone A"]?["cells"] as? [[Any]])
        let expected = try XCTUnwrap(cells.first { $0[0] as? String == "沙地" && $0[1] as? String == "灌木林地" })
        let row = try XCTUnwrap(rows.first { $0.prefix(3) == ["Zone A", "沙地", "灌木林地"] })
        XCTAssertRelative(try XCTUnwrap(Double(row[3])), try XCTUnwrap(expected[2] as? Double), 1e-6)

        let (missing, message) = try run(["change"] + inputs + ["--class-field", "DLMC", "--quiet"])
        XCTAssertEqual(missing, 64, message)
        XCTAssertTrue(message.contains("--after-class-field"), message)
    }

    func testChangeWritesTheChangedPiecesAsGeoJSONAndRefusesAnotherFormat() throws {
        let folder = try temporaryDirectory()
        let inputs = [Fixtures.path(ChangeTests.before), Fixtures.path(ChangeTests.after)]
        let options = ["--class-field", "DLMC", "--after-class-field", "LUCLASS", "--quiet", "-o", "/dev/null"]
        let output = folder.appendingPathComponent("changes.geojson").path
        let (status, errors) = try run(["change"] + inputs + options + ["--changes", output])
        XCTAssertEqual(status, 0, errors)
        let document = try XCTUnwrap(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output))) as? [String: Any])
        let features = try XCTUnwrap(document["features"] as? [[String: Any]])
        let properties = try features.map { try XCTUnwrap($0["properties"] as? [String: Any]) }
        let result = try ChangeTests.run(zones: nil, keepChanges: true)
        XCTAssertEqual(features.count, result.changes.count)
        let sandToShrub = properties.filter { $0["before"] as? String == "沙地" && $0["after"] as? String == "灌木林地" }
        let area = sandToShrub.compactMap { $0["area_m2"] as? Double }.reduce(0, +)
        XCTAssertRelative(area, result.total.area("沙地", "灌木林地"), 1e-9)
        XCTAssertTrue(properties.allSatisfy { $0["zone"] as? String == "" && $0["area_ha"] is Double })

        let (refused, message) = try run(
            ["change"] + inputs + options + ["--changes", folder.appendingPathComponent("changes.csv").path])
        XCTAssertEqual(refused, 64, message)
        XCTAssertTrue(message.contains("--changes"), message)
    }
}
