import Foundation

/// Checks, before a Shapefile is read, that its attribute text will decode into what was written.
///
/// A Shapefile's text is bytes in an encoding named by `--encoding`, the .cpg file or the DBF's language byte,
/// often wrongly (a .cpg saying UTF-8 beside GBK text, a Latin-1 language byte from ArcGIS). Decoded the wrong
/// way, names turn into mojibake and a zone or class is silently mislabelled, so a sample of the raw bytes is
/// tried against the encoding that will be used, and a contradiction is an error naming the encoding that fits.
enum ShapefileText {
    /// Records sampled: enough to meet every field's text, bounded so that opening stays instant.
    static let sampleRecords = 2000

    /// The encoding the file itself declares, by its .cpg or its language byte; nil when it declares none.
    static func declaredEncoding(of source: LayerSource) -> (name: String, by: String)? {
        let base = (source.path as NSString).deletingPathExtension
        for ext in ["cpg", "CPG"] {
            if let text = try? String(contentsOfFile: base + "." + ext, encoding: .utf8) {
                let name = text.trimmingCharacters(in: .whitespacesAndNewlines)
                if !name.isEmpty { return (name, "its .cpg file") }
            }
        }
        guard let byte = DBFSample.languageByte(base), byte != 0 else { return nil }
        let name =
            switch byte {
            case 0x4D, 0x7A: "GBK"
            case 0x57, 0x03: "CP1252"
            case 0x01: "CP437"
            default: "code page byte 0x\(String(byte, radix: 16))"
            }
        return (name, "the language byte of its .dbf")
    }

    static func check(_ source: LayerSource, layerName: String) throws {
        guard source.isShapefile,
            let sample = DBFSample.read((source.path as NSString).deletingPathExtension, records: sampleRecords),
            !sample.texts.isEmpty
        else { return }
        let chosen: (name: String, by: String)? =
            source.encoding.map { ($0, source.role.option("encoding") ?? "the option") }
            ?? declaredEncoding(of: source)
        let utf8 = sample.texts.allSatisfy { LegacyText.utf8($0.bytes) != nil }
        let gbk = sample.texts.allSatisfy { LegacyText.decode($0.bytes, from: "GB18030") != nil }
        let fits = utf8 ? "UTF-8" : gbk ? "GBK" : nil
        func fail(_ problem: String) -> ShelterbeltError {
            ShelterbeltError(
                .badInput, file: source.path, layer: layerName, problem: problem,
                remedy: fits.map { source.role.advice("encoding", $0) + " (it overrides the .cpg)" }
                    ?? "export the layer again with UTF-8 text (e.g. ogr2ogr -lco ENCODING=UTF-8)")
        }
        let example = sample.texts.first { LegacyText.utf8($0.bytes) == nil } ?? sample.texts[0]
        let place = "record \(example.record), field '\(example.field)'"
        guard let chosen else {
            guard utf8 else {
                throw fail(
                    "holds text that is not UTF-8 (\(place)) and declares no encoding (no .cpg)"
                        + (fits.map { "; it decodes cleanly as \($0)" } ?? ""))
            }
            return
        }
        switch family(chosen.name) {
        case "UTF-8":
            guard utf8 else {
                throw fail(
                    "\(chosen.by) says UTF-8, but its text is not UTF-8 (\(place))"
                        + (fits.map { "; it decodes cleanly as \($0)" } ?? ""))
            }
        case "GBK":
            // GBK text is almost never valid UTF-8 as well; UTF-8 text read as GBK is mojibake.
            guard gbk, !utf8 || sample.texts.allSatisfy({ $0.bytes.allSatisfy { $0 < 0x80 } }) else {
                throw fail(
                    "\(chosen.by) says \(chosen.name), but its text " + (utf8 ? "is UTF-8" : "does not decode as GBK")
                        + " (\(place))")
            }
        case "BIG5" where gbk && sample.texts.allSatisfy({ gb2312Shaped($0.bytes) }):
            // BIG5 decodes GBK bytes into wrong but valid characters; GB2312-shaped pairs throughout are mainland text.
            let shown =
                LegacyText.decode(example.bytes, from: "BIG5").map { " reads as '\(String($0.prefix(24)))'" } ?? ""
            throw fail(
                "\(chosen.by) says \(chosen.name), but its text is GB2312/GBK-shaped throughout: "
                    + "\(place)\(shown) in BIG5, "
                    + "'\(String((LegacyText.decode(example.bytes, from: "GB18030") ?? "").prefix(24)))' in GBK")
        default:
            let decoded = sample.texts.map { LegacyText.decode($0.bytes, from: LayerSource.iconvName(chosen.name)) }
            if let bad = decoded.firstIndex(where: { $0 == nil || !plausible($0!) }) {
                let shown = decoded[bad].map { " reads as '\(String($0.prefix(24)))'" } ?? " does not decode"
                throw fail(
                    "\(chosen.by) says \(chosen.name), but with it the text of record \(sample.texts[bad].record), "
                        + "field '\(sample.texts[bad].field)'\(shown)"
                        + (fits.map { "; it decodes cleanly as \($0)" } ?? ""))
            }
        }
    }

    /// UTF-8 or GBK, for the names users and files give them; other names as they are.
    static func family(_ name: String) -> String {
        switch name.uppercased().replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "_", with: "") {
        case "UTF8", "65001", "UTF8BOM": "UTF-8"
        case "GBK", "CP936", "936", "GB2312", "GB18030", "EUCCN", "ANSI936": "GBK"
        case "BIG5", "CP950", "950", "BIG5HKSCS": "BIG5"
        default: name
        }
    }

    /// Whether every non-ASCII character is a GB2312 pair (both bytes 0xA1–0xFE); a third of BIG5 characters end
    /// in 0x40–0x7E, so a sample of real BIG5 text is never all of this shape.
    static func gb2312Shaped(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while index < bytes.count {
            if bytes[index] < 0x80 { index += 1; continue }
            guard index + 1 < bytes.count, (0xA1...0xF7).contains(bytes[index]),
                (0xA1...0xFE).contains(bytes[index + 1])
            else { return false }
            index += 2
        }
        return true
    }

    /// Text decoded with a wrong single-byte encoding shows replacement characters, C1 controls or accented
    /// Latin letters; Ordos attribute text has none of them.
    static func plausible(_ text: String) -> Bool {
        !text.unicodeScalars.contains {
            $0.value == 0xFFFD || (0x80...0x9F).contains($0.value) || (0xC0...0xFF).contains($0.value)
        }
    }
}

/// The character fields of the first records of a .dbf, as raw bytes.
struct DBFSample {
    struct Text {
        let record: Int
        let field: String
        let bytes: [UInt8]
    }

    /// Non-ASCII texts only: pure ASCII reads the same in every encoding met here.
    let texts: [Text]

    static func languageByte(_ base: String) -> UInt8? {
        for ext in ["dbf", "DBF"] {
            guard let handle = FileHandle(forReadingAtPath: base + "." + ext) else { continue }
            defer { try? handle.close() }
            let header = handle.readData(ofLength: 32)
            return header.count == 32 ? header[29] : nil
        }
        return nil
    }

    /// nil when the file is missing or its header is not a dBASE header (GDAL then reports the file itself).
    static func read(_ base: String, records wanted: Int) -> DBFSample? {
        guard let handle = ["dbf", "DBF"].lazy.compactMap({ FileHandle(forReadingAtPath: base + "." + $0) }).first
        else { return nil }
        defer { try? handle.close() }
        let header = [UInt8](handle.readData(ofLength: 32))
        guard header.count == 32 else { return nil }
        let records = Int(header[4]) | Int(header[5]) << 8 | Int(header[6]) << 16 | Int(header[7]) << 24
        let headerLength = Int(header[8]) | Int(header[9]) << 8
        let recordLength = Int(header[10]) | Int(header[11]) << 8
        guard headerLength > 32, recordLength > 0 else { return nil }
        let descriptors = [UInt8](handle.readData(ofLength: headerLength - 32))
        var fields: [(name: String, offset: Int, length: Int)] = []
        var offset = 1  // the deletion flag
        var index = 0
        while index + 32 <= descriptors.count, descriptors[index] != 0x0D {
            let entry = descriptors[index..<index + 32]
            let name = String(decoding: entry.prefix(11).prefix { $0 != 0 }, as: UTF8.self)
            let length = Int(entry[entry.startIndex + 16])
            if entry[entry.startIndex + 11] == UInt8(ascii: "C") { fields.append((name, offset, length)) }
            offset += length
            index += 32
        }
        guard !fields.isEmpty else { return DBFSample(texts: []) }
        var texts: [Text] = []
        let count = min(records, wanted)
        let body = [UInt8](handle.readData(ofLength: count * recordLength))
        for record in 0..<(body.count / recordLength) {
            let start = record * recordLength
            for field in fields where field.offset + field.length <= recordLength {
                var bytes = Array(body[(start + field.offset)..<(start + field.offset + field.length)])
                while let last = bytes.last, last == 0x20 || last == 0 { bytes.removeLast() }
                if bytes.contains(where: { $0 >= 0x80 }) {
                    texts.append(Text(record: record, field: field.name, bytes: bytes))
                }
            }
        }
        return DBFSample(texts: texts)
    }
}
