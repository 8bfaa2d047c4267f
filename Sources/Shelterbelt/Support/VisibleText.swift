/// Text from an input file made safe to print: control characters (C0, DEL, C1), bidi overrides and line
/// separators are written as `\u{…}` escapes, so a NUL, an ESC sequence or a right-to-left override in a damaged
/// file cannot garble or hide a message. Every `ShelterbeltError` passes its text through here.
enum VisibleText {
    static func escaping(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isHidden) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if isHidden(scalar) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Whether a scalar would act on the terminal instead of showing: controls, bidi marks and overrides,
    /// line and paragraph separators, and the byte-order mark.
    static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        case 0x2028, 0x2029, 0xFEFF: return true
        default: return false
        }
    }
}
