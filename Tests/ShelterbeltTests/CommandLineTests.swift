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
        let process = Process()
        process.executableURL = try executable()
        process.arguments = ["stats", Fixtures.path("square_split.geojson"), "--zones", Fixtures.path("two_zones.geojson"), "--quiet"]
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(process.terminationReason, .exit, message)
        XCTAssertEqual(process.terminationStatus, 74, message)
        XCTAssertTrue(message.contains("standard output: cannot be written"), message)
    }
}
