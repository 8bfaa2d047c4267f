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

    /// Runs the executable; its exit status (a crash fails the test) and what it wrote to stderr.
    func run(_ arguments: [String], output: FileHandle = .nullDevice) throws -> (status: Int32, errors: String) {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        process.standardOutput = output
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .exit, "shelterbelt \(arguments.joined(separator: " ")) crashed")
        return (
            process.terminationStatus,
            String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        )
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
}
