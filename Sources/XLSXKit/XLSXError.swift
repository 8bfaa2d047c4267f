import CXLSX

/// A libxlsxwriter call that failed: what was being done, and the library's own words for why
/// (`lxw_strerror`).
public struct XLSXError: Error, CustomStringConvertible, Sendable {
    public let operation: String
    public let message: String

    init(_ operation: String, message: String) {
        self.operation = operation
        self.message = message
    }

    init(_ operation: String, _ code: lxw_error) {
        self.init(operation, message: String(cString: lxw_strerror(code)))
    }

    public var description: String { "\(operation): \(message)" }

    /// Throws unless `code` is `LXW_NO_ERROR`.
    static func check(_ code: lxw_error, _ operation: @autoclosure () -> String) throws {
        guard code == LXW_NO_ERROR else { throw XLSXError(operation(), code) }
    }
}
