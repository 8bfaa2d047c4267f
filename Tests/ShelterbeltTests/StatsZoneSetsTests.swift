import Foundation
import XCTest
@testable import Shelterbelt

/// One read of the subject measured against several zone layers gives each layer the figures of its own run.
final class StatsZoneSetsTests: XCTestCase {
    static let ordos = Fixtures.directory.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Layers/ordos")

    func requests(_ subject: String, zones: [String], zoneField: String, by: String?) -> [StatsRequest] {
        zones.map {
            StatsRequest(
                subject: LayerSource(path: subject), zones: LayerSource(path: $0), zoneField: zoneField, byField: by,
                threads: 2)
        }
    }

    /// Every row of each zone set, to the square metre, with the same patch counts and overlap summary.
    func checkOneReadEqualsSeparateRuns(_ requests: [StatsRequest]) throws {
        let together = try StatsEngine.run(requests)
        XCTAssertEqual(together.count, requests.count)
        for (request, combined) in zip(requests, together) {
            let alone = try StatsEngine.run(request)
            let name = request.zones.path
            XCTAssertEqual(combined.zones.names, alone.zones.names, name)
            XCTAssertEqual(combined.rows.count, alone.rows.count, name)
            for (a, b) in zip(combined.rows, alone.rows) {
                XCTAssertEqual(a.scope, b.scope, name)
                XCTAssertEqual(a.key, b.key, name)
                XCTAssertEqual(a.features, b.features, "\(name) \(a.scope) \(a.key ?? "")")
                XCTAssertEqual(a.area, b.area, accuracy: 1, "\(name) \(a.scope) \(a.key ?? "")")
                XCTAssertEqual(a.measure.overlap, b.measure.overlap, accuracy: 1, name)
            }
            XCTAssertEqual(combined.featuresRead, alone.featuresRead, name)
            XCTAssertEqual(combined.overlaps, alone.overlaps, name)
        }
    }

    func testSamplePatchesByFourLayoutLayers() throws {
        let zones = ["zones5", "kongdui", "parks", "banners"].map {
            Self.ordos.appendingPathComponent("\($0).geojson").path
        }
        let subject = Self.ordos.appendingPathComponent("sample/patches.shp").path
        let requests = requests(subject, zones: zones, zoneField: "id", by: "treatment")
        try checkOneReadEqualsSeparateRuns(requests)
        // Real figures, not only agreement: 2 000 patches, each counted once in the total of every set.
        let results = try StatsEngine.run(requests)
        XCTAssertEqual(results.map(\.total.features), [2000, 2000, 2000, 2000])
        XCTAssertEqual(results.map(\.zones.names.count).first, 5)
        XCTAssertGreaterThan(results[0].total.area, 0)
        for result in results.dropFirst() { XCTAssertEqual(result.total.area, results[0].total.area, accuracy: 1e-3) }
    }

    /// A zone layer measured twice, split two ways (as the report's zone table and a target scoped to it are),
    /// shares one distribution per feature and still gives each split its own figures.
    func testOneLayerSplitTwoWays() throws {
        let zones = Self.ordos.appendingPathComponent("zones5.geojson").path
        let subject = Self.ordos.appendingPathComponent("sample/patches.shp").path
        var byYear = requests(subject, zones: [zones], zoneField: "id", by: nil)[0]
        byYear.classFields = [ClassField(name: "landuse"), ClassField(name: "year")]
        let requests = requests(subject, zones: [zones, zones], zoneField: "id", by: "treatment") + [byYear]
        try checkOneReadEqualsSeparateRuns(requests)
        let results = try StatsEngine.run(requests)
        XCTAssertEqual(results[2].byField, "landuse|year")
        XCTAssertTrue(results[2].rows.contains { $0.key?.hasPrefix("0301|20") == true }, "keys are value|year")
        XCTAssertEqual(results[2].total.area, results[0].total.area, accuracy: 1e-3)
    }

    func testOverlappingSubjectAgainstTwoLayers() throws {
        let requests = requests(
            Fixtures.path("overlapping.geojson"),
            zones: [
                Fixtures.path("two_zones.geojson"),
                Fixtures.path(
                    "square_split.geojson"),
            ], zoneField: "name", by: "name")
        try checkOneReadEqualsSeparateRuns(requests)
        XCTAssertGreaterThan(try StatsEngine.run(requests)[0].overlaps.pairs, 0)
    }
}
