import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Text files from Chinese desktop software (CASS, EPS, MapGIS exports) are usually GBK, not UTF-8.
/// Decoded with the C library's iconv; GB18030 is a superset of GBK and GB2312.
enum LegacyText {
    /// UTF-8 (a leading byte-order mark dropped) when the bytes are valid UTF-8.
    static func utf8(_ bytes: [UInt8]) -> String? {
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        return String(validating: body, as: UTF8.self)
    }

    /// UTF-16 with its byte-order mark (Windows Notepad's "Unicode"); nil without one or when not valid.
    static func utf16(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0xFF, 0xFE]) { return decode(Array(bytes.dropFirst(2)), from: "UTF-16LE") }
        if bytes.starts(with: [0xFE, 0xFF]) { return decode(Array(bytes.dropFirst(2)), from: "UTF-16BE") }
        return nil
    }

    /// The bytes decoded from `encoding` (an iconv name such as GB18030); nil when they are not valid in it.
    static func decode(_ bytes: [UInt8], from encoding: String) -> String? {
        guard case .text(let text) = convert(bytes, from: encoding) else { return nil }
        return text
    }

    enum Conversion: Equatable {
        case text(String)
        /// The offset of the first byte that is not valid (or starts an incomplete character).
        case invalid(at: Int)
        /// iconv does not know the encoding.
        case unknownEncoding
    }

    /// The bytes decoded from `encoding`, or where they stop being valid in it.
    static func convert(_ bytes: [UInt8], from encoding: String) -> Conversion {
        let converter = iconv_open("UTF-8", encoding)
        guard converter != iconv_t(bitPattern: -1) else { return .unknownEncoding }
        defer { iconv_close(converter) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: bytes.count * 4 + 4)
        let result: (written: Int, left: Int) = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                var inPointer = UnsafeMutableRawPointer(source.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var inLeft = source.count
                var outPointer = UnsafeMutableRawPointer(target.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var outLeft = target.count
                _ = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                return (target.count - outLeft, inLeft)
            }
        }
        guard result.left == 0, let text = String(validating: output[..<result.written], as: UTF8.self) else {
            return .invalid(at: bytes.count - result.left)
        }
        return .text(text)
    }

    /// The iconv name for what users type: GBK, CP936 and GB2312 all mean GB18030 in practice.
    static func iconvName(_ name: String) -> String {
        switch name.uppercased().replacingOccurrences(of: "-", with: "") {
        case "GBK", "CP936", "936", "GB2312", "GB18030", "EUCCN": return "GB18030"
        case "UTF8": return "UTF-8"
        case "UTF16LE": return "UTF-16LE"
        case "UTF16BE": return "UTF-16BE"
        default: return name
        }
    }
}
