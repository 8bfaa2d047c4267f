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
        _ = GEOSContext_setErrorMessageHandler_r(handle, { message, userdata in
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
        return GeometryError(operation: operation, message: errors.message.isEmpty ? "unknown GEOS error" : errors.message)
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
