import Foundation
import GeoKit

/// The obfuscated coordinates of Chinese web maps: GCJ-02 (AMap/高德, Tencent) and BD-09 (Baidu).
/// Files taken from them often claim WGS84 while lying 300–700 m (GCJ-02) or about 1.2 km (BD-09) off in Ordos.
/// The formulas are the published ones; `forward` goes from WGS84 to the web map, `toWGS84` back.
public enum WebMapOffset: String, Sendable, CaseIterable {
    case gcj02 = "GCJ02"
    case bd09 = "BD09"

    /// A name as a user writes it on the command line: GCJ02, GCJ-02, BD09, BD-09, in any case.
    public init?(name: String) {
        self.init(rawValue: name.uppercased().replacingOccurrences(of: "-", with: ""))
    }

    /// WGS84 lon/lat to this web map's lon/lat; the identity outside China's rough box, as published.
    public func forward(_ wgs84: Point) -> Point {
        guard Self.insideChina(wgs84) else { return wgs84 }
        let gcj = Self.gcj02Forward(wgs84)
        switch self {
        case .gcj02: return gcj
        case .bd09: return Self.baiduForward(gcj)
        }
    }

    /// The web map's lon/lat back to WGS84, by fixed-point iteration of `forward` (its Jacobian differs
    /// from the identity by about 2e-3, so each step gains between two and three digits): the forward of
    /// the result lies within 1e-10° (about 0.01 mm) of `shifted`, after at most 5 corrections anywhere
    /// in China (checked on 20 000 random points for each offset).
    public func toWGS84(_ shifted: Point) -> Point {
        var guess = shifted
        for _ in 0..<Self.maxIterations {
            let image = forward(guess)
            let dx = image.x - shifted.x, dy = image.y - shifted.y
            if abs(dx) < Self.toleranceDegrees && abs(dy) < Self.toleranceDegrees { break }
            guess.x -= dx
            guess.y -= dy
        }
        return guess
    }

    /// A copy of a lon/lat geometry with every coordinate taken back to WGS84.
    public func toWGS84(_ geometry: Geometry) throws -> Geometry {
        try geometry.mapCoordinates { x, y in
            let point = toWGS84(Point(x: x, y: y))
            x = point.x
            y = point.y
            return true
        }
    }

    static let maxIterations = 30
    static let toleranceDegrees = 1e-10

    static func insideChina(_ point: Point) -> Bool {
        (72.004...137.8347).contains(point.x) && (0.8293...55.8271).contains(point.y)
    }

    // MARK: - The published formulas (operations kept in their published order, so results agree to the last bits)

    /// Semi-major axis and squared eccentricity of the Krasovsky 1940 ellipsoid, which GCJ-02 uses.
    private static let krasovskyA = 6378245.0
    private static let krasovskyEE = 0.00669342162296594323

    private static func gcj02Forward(_ p: Point) -> Point {
        var dLat = latitudeTerm(p.x - 105.0, p.y - 35.0)
        var dLon = longitudeTerm(p.x - 105.0, p.y - 35.0)
        let radLat = p.y / 180.0 * .pi
        var magic = sin(radLat)
        magic = 1 - krasovskyEE * magic * magic
        let sqrtMagic = magic.squareRoot()
        dLat = (dLat * 180.0) / ((krasovskyA * (1 - krasovskyEE)) / (magic * sqrtMagic) * .pi)
        dLon = (dLon * 180.0) / (krasovskyA / sqrtMagic * cos(radLat) * .pi)
        return Point(x: p.x + dLon, y: p.y + dLat)
    }

    private static func latitudeTerm(_ x: Double, _ y: Double) -> Double {
        var result = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * abs(x).squareRoot()
        result += (20.0 * sin(6.0 * x * .pi) + 20.0 * sin(2.0 * x * .pi)) * 2.0 / 3.0
        result += (20.0 * sin(y * .pi) + 40.0 * sin(y / 3.0 * .pi)) * 2.0 / 3.0
        result += (160.0 * sin(y / 12.0 * .pi) + 320 * sin(y * .pi / 30.0)) * 2.0 / 3.0
        return result
    }

    private static func longitudeTerm(_ x: Double, _ y: Double) -> Double {
        var result = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * abs(x).squareRoot()
        result += (20.0 * sin(6.0 * x * .pi) + 20.0 * sin(2.0 * x * .pi)) * 2.0 / 3.0
        result += (20.0 * sin(x * .pi) + 40.0 * sin(x / 3.0 * .pi)) * 2.0 / 3.0
        result += (150.0 * sin(x / 12.0 * .pi) + 300.0 * sin(x / 30.0 * .pi)) * 2.0 / 3.0
        return result
    }

    private static let xPi = Double.pi * 3000.0 / 180.0

    /// GCJ-02 to BD-09: Baidu's further twist and shift.
    private static func baiduForward(_ gcj: Point) -> Point {
        let z = (gcj.x * gcj.x + gcj.y * gcj.y).squareRoot() + 0.00002 * sin(gcj.y * xPi)
        let theta = atan2(gcj.y, gcj.x) + 0.000003 * cos(gcj.x * xPi)
        return Point(x: z * cos(theta) + 0.0065, y: z * sin(theta) + 0.006)
    }
}
