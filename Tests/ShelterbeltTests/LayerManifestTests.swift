import Foundation
import XCTest
@testable import Shelterbelt

/// Reading layer manifests: the fields, the defaults, and an error for each way a manifest can be wrong.
final class LayerManifestTests: XCTestCase {
    func testBureauManifestMapsItsOwnFieldNames() throws {
        let set = try LayerSet.load(Fixtures.path("layersets/bureau"))
        XCTAssertEqual(set.manifest.nameZh, "测试旗县生态格局")
        XCTAssertEqual(set.manifest.crs, "EPSG:4490")
        XCTAssertEqual(set.layers.map(\.id), ["outline", "xiang", "plots"])
        let xiang = try XCTUnwrap(set.layer("xiang"))
        XCTAssertEqual(xiang.kind, .banner)
        XCTAssertTrue(xiang.partition)
        XCTAssertEqual([xiang.idField, xiang.nameZhField, xiang.nameEnField], ["zone", "name", "name"])
        XCTAssertEqual(xiang.file, Fixtures.path("layersets/bureau/../../two_zones.geojson"))
        XCTAssertEqual(set.city?.id, "outline")
        XCTAssertEqual(set.layer("plots")?.publishedArea, 480_000_000)
        XCTAssertEqual(try set.featureIds(of: xiang), ["A", "B"])
    }

    func testManifestFileAndFolderAreTheSameSet() throws {
        let byFile = try LayerSet.load(Fixtures.path("layersets/bureau/layers.toml"))
        XCTAssertEqual(byFile.directory, Fixtures.path("layersets/bureau"))
        XCTAssertEqual(byFile.layers.count, try LayerSet.load(Fixtures.path("layersets/bureau")).layers.count)
    }

    func testDefaultsWhenOptionalKeysAreAbsent() throws {
        let file = try manifest(
            """
            [[layer]]
            id = "zones"
            path = "\(Fixtures.path("two_zones.geojson"))"
            kind = "zone3"
            name_zh = "三区"
            name_en = "Three zones"
            """)
        let layer = try LayerManifest.load(file).layers[0]
        XCTAssertEqual(try LayerManifest.load(file).crs, "EPSG:4490")
        XCTAssertFalse(layer.partition)
        XCTAssertEqual([layer.idField, layer.nameZhField, layer.nameEnField], ["id", "name_zh", "name_en"])
        XCTAssertNil(layer.publishedAreaKm2)
        XCTAssertNil(layer.tolerance)
    }

    func testMissingPath() throws {
        try assertError(
            layer: "id = \"b\"\nkind = \"banner\"\nname_zh = \"旗\"\nname_en = \"B\"",
            says: ["[[layer]] 2 (id \"b\")", "key 'path'", "is missing"])
    }

    func testPathThatDoesNotExist() throws {
        try assertError(
            layer: "id = \"b\"\npath = \"nowhere.geojson\"\nkind = \"banner\"\nname_zh = \"旗\"\nname_en = \"B\"",
            says: ["[[layer]] 2 (id \"b\")", "key 'path'", "nowhere.geojson does not exist"])
    }

    func testUnknownKind() throws {
        let error = try assertError(
            layer: """
                id = "b"
                path = "\(Fixtures.path("two_zones.geojson"))"
                kind = "county"
                name_zh = "旗"
                name_en = "B"
                """,
            says: ["[[layer]] 2 (id \"b\")", "key 'kind'", "'county' is not a layer kind"])
        XCTAssertTrue(error.remedy?.contains("watershed") ?? false)
    }

    func testDuplicateId() throws {
        try assertError(
            layer: """
                id = "a"
                path = "\(Fixtures.path("two_zones.geojson"))"
                kind = "banner"
                name_zh = "旗"
                name_en = "B"
                """,
            says: ["[[layer]] 2 (id \"a\")", "key 'id'", "duplicate: [[layer]] 1"])
    }

    func testWrongType() throws {
        try assertError(
            layer: """
                id = "b"
                path = "\(Fixtures.path("two_zones.geojson"))"
                kind = "banner"
                name_zh = "旗"
                name_en = "B"
                partition = "yes"
                """,
            says: ["[[layer]] 2 (id \"b\")", "key 'partition'", "must be true or false, not a TOML string"])
    }

    func testToleranceWithoutPublishedArea() throws {
        try assertError(
            layer: """
                id = "b"
                path = "\(Fixtures.path("two_zones.geojson"))"
                kind = "banner"
                name_zh = "旗"
                name_en = "B"
                tolerance = 0.02
                """,
            says: ["key 'tolerance'", "published_area_km2 is not"])
    }

    func testInvalidTOMLSaysWhere() throws {
        let file = try manifest("[[layer]]\nid = \"a\nkind = 3\n")
        XCTAssertThrowsError(try LayerManifest.load(file)) { error in
            let text = (error as? ShelterbeltError)?.description ?? ""
            XCTAssertTrue(
                text.contains(file) && text.contains("is not valid TOML") && text.contains("(line 5, column"), text)
        }
    }

    func testMissingManifest() throws {
        XCTAssertThrowsError(try LayerSet.load("/nonexistent/layers")) { error in
            XCTAssertEqual((error as? ShelterbeltError)?.kind, .missingInput)
        }
    }

    func testBundledOrdosManifestAndTargetsRead() throws {
        let folder = Fixtures.directory.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
            "Layers/ordos"
        ).path
        guard FileManager.default.fileExists(atPath: folder + "/layers.toml") else {
            throw XCTSkip("Layers/ordos/layers.toml is not there yet (generated by Scripts/); skipped")
        }
        let set = try LayerSet.load(folder)
        for kind in [LayerKind.city, .banner, .watershed, .zone5] {
            XCTAssertNotNil(set.layers.first { $0.kind == kind }, kind.rawValue)
        }
        let targets = try Targets.load(nil, layers: set)
        XCTAssertTrue(targets.items.contains { $0.measure == .area && $0.areaUnit == .wanMu })
        XCTAssertTrue(targets.items.allSatisfy { !$0.source.isEmpty })
        try TargetMeasurement.checkScopes(targets.items, targets: targets, layers: set)
    }

    // MARK: helpers

    /// Writes a manifest (top-level keys added) to a temporary folder and returns its path.
    private func manifest(_ layers: String) throws -> String {
        let folder = try temporaryDirectory()
        let file = folder.appendingPathComponent("layers.toml").path
        try "name_zh = \"测试\"\nname_en = \"Test\"\n\n\(layers)\n".write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    /// A manifest whose first layer is fine and whose second is `layer` must fail naming the file and `says`.
    @discardableResult
    private func assertError(layer: String, says parts: [String], file: StaticString = #filePath, line: UInt = #line)
        throws -> ShelterbeltError
    {
        let good = """
            [[layer]]
            id = "a"
            path = "\(Fixtures.path("two_zones.geojson"))"
            kind = "banner"
            name_zh = "旗"
            name_en = "A"

            """
        let path = try manifest(good + "\n[[layer]]\n" + layer)
        do {
            _ = try LayerManifest.load(path)
        } catch let error as ShelterbeltError {
            XCTAssertEqual(error.kind, .badInput, file: file, line: line)
            for part in [path] + parts {
                XCTAssertTrue(
                    error.description.contains(part), "'\(part)' not in: \(error.description)", file: file, line: line)
            }
            return error
        }
        XCTFail("no error", file: file, line: line)
        return ShelterbeltError(.internalError, problem: "")
    }
}
