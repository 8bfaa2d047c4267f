import Foundation

/// Decodes the lines of a text file in one encoding chosen once for the whole file, so that a damaged byte is
/// reported on its own line instead of turning the whole file into another encoding's mojibake.
///
/// The encoding is, in order: the one asked for; the byte-order mark's (UTF-8, UTF-16LE, UTF-16BE); else the
/// lines that are not plain ASCII vote — valid UTF-8 for UTF-8, anything else for GBK (GB18030) — and UTF-8 wins
/// unless it has fewer votes. A genuine GBK file is almost never valid UTF-8 line by line (its first Chinese
/// line already is not), while a UTF-8 file with one damaged byte has one line against it and stays UTF-8.
struct LineDecoder {
    enum Choice {
        case asked, byteOrderMark, voted
        /// The format allows one encoding (TOML: UTF-8); the text says which format.
        case required(by: String)
    }

    /// An iconv name: UTF-8, GB18030, UTF-16LE, UTF-16BE or what was asked for.
    let encoding: String
    let choice: Choice
    let file: String

    /// Chooses the encoding of `lines`; voting reads them once and rewinds.
    static func choose(for lines: TextLines, asked: String?) throws -> LineDecoder {
        if let asked {
            let name = LegacyText.iconvName(asked)
            guard name == "UTF-8" || LegacyText.convert([], from: name) != .unknownEncoding else {
                throw ShelterbeltError(
                    .usage, file: lines.file, problem: "encoding '\(asked)' is not one this system knows",
                    remedy: "GBK and UTF-8 are the usual ones")
            }
            lines.askedUTF16 = TextLines.ByteOrderMark(rawValue: name)
            return LineDecoder(encoding: name, choice: .asked, file: lines.file)
        }
        var (utf8, other) = (0, 0)
        while let line = try lines.next() {
            if let bom = lines.bom, bom != .utf8 {
                try lines.rewind()
                return LineDecoder(encoding: bom.rawValue, choice: .byteOrderMark, file: lines.file)
            }
            guard line.bytes.contains(where: { $0 >= 0x80 }) else { continue }
            if String(validating: line.bytes, as: UTF8.self) != nil { utf8 += 1 } else { other += 1 }
        }
        let bom = lines.bom
        try lines.rewind()
        if bom == .utf8 { return LineDecoder(encoding: "UTF-8", choice: .byteOrderMark, file: lines.file) }
        return LineDecoder(encoding: utf8 >= other ? "UTF-8" : "GB18030", choice: .voted, file: lines.file)
    }

    /// The encoding as users know it.
    var label: String { encoding == "GB18030" ? "GBK" : encoding }

    /// The line's text; a byte that is not valid in the file's encoding, or a NUL, is an error naming the line,
    /// the byte's offset in the file and the bytes around it.
    func decode(_ line: TextLines.Line) throws -> String {
        let bytes = line.bytes
        let wide = encoding.hasPrefix("UTF-16")
        if !wide, let zero = bytes.firstIndex(of: 0) {
            throw fault(line, at: zero, "is a NUL byte, which text does not contain", remedy: nulRemedy)
        }
        if !wide, !bytes.contains(where: { $0 >= 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        let bad: Int
        if encoding == "UTF-8" {
            guard let index = Self.firstInvalidUTF8(bytes) else { return String(decoding: bytes, as: UTF8.self) }
            bad = index
        } else {
            switch LegacyText.convert(bytes, from: encoding) {
            case .text(let text):
                guard wide, let zero = text.unicodeScalars.firstIndex(of: "\0") else { return text }
                let units = text.unicodeScalars[..<zero].reduce(0) { $0 + ($1.value > 0xFFFF ? 2 : 1) }
                throw fault(
                    line, at: units * 2, "starts a NUL character, which text does not contain", remedy: nulRemedy)
            case .invalid(let index): bad = min(index, max(bytes.count - 1, 0))
            case .unknownEncoding: bad = 0
            }
        }
        let why: String
        switch choice {
        case .asked: why = "the encoding asked for"
        case .byteOrderMark: why = "as the file's byte-order mark says"
        case .voted: why = "the encoding of the file's other lines"
        case .required(let format): why = "\(format) is \(label)"
        }
        let remedy: String
        switch choice {
        case .asked:
            remedy =
                "check --encoding (GBK and UTF-8 are the usual ones), "
                + "or correct line \(line.number) if the byte is damaged"
        case .required:
            remedy = "correct line \(line.number), or re-save the file as \(label) if it is in another encoding"
        case .byteOrderMark, .voted:
            remedy =
                "the byte at \(line.offset + bad) is damaged: correct line \(line.number), "
                + "or re-save the file as UTF-8 or GBK"
        }
        throw fault(line, at: bad, "is not valid \(label) (\(why))", remedy: remedy)
    }

    private var nulRemedy: String { "is this a text file? If it is, the NUL bytes are damage: remove them" }

    private func fault(_ line: TextLines.Line, at index: Int, _ problem: String, remedy: String) -> ShelterbeltError {
        let bytes = line.bytes
        let shown = bytes.isEmpty ? "end of line" : String(format: "0x%02X", bytes[min(index, bytes.count - 1)])
        let around = bytes.indices.clamped(to: max(0, index - 4)..<min(bytes.count, index + 5)).map { position in
            let hex = String(format: "%02X", bytes[position])
            return position == index ? "[" + hex + "]" : hex
        }
        return ShelterbeltError(
            .badInput, file: file,
            problem: "line \(line.number), byte \(line.offset + index): \(shown) \(problem); the bytes there are "
                + around.joined(separator: " "),
            remedy: remedy)
    }

    /// The index of the first byte that does not belong to a valid UTF-8 sequence, or nil when all are valid.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var index = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): index += scalar.count
            case .emptyInput: return nil
            case .error: return index
            }
        }
    }
}
