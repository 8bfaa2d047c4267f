/// How many columns a text takes in a grid of fixed-width cells (a spreadsheet column, a terminal):
/// East Asian Wide and Fullwidth characters (汉字, kana, Hangul, fullwidth forms, most emoji) take two,
/// combining marks and invisible format and control characters none, the rest one. These are the
/// Wide/Fullwidth blocks of Unicode's East Asian Width (UAX #11), not its whole table: enough for names,
/// notes and headers. A text of several lines is as wide as its widest line.
enum DisplayWidth {
    static func of(_ text: String) -> Int {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(line).max() ?? 0
    }

    private static func line(_ text: Substring) -> Int { text.unicodeScalars.reduce(0) { $0 + of($1) } }

    static func of(_ scalar: Unicode.Scalar) -> Int {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: 0
        default: wide.contains { $0.contains(scalar.value) } ? 2 : 1
        }
    }

    private static let wide: [ClosedRange<UInt32>] = [
        0x1100...0x115F,  // Hangul Jamo initials
        0x2E80...0x303E,  // CJK radicals, Kangxi radicals, CJK symbols and punctuation (、。《》)
        0x3041...0x33FF,  // kana, Bopomofo, Hangul compatibility Jamo, enclosed and compatibility CJK
        0x3400...0x4DBF,  // CJK extension A
        0x4E00...0x9FFF,  // CJK unified ideographs
        0xA000...0xA4CF,  // Yi
        0xA960...0xA97F,  // Hangul Jamo extended A
        0xAC00...0xD7A3,  // Hangul syllables
        0xF900...0xFAFF,  // CJK compatibility ideographs
        0xFE10...0xFE19,  // vertical forms
        0xFE30...0xFE6F,  // CJK compatibility forms, small form variants
        0xFF00...0xFF60,  // fullwidth forms (（），：)
        0xFFE0...0xFFE6,  // fullwidth signs (￥)
        0x1F300...0x1F64F,  // pictographs and emoticons
        0x1F900...0x1F9FF,  // supplemental symbols and pictographs
        0x20000...0x2FFFD,  // CJK extensions B to F
        0x30000...0x3FFFD,  // CJK extension G
    ]
}
