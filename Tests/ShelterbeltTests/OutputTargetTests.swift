import Foundation
import XCTest
@testable import Shelterbelt

/// What an output path is, and that writing it never destroys anything but the output itself.
final class OutputTargetTests: XCTestCase {
    let manager = FileManager.default

    func testARegularFileIsReplacedWhole() throws {
        let folder = try temporaryDirectory().path
        let file = folder + "/out.csv"
        try AtomicFile.write("an older and longer text", to: file)
        try AtomicFile.write("new", to: file)
        XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), "new")
        XCTAssertEqual(try manager.contentsOfDirectory(atPath: folder), ["out.csv"])
    }

    func testASymlinkStaysALinkAndTheFileItNamesIsWritten() throws {
        let folder = try temporaryDirectory().path
        try manager.createDirectory(atPath: folder + "/real", withIntermediateDirectories: false)
        try AtomicFile.write("old", to: folder + "/real/out.csv")
        try manager.createSymbolicLink(atPath: folder + "/link.csv", withDestinationPath: "real/out.csv")
        try AtomicFile.write("new", to: folder + "/link.csv")
        XCTAssertEqual(try manager.destinationOfSymbolicLink(atPath: folder + "/link.csv"), "real/out.csv")
        XCTAssertEqual(try String(contentsOfFile: folder + "/real/out.csv", encoding: .utf8), "new")
        XCTAssertEqual(try manager.contentsOfDirectory(atPath: folder + "/real"), ["out.csv"])
        XCTAssertEqual(try manager.contentsOfDirectory(atPath: folder).sorted(), ["link.csv", "real"])

        // A dangling link: the file it names is created, the link kept.
        try manager.createSymbolicLink(atPath: folder + "/later.csv", withDestinationPath: "real/later.csv")
        try AtomicFile.write("made", to: folder + "/later.csv")
        XCTAssertEqual(try String(contentsOfFile: folder + "/real/later.csv", encoding: .utf8), "made")
        XCTAssertEqual(try manager.destinationOfSymbolicLink(atPath: folder + "/later.csv"), "real/later.csv")
    }

    func testAFIFOIsWrittenThroughNotReplaced() throws {
        let fifo = try temporaryDirectory().path + "/pipe.csv"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0, String(cString: strerror(errno)))
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/cat")
        reader.arguments = [fifo]
        let received = Pipe()
        reader.standardOutput = received
        try reader.run()
        try AtomicFile.write("zone,area\nA,1\n", to: fifo)
        let text = String(decoding: received.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        reader.waitUntilExit()
        XCTAssertEqual(text, "zone,area\nA,1\n")
        XCTAssertEqual(try fileType(fifo), S_IFIFO)
    }

    func testDevNullStaysACharacterDevice() throws {
        guard access("/dev/null", W_OK) == 0 else { throw XCTSkip("/dev/null cannot be written here") }
        try AtomicFile.write("discarded", to: "/dev/null")
        try AtomicFile.write(to: "/dev/null") { try Data("also".utf8).write(to: URL(fileURLWithPath: $0)) }
        XCTAssertEqual(try fileType("/dev/null"), S_IFCHR)
    }

    func testDashAndDevStdoutAreStandardOutput() throws {
        XCTAssertEqual(try OutputTarget("-"), .descriptor(STDOUT_FILENO))
        XCTAssertEqual(try OutputTarget("/dev/stdout"), .descriptor(STDOUT_FILENO))
        XCTAssertEqual(try OutputTarget("/dev/fd/2"), .descriptor(STDERR_FILENO))
        let folder = try temporaryDirectory().path
        XCTAssertEqual(try OutputTarget(folder + "/./new.csv"), .file(CanonicalPath.of(folder) + "/new.csv"))
    }

    func testAFailedWriteIsExit74AndLeavesNoTemporaryFile() throws {
        guard access("/dev/full", W_OK) == 0 else { throw XCTSkip("no writable /dev/full") }
        XCTAssertThrowsError(try AtomicFile.write("x", to: "/dev/full")) { error in
            XCTAssertEqual((error as? ShelterbeltError)?.exitCode, 74)
            XCTAssertTrue("\(error)".contains("/dev/full: cannot be written: No space left on device"), "\(error)")
        }
        let before = try manager.contentsOfDirectory(atPath: NSTemporaryDirectory()).filter { $0.contains(".tmp-") }
        XCTAssertThrowsError(
            try AtomicFile.write(to: "/dev/full", fileExtension: "xlsx") {
                try Data("workbook".utf8).write(to: URL(fileURLWithPath: $0))
            }
        ) { error in XCTAssertEqual((error as? ShelterbeltError)?.exitCode, 74) }
        XCTAssertEqual(try fileType("/dev/full"), S_IFCHR)
        let after = try manager.contentsOfDirectory(atPath: NSTemporaryDirectory()).filter { $0.contains(".tmp-") }
        XCTAssertEqual(Set(after).subtracting(before), [], "temporary copy left behind")
    }

    func testAFolderThatCannotBeWrittenIsExit73AndStaysEmpty() throws {
        guard geteuid() != 0 else { throw XCTSkip("root writes any folder") }
        let folder = try temporaryDirectory().path + "/locked"
        try manager.createDirectory(
            atPath: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o555])
        addTeardownBlock { _ = chmod(folder, 0o755) }
        XCTAssertThrowsError(try AtomicFile.write("x", to: folder + "/out.csv")) { error in
            XCTAssertEqual((error as? ShelterbeltError)?.exitCode, 73)
            XCTAssertTrue("\(error)".contains("out.csv: cannot be created: Permission denied"), "\(error)")
        }
        XCTAssertEqual(try manager.contentsOfDirectory(atPath: folder), [])
    }

    func testSidecarsOfEveryInputAreRefused() throws {
        let folder = try temporaryDirectory().path
        try manager.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: false)
        for file in ["in.shp", "in.dbf", "db.gpkg", "zones.geojson"] {
            try AtomicFile.write("input", to: folder + "/" + file)
        }
        InputFiles.register([folder + "/in.shp", folder + "/sub/../db.gpkg", folder + "/zones.geojson"])
        let elsewhere = try temporaryDirectory().path
        try manager.createSymbolicLink(atPath: elsewhere + "/alias.cpg", withDestinationPath: folder + "/in.cpg")
        let refused = [
            "in.cpg", "IN.QIX", "in.shp.xml", "in.aux.xml", "in.qml", "in.sbn", "./sub/../in.prj", "db.gpkg-wal",
            "db.gpkg-shm",
            "db.gpkg-journal", "db.gpkg.aux.xml", "db.prj", "zones.geojson", "zones.geojson.bak", "zones.cpg",
            elsewhere + "/alias.cpg",
        ]
        for target in refused {
            let path = target.hasPrefix("/") ? target : folder + "/" + target
            XCTAssertThrowsError(try AtomicFile.write("output", to: path), target) { error in
                XCTAssertEqual((error as? ShelterbeltError)?.exitCode, 64, target)
                XCTAssertTrue("\(error)".contains("an input of this run"), "\(error)")
            }
        }
        XCTAssertEqual(
            try manager.contentsOfDirectory(atPath: folder).sorted(),
            ["db.gpkg", "in.dbf", "in.shp", "sub", "zones.geojson"], "nothing written beside the inputs")
        // Other names beside an input are outputs like any other.
        for allowed in ["in.csv", "in.xlsx", "db.csv", "zones.csv", "zones.xlsx", "in2.csv", "sub/in.cpg"] {
            try AtomicFile.write("output", to: folder + "/" + allowed)
        }
    }

    func testAReportFolderHoldingAUsersFilesIsLeftAlone() throws {
        let out = try temporaryDirectory().path + "/report"
        try ReportFolder.write(to: out) { folder in
            try manager.createDirectory(atPath: folder + "/tables", withIntermediateDirectories: false)
            try AtomicFile.write("old", to: folder + "/tables/a.csv")
        }
        try AtomicFile.write("mine", to: out + "/notes.docx")
        XCTAssertThrowsError(try ReportFolder.write(to: out) { _ in }) { error in
            XCTAssertEqual((error as? ShelterbeltError)?.exitCode, 73)
            XCTAssertTrue("\(error)".contains("(notes.docx)"), "\(error)")
        }
        for name in ["data/", "tables/b.csv", "x1", "x2", "x3", "x4"] {
            if name.hasSuffix("/") {
                try manager.createDirectory(atPath: out + "/" + name, withIntermediateDirectories: false)
            } else {
                try AtomicFile.write("mine", to: out + "/" + name)
            }
        }
        XCTAssertThrowsError(try ReportFolder.write(to: out) { _ in }) { error in
            XCTAssertTrue("\(error)".contains("(data/, notes.docx, tables/b.csv, x1, x2 and 2 more)"), "\(error)")
        }
        XCTAssertEqual(try String(contentsOfFile: out + "/notes.docx", encoding: .utf8), "mine")
        XCTAssertEqual(try String(contentsOfFile: out + "/tables/a.csv", encoding: .utf8), "old")
    }

    func testAReportReplacesItsOwnFolder() throws {
        let parent = try temporaryDirectory().path
        let out = parent + "/report"
        for text in ["first", "second"] {
            try ReportFolder.write(to: out) { folder in
                try manager.createDirectory(atPath: folder + "/tables", withIntermediateDirectories: false)
                try AtomicFile.write(text, to: folder + "/tables/\(text).csv")
            }
        }
        XCTAssertEqual(try manager.contentsOfDirectory(atPath: out + "/tables"), ["second.csv"])
        XCTAssertEqual(ReportManifest(readFrom: out)?.entries, ["tables/", "tables/second.csv"])
        XCTAssertEqual(try manager.contentsOfDirectory(atPath: parent), ["report"], "temporary folders left behind")
    }

    func testAReportFolderHoldingAnInputIsNotReplaced() throws {
        let out = try temporaryDirectory().path + "/report"
        try ReportFolder.write(to: out) { folder in try AtomicFile.write("{}", to: folder + "/sites.geojson") }
        InputFiles.register([out + "/sites.geojson"])
        XCTAssertThrowsError(try ReportFolder.write(to: out) { _ in }) { error in
            XCTAssertEqual((error as? ShelterbeltError)?.exitCode, 64)
            XCTAssertTrue("\(error)".contains("sites.geojson, an input of this run"), "\(error)")
        }
        XCTAssertEqual(try String(contentsOfFile: out + "/sites.geojson", encoding: .utf8), "{}")
    }

    private func fileType(_ path: String) throws -> mode_t {
        var status = stat()
        guard lstat(path, &status) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        return status.st_mode & S_IFMT
    }
}
