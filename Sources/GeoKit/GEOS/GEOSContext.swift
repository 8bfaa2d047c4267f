import CGEOS

/// One GEOS context handle with its own error buffer, WKB reader and writer.
///
/// A context is not thread-safe: each thread (or worker that runs on one thread at a time)
/// owns its own. Geometries remember the context that made them and use only that one,
/// so the type system keeps a geometry from crossing threads (`Geometry` is not `Sendable`);
/// send WKB bytes instead.
public final class GEOSContext {
    let handle: GEOSContextHandle_t
    private let errors: ErrorBox
    private var reader: OpaquePointer?
    private var writer: OpaquePointer?

    /// Collects the last error GEOS reported on this context.
    private final class ErrorBox { var message = "" }

    public init() {
        handle = GEOS_init_r()
        errors = ErrorBox()
        let box = Unmanaged.passUnretained(errors).toOpaque()
        _ = GEOSContext_setErrorMessageHandler_r(
            handle,
            { message, userdata in
                guard let userdata, let message else { return }
                Unmanaged<ErrorBox>.fromOpaque(userdata).takeUnretainedValue().message = String(cString: message)
            }, box)
        // GEOS notices (e.g. "Self-intersection at …") are information, not errors: keep them quiet.
        _ = GEOSContext_setNoticeMessageHandler_r(handle, { _, _ in }, nil)
    }

    deinit {
        if let reader { GEOSWKBReader_destroy_r(handle, reader) }
        if let writer { GEOSWKBWriter_destroy_r(handle, writer) }
        GEOS_finish_r(handle)
    }

    /// The message of the last failed call, consumed.
    func takeError(_ operation: String) -> GeometryError {
        defer { errors.message = "" }
        return GeometryError(
            operation: operation, message: errors.message.isEmpty ? "unknown GEOS error" : errors.message)
    }

    /// Every checked call starts from an empty error text, so a failure is never blamed on an earlier message
    /// (as shapely's `init_geos_error_buffer` does).
    private func clearError() { errors.message = "" }

    /// A call that returns a new object, NULL on exception.
    func object(_ operation: String, _ call: (GEOSContextHandle_t) -> OpaquePointer?) throws -> OpaquePointer {
        clearError()
        guard let made = call(handle) else { throw takeError(operation) }
        return made
    }

    /// A predicate: 0 false, 1 true, 2 exception.
    func predicate(_ operation: String, _ call: (GEOSContextHandle_t) -> CChar) throws -> Bool {
        clearError()
        let result = call(handle)
        guard result != 2 else { throw takeError(operation) }
        return result == 1
    }

    /// A number written through a pointer; the call returns 0 on exception.
    func measure(_ operation: String, _ call: (GEOSContextHandle_t, UnsafeMutablePointer<Double>) -> Int32) throws
        -> Double
    {
        clearError()
        var value = 0.0
        guard call(handle, &value) != 0 else { throw takeError(operation) }
        return value
    }

    /// A count or type id; the call returns -1 on exception.
    func count(_ operation: String, _ call: (GEOSContextHandle_t) -> Int32) throws -> Int {
        clearError()
        let result = call(handle)
        guard result >= 0 else { throw takeError(operation) }
        return Int(result)
    }

    var wkbReader: OpaquePointer {
        if let reader { return reader }
        let made = GEOSWKBReader_create_r(handle)!
        reader = made
        return made
    }

    var wkbWriter: OpaquePointer {
        if let writer { return writer }
        let made = GEOSWKBWriter_create_r(handle)!
        GEOSWKBWriter_setOutputDimension_r(handle, made, 2)
        writer = made
        return made
    }
}

/// A failure inside GEOS, with the operation that failed.
public struct GeometryError: Error, CustomStringConvertible, Sendable {
    public let operation: String
    public let message: String
    public var description: String { "\(operation) failed: \(message)" }
}
