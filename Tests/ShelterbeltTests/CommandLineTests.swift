import Foundation
import XCTest

/// The `shelterbelt` executable itself, where only a process shows the behaviour: what happens to its output.
final class CommandLineTests: XCTestCase {
    /// The executable built beside the test bundle.
    func executable() throws -> URL {
        // On Linux the bundle URL is the build folder itself; elsewhere the .xctest inside it.
        let bundle = Bundle(for: Self.self).bundleURL
        let candidates = [bundle, bundle.deletingLastPathComponent()].map { $0.appendingPathComponent("shelterbelt") }
        guard let url = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw XCTSkip("no shelterbelt executable beside \(bundle.path)")
        }
        return url
    }

    func testAFullDiskIsExit74WithAMessageNotACrash() throws {
        let full = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
        let (status, errors) = try run(
            ["stats", Fixtures.path("square_split.geojson"), "--zones", Fixtures.path("two_zones.geojson"), "--quiet"],
            output: full)
        XCTAssertEqual(status, 74, errors)
        XCTAssertTrue(errors.contains("standard output: cannot be written"), errors)
    }

    func testZonalRefusesARotatedRasterWithExit65() throws {
        let (status, errors) = try run([
            "zonal", Fixtures.path("zonal/rotated.vrt"), "--zones", Fixtures.path("zonal/zones_lonlat.geojson"),
            "--categorical",
        ])
        XCTAssertEqual(status, 65, errors)
        XCTAssertTrue(errors.contains("rotated geotransform"), errors)
    }

    func testAClosedStandardOutputIsExit74AndNoFileReceivesTheResult() throws {
        let (arguments, folder) = try sampleStats()
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "exec \"$0\" \"$@\" >&-", try executable().path] + arguments
        let errors = Pipe()
        shell.standardError = errors
        try shell.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        shell.waitUntilExit()
        XCTAssertEqual(shell.terminationReason, .exit, text)
        XCTAssertEqual(shell.terminationStatus, 74, text)
        XCTAssertTrue(text.contains("standard output: cannot be written"), text)
        let copied = ["patches.cpg", "patches.dbf", "patches.prj", "patches.shp", "patches.shx"]
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder).sorted(), copied)
    }

    /// Runs the executable; its exit status (a crash fails the test) and what it wrote to stderr.
    func run(_ arguments: [String], output: Any = FileHandle.nullDevice) throws -> (status: Int32, errors: String) {
        let (process, errors) = try launch(arguments, output: output)
        XCTAssertEqual(process.terminationReason, .exit, "shelterbelt \(arguments.joined(separator: " ")) crashed")
        return (process.terminationStatus, errors)
    }

    /// Runs the executable to its end; the process and what it wrote to stderr.
    func launch(_ arguments: [String], output: Any) throws -> (process: Process, errors: String) {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        process.standardOutput = output
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process, text)
    }

    /// `stats` of the sample patches, a Shapefile set copied into a fresh folder (so no test can change the
    /// original), over the two test zones; and that folder.
    func sampleStats() throws -> (arguments: [String], folder: String) {
        let folder = try temporaryDirectory().path
        let sample = Fixtures.directory.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Layers/ordos/sample").path
        for ext in ["shp", "shx", "dbf", "prj", "cpg"] {
            try FileManager.default.copyItem(atPath: "\(sample)/patches.\(ext)", toPath: "\(folder)/patches.\(ext)")
        }
        return (
            [
                "stats", folder + "/patches.shp", "--zones", Fixtures.path("two_zones.geojson"), "--quiet", "--format",
                "csv",
            ],
            folder
        )
    }

    func testOutputOntoASidecarOfTheSubjectIsRefused() throws {
        let (stats, folder) = try sampleStats()
        let before = try Data(contentsOf: URL(fileURLWithPath: folder + "/patches.cpg"))
        let (status, errors) = try run(stats + ["-o", folder + "/patches.cpg"])
        XCTAssertEqual(status, 64, errors)
        XCTAssertTrue(errors.contains("patches.cpg: belongs with "), errors)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: folder + "/patches.cpg")), before)
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: folder).sorted(),
            ["patches.cpg", "patches.dbf", "patches.prj", "patches.shp", "patches.shx"])
    }

    func testOutputOntoDevFullIsExit74AndDevFullStaysADevice() throws {
        guard access("/dev/full", W_OK) == 0 else { throw XCTSkip("no writable /dev/full") }
        let (stats, _) = try sampleStats()
        let (status, errors) = try run(stats + ["-o", "/dev/full"])
        XCTAssertEqual(status, 74, errors)
        XCTAssertTrue(errors.contains("/dev/full: cannot be written: No space left on device"), errors)
        let attributes = try FileManager.default.attributesOfItem(atPath: "/dev/full")
        XCTAssertEqual(attributes[.type] as? FileAttributeType, .typeCharacterSpecial)
    }

    func testOutputOntoASymlinkWritesTheFileItNames() throws {
        let (stats, folder) = try sampleStats()
        let target = try temporaryDirectory().path + "/table.csv"
        try Data("old".utf8).write(to: URL(fileURLWithPath: target))
        try FileManager.default.createSymbolicLink(atPath: folder + "/link.csv", withDestinationPath: target)
        let (status, errors) = try run(stats + ["-o", folder + "/link.csv"])
        XCTAssertEqual(status, 0, errors)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: folder + "/link.csv"), target)
        XCTAssertTrue(try String(contentsOfFile: target, encoding: .utf8).hasPrefix("zone,class,area_m2"))
    }

    func testDashIsStandardOutput() throws {
        let (stats, folder) = try sampleStats()
        let output = Pipe()
        let (process, errors) = try launch(stats + ["-o", "-"], output: output)
        XCTAssertEqual(process.terminationStatus, 0, errors)
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("zone,class,area_m2"), text)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/-"))
    }

    func testAClosedPipeEndsTheRunQuietly() throws {
        let (stats, _) = try sampleStats()
        let output = Pipe()
        try output.fileHandleForReading.close()  // the reader has gone, as after `| head -1`
        let (process, errors) = try launch(stats, output: output)
        XCTAssertEqual(errors, "")
        switch process.terminationReason {
        case .uncaughtSignal: XCTAssertEqual(process.terminationStatus, SIGPIPE)
        case .exit: XCTAssertEqual(process.terminationStatus, 0)
        @unknown default: XCTFail("ended by \(process.terminationReason)")
        }
    }

    func testReportOverAFolderWithAUsersFileIsExit73AndTheFileStays() throws {
        let root = Fixtures.directory.deletingLastPathComponent().deletingLastPathComponent().path
        let out = try temporaryDirectory().path + "/report"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
        try Data("mine".utf8).write(to: URL(fileURLWithPath: out + "/notes.docx"))
        let (status, errors) = try run([
            "report", "--layers", root + "/Layers/ordos", "--subject", root + "/Layers/ordos/sample/patches.shp",
            "--sites", "none", "--out", out, "--quiet",
        ])
        XCTAssertEqual(status, 73, errors)
        XCTAssertTrue(errors.contains("(notes.docx)"), errors)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out), ["notes.docx"])
        XCTAssertEqual(try String(contentsOfFile: out + "/notes.docx", encoding: .utf8), "mine")
    }

    func testThreadsAreANumberOfAtLeastOneAndCapped() throws {
        let stats = [
            "stats", Fixtures.path("square_split.geojson"), "--zones", Fixtures.path("two_zones.geojson"), "--quiet",
        ]
        let negative = try run(stats + ["--threads", "-1"])
        XCTAssertEqual(negative.status, 64, negative.errors)
        XCTAssertTrue(negative.errors.contains("--threads must be at least 1 (it is -1)"), negative.errors)
        let many = try run(stats + ["--threads", "100000"])
        XCTAssertEqual(many.status, 0, many.errors)
        XCTAssertTrue(many.errors.contains("--threads 100000 is more than 4 × the"), many.errors)
    }

    var stats: [String] {
        ["stats", Fixtures.path("square_split.geojson"), "--zones", Fixtures.path("two_zones.geojson"), "--quiet"]
    }

    func testAnUnknownUnitIsExit64ListingTheUnits() throws {
        let acre = try run(stats + ["--unit", "acre"])
        XCTAssertEqual(acre.status, 64, acre.errors)
        XCTAssertTrue(acre.errors.contains("'m2', 'ha', 'mu', 'wan-mu' or 'km2'"), acre.errors)
        XCTAssertEqual(try run(stats + ["--unit", "亩"]).status, 0, "the plans' spelling is accepted")
    }

    func testAFormatACommandDoesNotWriteIsExit64ListingItsFormats() throws {
        let xlsx = try run(stats + ["--format", "xlsx"])
        XCTAssertEqual(xlsx.status, 64, xlsx.errors)
        XCTAssertTrue(xlsx.errors.contains("name it with -o FILE.xlsx"), xlsx.errors)
        let layers = try run(["layers", "--format", "csv"])
        XCTAssertEqual(layers.status, 64, layers.errors)
        XCTAssertTrue(layers.errors.contains("Please provide one of 'table' and 'json'"), layers.errors)
    }

    func testNumbersOutsideTheirRangeAreExit64NamingOptionAndRange() throws {
        let sites = Fixtures.path("screening/sites.geojson")
        let cases: [([String], String)] = [
            (
                ["screen", sites, "--buffer", "8000000"],
                "'--buffer <metres>': it must be more than 0 and at most 50000 m"
            ),
            (["screen", sites, "--buffer", "nan"], "'--buffer <metres>': it must be more than 0 and at most 50000 m"),
            (["screen", sites, "--buffer", "-5"], "'--buffer <metres>': it must be more than 0 and at most 50000 m"),
            (stats + ["--precision", "99"], "'--precision <n>': it must be from 0 to 15"),
            (["report", "--precision", "-1"], "'--precision <n>': it must be from 0 to 15"),
        ]
        for (arguments, message) in cases {
            let result = try run(arguments)
            XCTAssertEqual(result.status, 64, arguments.joined(separator: " ") + ": " + result.errors)
            XCTAssertTrue(result.errors.contains(message), result.errors)
        }
    }

    /// The words of `shelterbelt … --help` (the help wraps its lines at the terminal's width).
    func help(_ arguments: [String]) throws -> String {
        let pipe = Pipe()
        let result = try run(arguments + ["--help"], output: pipe.fileHandleForWriting)
        try pipe.fileHandleForWriting.close()
        XCTAssertEqual(result.status, 0, result.errors)
        return String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    func testEveryCommandsHelpListsItsExitStatuses() throws {
        let writing = "74 writing an output failed (disk full, closed standard output)."
        for command in [[], ["screen"]] {
            let text = try help(command)
            XCTAssertTrue(text.contains("3 screening found a forbidden site;") && text.contains(writing), text)
        }
        for command in ["stats", "layers", "targets", "report"] {
            let text = try help([command])
            XCTAssertTrue(text.contains("Exit status: 0 success; 64 the command line is wrong"), text)
            XCTAssertTrue(text.contains(writing) && !text.contains("3 screening found"), text)
        }
    }

    func testHelpShowsTheRanges() throws {
        for (command, range) in [("screen", "--buffer <metres>"), ("stats", "--precision <n>")] {
            let help = try help([command])
            let expected =
                command == "screen"
                ? "(required when there are any), more than 0 and at most 50000 m." : "decimals, from 0 to 15"
            XCTAssertTrue(help.contains(range) && help.contains(expected), help)
        }
    }

    func testARulesFileWithAnAbsurdBufferIsExit65NamingTheRule() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let rules = folder.appendingPathComponent("rules.toml")
        let text = """
            [[rule]]
            path = "\(Fixtures.path("screening/redlines.geojson"))"
            severity = "forbidden"
            buffer_m = 8000000
            name_en = "red lines"
            """
        try text.write(to: rules, atomically: true, encoding: .utf8)
        let result = try run(["screen", Fixtures.path("screening/sites.geojson"), "--rules", rules.path, "--quiet"])
        XCTAssertEqual(result.status, 65, result.errors)
        XCTAssertTrue(
            result.errors.contains(
                "rules.toml: rule 1 ([[rule]] number 1): 'buffer_m' must be a number of metres from 0 to 50000 m"),
            result.errors)
    }

    func testABureausLayerRunsThroughTheCommandsWithAMappingAndWrongMappingsAreExit64() throws {
        let bureau = try bureauSubject()
        let targets = ["targets", "--subject", bureau, "--as-of", "2024-06-30", "--quiet", "--format", "json"]
        let values = BureauSchemaTests.codes.flatMap { ["--value", "treatment:\($0.key)=\($0.value)"] }
        let pipe = Pipe()
        let mapped = try run(
            targets + ["--field", "treatment=CSLX", "--field", "year=ND", "--field", "landuse=DLBM"] + values,
            output: pipe.fileHandleForWriting)
        try pipe.fileHandleForWriting.close()
        XCTAssertEqual(mapped.status, 0, mapped.errors)
        let json = try JSONSerialization.jsonObject(with: pipe.fileHandleForReading.readDataToEndOfFile())
        let items = try XCTUnwrap((json as? [String: Any])?["targets"] as? [[String: Any]])
        let afforestation = try XCTUnwrap(items.first { $0["id"] as? String == "afforestation-2021-2025" })
        // The same patches under the sample's names (TargetMeasurement on Tests/Fixtures/report/patches.shp).
        XCTAssertEqual(try XCTUnwrap(afforestation["measured_m2"] as? Double), 1_573_666.106618013, accuracy: 1e-6)

        let report = try temporaryDirectory().appendingPathComponent("report").path
        let unmapped = try run(["report", "--subject", bureau, "--out", report, "--quiet", "--threads", "2"])
        XCTAssertEqual(unmapped.status, 0, "targets not measurable do not stop the report: " + unmapped.errors)
        for (arguments, message) in [
            (["--field", "treatment"], "--field 'treatment' is not NAME=FIELD"),
            (["--value", "treatment=01"], "--value 'treatment=01' is not NAME:CODE=VALUE"),
            (["--field", "treatmnt=CSLX"], "'treatmnt' (--field, --value or mapping file) is not a field name"),
            (["--field", "year=YEAR"], "has no field 'YEAR' (mapped from 'year' by --field year=YEAR)"),
        ] {
            let result = try run(targets + arguments)
            XCTAssertEqual(result.status, 64, result.errors)
            XCTAssertTrue(result.errors.contains(message), result.errors)
        }
        let by = try run(["report", "--subject", bureau, "--by", "QQQ", "--out", report, "--quiet"])
        XCTAssertEqual(by.status, 64, by.errors)
        XCTAssertTrue(by.errors.contains("has no field 'QQQ' (--by)") && by.errors.contains("CSLX, ND"), by.errors)
    }
}
