import CXLSX

/// How cells look: number format, bold, wrapped text, horizontal alignment. A value: the workbook
/// makes one libxlsxwriter format per distinct value (`XLSXWorkbook.handle(for:)`), since Excel keeps
/// every format in one table and a format per cell would grow it without need.
public struct XLSXFormat: Hashable, Sendable {
    public enum Alignment: Hashable, Sendable {
        case general, left, center, right

        var lxw: lxw_format_alignments {
            switch self {
            case .general: LXW_ALIGN_NONE
            case .left: LXW_ALIGN_LEFT
            case .center: LXW_ALIGN_CENTER
            case .right: LXW_ALIGN_RIGHT
            }
        }
    }

    /// An Excel number format such as `#,##0.0` or `0.0%`; nil is General.
    public var numberFormat: String?
    public var bold: Bool
    /// Long text wraps inside the column instead of running over its neighbours.
    public var wrap: Bool
    public var alignment: Alignment

    public init(numberFormat: String? = nil, bold: Bool = false, wrap: Bool = false, alignment: Alignment = .general) {
        self.numberFormat = numberFormat
        self.bold = bold
        self.wrap = wrap
        self.alignment = alignment
    }

    /// Sets this format's properties on a new libxlsxwriter format (whose setters return nothing).
    func apply(to format: UnsafeMutablePointer<lxw_format>) {
        if let numberFormat { format_set_num_format(format, numberFormat) }
        if bold { format_set_bold(format) }
        if wrap { format_set_text_wrap(format) }
        if alignment != .general { format_set_align(format, UInt8(alignment.lxw.rawValue)) }
    }
}
