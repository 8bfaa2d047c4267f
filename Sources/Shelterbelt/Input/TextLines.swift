import Foundation

/// The lines of a text input, read in 64 KiB chunks so that memory stays bounded whatever the file holds. More
/// than `limit` bytes, or a line longer than `maxLineBytes`, is an error found as soon as that much has been read:
/// a 1 GB file of zeros fails on line 1 after 64 KiB instead of being loaded whole.
///
/// Lines end at LF, CR LF or CR (in a UTF-16 file, at those characters' 2-byte units). A leading byte-order mark
/// is recognised and left out of line 1. The same reader runs over a file or over bytes in memory.
final class TextLines {
    enum ByteOrderMark: String { case utf8 = "UTF-8", utf16LE = "UTF-16LE", utf16BE = "UTF-16BE" }

    struct Line {
        /// Counting from 1.
        let number: Int
        /// Where the line's first byte is in the file.
        let offset: Int
        /// Without the line end.
        let bytes: [UInt8]
    }

    /// The path, or the name the bytes go by in messages.
    let file: String
    let limit: Int
    let maxLineBytes: Int
    /// Why the limit is what it is, for the size error (e.g. "a 界址点 file is a few MB at most").
    let limitReason: String
    /// The byte-order mark the input starts with, known once the first line has been read.
    private(set) var bom: ByteOrderMark?
    /// The UTF-16 byte order asked for (`--encoding UTF-16LE`), for a file without a mark: its lines end at
    /// 2-byte units too.
    var askedUTF16: ByteOrderMark?
    /// The 2-byte order lines are split in, if any.
    private var wideOrder: ByteOrderMark? {
        let order = bom ?? askedUTF16
        return order == .utf16LE || order == .utf16BE ? order : nil
    }

    private enum Source {
        case handle(FileHandle)
        case memory([UInt8])
    }
    private let source: Source
    private var buffer: [UInt8] = []
    /// The first byte of `buffer` not yet returned in a line.
    private var start = 0
    /// The file offset of `buffer[0]`.
    private var bufferOffset = 0
    /// Bytes taken from the source so far.
    private var taken = 0
    private var atEnd = false
    private var number = 0
    static let chunkBytes = 65_536

    /// Opens a file; a missing file, a folder or an unreadable file is an error saying which.
    init(path: String, limit: Int, maxLineBytes: Int = 65_536, limitReason: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ShelterbeltError(
                .missingInput, file: path, problem: "no such file or directory", remedy: "check the path")
        }
        guard !isDirectory.boolValue else {
            throw ShelterbeltError(
                .badInput, file: path, problem: "is a folder, not a text file", remedy: "check the path")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ShelterbeltError(.badInput, file: path, problem: "cannot be read", remedy: "check its permissions")
        }
        (file, source) = (path, .handle(handle))
        (self.limit, self.maxLineBytes, self.limitReason) = (limit, maxLineBytes, limitReason)
    }

    init(bytes: [UInt8], name: String, limit: Int, maxLineBytes: Int = 65_536, limitReason: String) {
        (file, source) = (name, .memory(bytes))
        (self.limit, self.maxLineBytes, self.limitReason) = (limit, maxLineBytes, limitReason)
    }

    deinit {
        if case .handle(let handle) = source { try? handle.close() }
    }

    /// Back to the start, for a second pass.
    func rewind() throws {
        if case .handle(let handle) = source {
            do { try handle.seek(toOffset: 0) } catch {
                throw ShelterbeltError(.badInput, file: file, problem: "cannot be read again: \(error)")
            }
        }
        (buffer, start, bufferOffset, taken, atEnd, number, bom) = ([], 0, 0, 0, false, 0, nil)
    }

    /// The next line, or nil at the end of the input.
    func next() throws -> Line? {
        if number == 0, bufferOffset + start == 0 { try skipByteOrderMark() }
        let width = wideOrder == nil ? 1 : 2
        // Bytes after `start` known to hold no line end; relative, since `fill` moves the buffer.
        var scanned = 0
        while true {
            if let end = terminator(from: start + scanned, width: width) {
                let isCR = unit(at: end, width: width) == 0x0D
                // A CR at the end of what has been read may be the first half of CR LF.
                if isCR, end + width == buffer.count, !atEnd {
                    scanned = end - start
                    try fill()
                    continue
                }
                let line = try take(upTo: end)
                var after = end + width
                if isCR, after + width <= buffer.count, unit(at: after, width: width) == 0x0A { after += width }
                start = after
                return line
            }
            guard buffer.count - start <= maxLineBytes else { throw tooLong() }
            if atEnd {
                guard start < buffer.count else { return nil }
                let line = try take(upTo: buffer.count)
                start = buffer.count
                return line
            }
            scanned = (buffer.count - start) / width * width
            try fill()
        }
    }

    private func take(upTo end: Int) throws -> Line {
        guard end - start <= maxLineBytes else { throw tooLong() }
        number += 1
        return Line(number: number, offset: bufferOffset + start, bytes: Array(buffer[start..<end]))
    }

    /// The first line end at or after `from`, on a unit boundary counted from `start`.
    private func terminator(from: Int, width: Int) -> Int? {
        var index = from
        while index + width <= buffer.count {
            let value = unit(at: index, width: width)
            if value == 0x0A || value == 0x0D { return index }
            index += width
        }
        return nil
    }

    private func unit(at index: Int, width: Int) -> UInt16 {
        guard width == 2 else { return UInt16(buffer[index]) }
        let (first, second) = (UInt16(buffer[index]), UInt16(buffer[index + 1]))
        return wideOrder == .utf16BE ? first << 8 | second : second << 8 | first
    }

    private func skipByteOrderMark() throws {
        while buffer.count < 3, !atEnd { try fill() }
        if buffer.starts(with: [0xEF, 0xBB, 0xBF]) {
            (bom, start) = (.utf8, 3)
        } else if buffer.starts(with: [0xFF, 0xFE]) {
            (bom, start) = (.utf16LE, 2)
        } else if buffer.starts(with: [0xFE, 0xFF]) {
            (bom, start) = (.utf16BE, 2)
        }
    }

    /// Reads the next chunk, dropping the bytes already returned; an input over `limit` is an error here.
    private func fill() throws {
        if start > 0 {
            buffer.removeFirst(start)
            bufferOffset += start
            start = 0
        }
        let chunk: [UInt8]
        switch source {
        case .memory(let bytes):
            chunk = Array(bytes[min(taken, bytes.count)..<min(taken + Self.chunkBytes, bytes.count)])
        case .handle(let handle):
            do { chunk = [UInt8](try handle.read(upToCount: Self.chunkBytes) ?? Data()) } catch {
                throw ShelterbeltError(
                    .badInput, file: file, problem: "reading stopped at line \(number + 1): \(error)",
                    remedy: "check the disk and the file")
            }
        }
        atEnd = chunk.isEmpty
        taken += chunk.count
        buffer += chunk
        guard taken <= limit else { throw tooLarge() }
    }

    private func tooLong() -> ShelterbeltError {
        ShelterbeltError(
            .badInput, file: file,
            problem:
                "line \(number + 1) is longer than \(Self.size(maxLineBytes)) "
                + "(it starts at byte \(bufferOffset + start))",
            remedy: "is this a text file of the expected kind? Its lines are much shorter")
    }

    private func tooLarge() -> ShelterbeltError {
        var size = "more than \(Self.size(limit))"
        if case .handle = source, let attributes = try? FileManager.default.attributesOfItem(atPath: file),
            let bytes = (attributes[.size] as? NSNumber)?.intValue
        {
            size = Self.size(bytes)
        } else if case .memory(let bytes) = source {
            size = Self.size(bytes.count)
        }
        return ShelterbeltError(
            .badInput, file: file,
            problem: "is \(size), over the limit of \(Self.size(limit)) (reading stopped at line \(number + 1))",
            remedy: "check that this is the right file: \(limitReason)")
    }

    /// "64 KiB", "1.5 MiB", "1024.0 MiB"; bytes below 1 KiB as they are.
    static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) bytes" }
        if bytes < 1_048_576 {
            return bytes % 1024 == 0 ? "\(bytes / 1024) KiB" : String(format: "%.1f KiB", Double(bytes) / 1024)
        }
        return bytes % 1_048_576 == 0
            ? "\(bytes / 1_048_576) MiB" : String(format: "%.1f MiB", Double(bytes) / 1_048_576)
    }
}
