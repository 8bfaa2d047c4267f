import CGDAL
import Foundation

/// One-time GDAL set-up: drivers registered, and GDAL's own error printing replaced by a handler
/// that keeps warnings for the caller, so GDAL never writes to stderr behind the user's back.
enum GDALRuntime {
    static let cacheBytes: Int64 = 256 << 20

    static let ready: Void = {
        GDALAllRegister()
        // GDAL's block cache defaults to 5 % of RAM, which a raster larger than that fills (1.2 GB on 24 GB):
        // capped so that memory stays bounded. A window is read once per zone, so the cache only needs the
        // decompressed tiles that neighbouring zones share.
        GDALSetCacheMax64(cacheBytes)
        CPLSetErrorHandler { errorClass, _, message in
            // Failures are read back from CPLGetLastErrorMsg by the call that failed; warnings are kept.
            guard errorClass == CE_Warning, let message else { return }
            GDALWarnings.shared.append(String(cString: message))
        }
    }()
}

/// Warnings GDAL raised (e.g. a field value it had to truncate), collected for the report.
public final class GDALWarnings: @unchecked Sendable {
    public static let shared = GDALWarnings()
    private let lock = NSLock()
    private var messages: [String] = []

    func append(_ message: String) {
        lock.lock(); defer { lock.unlock() }
        if messages.count < 1000 { messages.append(message) }
    }

    /// The warnings so far, cleared.
    public func drain() -> [String] {
        lock.lock(); defer { lock.unlock() }
        defer { messages.removeAll() }
        return messages
    }
}

/// A failure reported by GDAL/OGR, with the file it concerns.
public struct GDALError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let message: String
    public var description: String { "\(path): \(message)" }

    func adding(_ detail: String) -> GDALError { GDALError(path: path, message: message + detail) }

    /// The last error GDAL recorded on this thread, or `fallback` when it recorded none.
    static func last(_ path: String, fallback: String) -> GDALError {
        let recorded = String(cString: CPLGetLastErrorMsg())
        CPLErrorReset()
        return GDALError(path: path, message: recorded.isEmpty ? fallback : recorded)
    }
}
