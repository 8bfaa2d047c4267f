/// The escapers of the report page, one per context a value lands in. Names, ids, class values, notes
/// and file names come from the user's data, manifests and command line, and reports travel by e-mail,
/// so no such value may become markup: every interpolation into the page goes through one of these.
enum Markup {
    /// Element content (HTML or SVG text): `&`, `<` and `>` become references, and bidi controls are
    /// shown (see `bidiControls`).
    static func text(_ value: String) -> String { escaped(value, inAttribute: false) }

    /// A quoted attribute value: also both quotes, so the value cannot end its attribute. Bidi controls
    /// become character references: the value (a `data-ptr` a program reads) stays exact, and the page's
    /// source holds no invisible reordering.
    static func attribute(_ value: String) -> String { escaped(value, inAttribute: true) }

    /// An id or class name built from data: no escaping helps there (a space starts another class), so
    /// the value is reduced to letters, digits, `-` and `_`. Every other UTF-8 byte becomes `_XX` (hex),
    /// and so does an `_` that would read as such an escape; the mapping stays one-to-one, so two ids
    /// never meet, and plain ids such as `corridor_lines` stay readable.
    static func token(_ value: String) -> String {
        let bytes = Array(value.utf8)
        var out = ""
        for (index, byte) in bytes.enumerated() {
            let next = bytes.dropFirst(index + 1).prefix(2)
            let looksEscaped = next.count == 2 && next.allSatisfy(isHexDigit)
            if isTokenByte(byte) && !(byte == UInt8(ascii: "_") && looksEscaped) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "_" + hex(byte)
            }
        }
        return out
    }

    /// A colour for a `fill` or `stroke` attribute: `#rrggbb` or `none`; anything else is drawn black,
    /// since a colour is the one CSS value the maps take from a variable.
    static func color(_ value: String) -> String {
        let digits = value.utf8.dropFirst()
        let isHex = value.utf8.first == UInt8(ascii: "#") && digits.count == 6 && digits.allSatisfy(isHexDigit)
        return isHex || value == "none" ? value : "#000000"
    }

    /// Unicode's bidirectional formatting characters (ALM, LRM, RLM, the embeddings and overrides, the
    /// isolates). In a name they reorder what follows on screen ("report‮fdp.exe" shows as
    /// "reportexe.pdf"), so the page's text shows them as `[U+202E]` instead.
    static let bidiControls = Set<UInt32>([0x061C, 0x200E, 0x200F]).union(0x202A...0x202E).union(0x2066...0x2069)

    private static func escaped(_ value: String, inAttribute: Bool) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where inAttribute: out += "&quot;"
            case "'" where inAttribute: out += "&#39;"
            case _ where bidiControls.contains(scalar.value):
                let code = String(scalar.value, radix: 16, uppercase: true)
                out += inAttribute ? "&#x" + code + ";" : "[U+" + code + "]"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            true
        default: false
        }
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
            UInt8(ascii: "A")...UInt8(ascii: "F"):
            true
        default: false
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return digits.count == 1 ? "0" + digits : digits
    }
}
