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
}
