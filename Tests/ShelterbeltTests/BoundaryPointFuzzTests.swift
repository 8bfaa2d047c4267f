import Foundation
import GeoKit
import XCTest
@testable import Shelterbelt

/// A deterministic mutation fuzzer for the 界址点 reader: the valid fixtures, damaged 12 000 ways, must each parse
/// or be refused with a ShelterbeltError naming a line (or one of a few whole-file faults), never trap, and never
/// print a control character from the input raw.
final class BoundaryPointFuzzTests: XCTestCase {
    /// SplitMix64 (Steele, Lea and Flood 2014): small, fast and the same on every platform and run.
    struct SplitMix64 {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        /// 0 ..< bound (bound > 0).
        mutating func below(_ bound: Int) -> Int { Int(truncatingIfNeeded: next() % UInt64(bound)) }

        mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    }

    static let numbers = [
        "1e309", "-4474752.028", "nan", "NaN", "12345678901234567890123456", "-12345678901234567890123456",
        "9223372036854775808", "-9223372036854775809", "0", "-0", "+", ".", "", " ", "Infinity", "0x1F", "1_000",
    ]
    static let insertions: [[UInt8]] = [
        [0x00], [0xFF], [0xB5], [0x1B, 0x5B, 0x32, 0x4A], Array("\u{202E}".utf8), [0x0D], [0x0A], [0xC0, 0xAF],
        [0xEF, 0xBB, 0xBF], Array("，".utf8), Array("[地块坐标]\n".utf8), Array("@".utf8), [0x2C],
    ]
    /// Whole-file faults that have no one line to name.
    static let fileLevel = [
        "has no [地块坐标] section", "has no parcel under [地块坐标]", "does not say its coordinate system",
        "zone cannot be told", "over the limit of",
    ]

    func mutate(_ input: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
        var bytes = input
        var lines: [[UInt8]] { bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init) }
        func join(_ parts: [[UInt8]]) -> [UInt8] { Array(parts.joined(separator: [0x0A])) }
        guard !bytes.isEmpty else { return random.pick(Self.insertions) }
        switch random.below(12) {
        case 0:
            bytes[random.below(bytes.count)] ^= UInt8(1 << random.below(8))
        case 1:
            bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: random.below(bytes.count + 1))
        case 2:
            let start = random.below(bytes.count)
            bytes.removeSubrange(start..<min(bytes.count, start + 1 + random.below(8)))
        case 3:
            var parts = lines
            let index = random.below(parts.count)
            parts.insert(parts[index], at: random.below(parts.count + 1))
            bytes = join(parts)
        case 4:
            var parts = lines
            parts.remove(at: random.below(parts.count))
            bytes = join(parts)
        case 5:
            var parts = lines
            parts.swapAt(random.below(parts.count), random.below(parts.count))
            bytes = join(parts)
        case 6:
            bytes.removeSubrange(random.below(bytes.count)...)
        case 7:
            // A run of digits (with its point) becomes a huge, negative, NaN or 26-digit value.
            let digits = bytes.indices.filter { (0x30...0x39).contains(bytes[$0]) }
            guard let first = digits.isEmpty ? nil : digits[random.below(digits.count)] else { break }
            var end = first
            while end < bytes.count, (0x30...0x39).contains(bytes[end]) || bytes[end] == 0x2E { end += 1 }
            bytes.replaceSubrange(first..<end, with: Array(random.pick(Self.numbers).utf8))
        case 8:
            bytes.insert(contentsOf: random.pick(Self.insertions), at: random.below(bytes.count + 1))
        case 9:
            // 界址点数 of a parcel header changed.
            var parts = lines
            let headers = parts.indices.filter { parts[$0].last(where: { $0 != 0x0D }) == 0x40 }
            guard !headers.isEmpty else { break }
            let index = random.pick(headers)
            let comma = parts[index].firstIndex(of: 0x2C) ?? 0
            let count = random.pick(["0", "1", "-5", "4", "5", "10", "99999999999999999999", "x"])
            parts[index].replaceSubrange(0..<comma, with: Array(count.utf8))
            bytes = join(parts)
        case 10:
            if let at = bytes.indices.filter({ bytes[$0] == 0x40 }).randomElement(using: &random) {
                bytes.remove(at: at)
            }
        default:
            if let at = bytes.indices.filter({ bytes[$0] == 0x2C }).randomElement(using: &random) {
                bytes.remove(at: at)
            }
        }
        return bytes
    }

    func testTwelveThousandMutationsAreRefusedByLineOrRead() throws {
        let fixtures = try ["prefix36_utf8.txt", "noprefix_gbk_crlf.txt"].map {
            try [UInt8](Data(contentsOf: URL(fileURLWithPath: BoundaryPointFileTests.path($0))))
        }
        var random = SplitMix64(state: 20_251_112)
        let context = GEOSContext()
        var (read, refused) = (0, 0)
        var problems = Set<String>()
        let started = Date()
        for round in 0..<12_000 {
            var bytes = fixtures[round % fixtures.count]
            for _ in 0...random.below(3) { bytes = mutate(bytes, &random) }
            do {
                let file = try BoundaryPointFile(bytes: bytes, path: "fuzz.txt")
                for parcel in file.parcels { _ = try file.geometry(of: parcel, context: context) }
                XCTAssertFalse(file.warnings.joined().unicodeScalars.contains(where: VisibleText.isHidden))
                read += 1
            } catch let error as ShelterbeltError {
                refused += 1
                let message = error.description.replacingOccurrences(of: "\n  what to do: ", with: " | ")
                XCTAssertFalse(
                    message.unicodeScalars.contains(where: VisibleText.isHidden), "round \(round): \(message)")
                let namesLine = error.problem.range(of: #"^line \d+"#, options: .regularExpression) != nil
                let whole = Self.fileLevel.contains { error.problem.contains($0) }
                XCTAssertTrue(namesLine || whole, "round \(round): names no line: \(message)")
                problems.insert(String(error.problem.prefix { $0 != ":" && $0 != "," }))
            } catch {
                XCTFail("round \(round): not a ShelterbeltError: \(error)")
            }
        }
        let seconds = Date().timeIntervalSince(started)
        print(
            "fuzz: 12 000 inputs, \(read) read, \(refused) refused (\(problems.count) kinds of fault), "
                + "in \(String(format: "%.1f", seconds)) s")
        XCTAssertEqual(read + refused, 12_000)
        XCTAssertGreaterThan(read, 500)  // mutations such as a swapped blank line still parse
        XCTAssertGreaterThan(refused, 6_000)
        XCTAssertGreaterThan(problems.count, 25)  // the mutations reach many of the parser's checks
        XCTAssertLessThan(seconds, 60)
    }
}

extension BoundaryPointFuzzTests.SplitMix64: RandomNumberGenerator {}
