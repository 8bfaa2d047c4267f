import Foundation

/// The Lambert azimuthal equal-area projection of an ellipsoid, oblique aspect, centred on any point
/// (Snyder, "Map Projections: A Working Manual", USGS PP 1395, 1987, pp. 187–190): the ellipsoid is mapped
/// to the authalic sphere (latitude φ → authalic latitude β, same area), that sphere azimuthally about the
/// centre, and x and y are scaled by D and 1/D so that the scale is true in every direction at the centre.
/// Exactly equal-area everywhere, so the shoelace area of a projected ring is the ellipsoidal area of the
/// ring whose edges are the preimages of straight lines.
///
/// Written for points near the centre: Snyder's y, cos β₁ sin β − sin β₁ cos β cos Δλ, is a difference of
/// two numbers near 0.6 that cancel to about 1e-3 at 5 km, so it is rebuilt from differences
/// (sin φ − sin φ₁, q − q₁, 1 − cos Δλ) that keep their relative precision however close the point is.
struct LambertAzimuthalEqualArea {
    /// The constants of one ellipsoid, computed once (`Geodesic` keeps them).
    struct Authalic: Sendable {
        let semiMajorAxis: Double
        /// e² and e, the first eccentricity.
        let e2: Double
        let e: Double
        /// q at the pole, and the radius of the authalic sphere (the sphere of the ellipsoid's area).
        let qPole: Double
        let radius: Double

        init(_ ellipsoid: Ellipsoid) {
            semiMajorAxis = ellipsoid.semiMajorAxis
            e2 = ellipsoid.flattening * (2 - ellipsoid.flattening)
            e = e2.squareRoot()
            qPole = (1 - e2) * (1 / (1 - e2) + atanh(e) / e)
            radius = semiMajorAxis * (qPole / 2).squareRoot()
        }

        /// Snyder's q(φ) (eq. 3-12) from sin φ; sin β = q / q(90°).
        func q(sine s: Double) -> Double { (1 - e2) * (s / (1 - e2 * s * s) + atanh(e * s) / e) }
    }

    let authalic: Authalic
    /// Centre longitude and latitude in degrees, the latitude also in radians.
    let longitude: Double
    let latitude: Double
    private let latitudeRadians: Double
    /// sin φ₁ and 1 − e² sin² φ₁ at the centre.
    private let sinLatitude: Double
    private let w1: Double
    /// sin β₁, cos β₁: authalic latitude of the centre.
    private let sinBeta1: Double
    private let cosBeta1: Double
    /// Snyder's D (eq. 24-20): scales x up and y down so that the centre has no distortion.
    private let d: Double

    init(_ authalic: Authalic, centre: Point) {
        self.authalic = authalic
        longitude = centre.x
        latitude = centre.y
        latitudeRadians = centre.y * .pi / 180
        sinLatitude = sin(latitudeRadians)
        w1 = 1 - authalic.e2 * sinLatitude * sinLatitude
        sinBeta1 = authalic.q(sine: sinLatitude) / authalic.qPole
        cosBeta1 = ((1 - sinBeta1) * (1 + sinBeta1)).squareRoot()
        d = authalic.semiMajorAxis * cos(latitudeRadians) / w1.squareRoot() / (authalic.radius * cosBeta1)
    }

    /// Projects a lon/lat point (degrees) to metres east and north of the centre (Snyder eqs. 24-18, 24-19).
    @inline(__always)
    func project(_ point: Point) -> Point {
        let deltaLongitude = (point.x - longitude) * .pi / 180
        let deltaLatitude = (point.y - latitude) * .pi / 180
        let e2 = authalic.e2, s1 = sinLatitude
        // sin φ − sin φ₁ = 2 cos((φ + φ₁)/2) sin((φ − φ₁)/2), then q − q₁ from it: the first term of q by
        // a divided difference, the second by atanh x − atanh y = atanh((x − y)/(1 − xy)).
        let deltaSin = 2 * cos(latitudeRadians + deltaLatitude / 2) * sin(deltaLatitude / 2)
        let s = s1 + deltaSin
        let deltaQ =
            (1 - e2)
            * (deltaSin * (1 + e2 * s * s1) / ((1 - e2 * s * s) * w1)
                + atanh(authalic.e * deltaSin / (1 - e2 * s * s1)) / authalic.e)
        let deltaSinBeta = deltaQ / authalic.qPole
        let sinBeta = sinBeta1 + deltaSinBeta
        let cosBeta = ((1 - sinBeta) * (1 + sinBeta)).squareRoot()
        let halfSin = sin(deltaLongitude / 2), halfCos = cos(deltaLongitude / 2)
        let oneMinusCos = 2 * halfSin * halfSin
        let b = authalic.radius * (2 / (1 + sinBeta1 * sinBeta + cosBeta1 * cosBeta * (1 - oneMinusCos))).squareRoot()
        // cos β₁ sin β − sin β₁ cos β = Δ(sin β) · (cos β₁ + sin β₁ (sin β + sin β₁)/(cos β + cos β₁)).
        let north =
            deltaSinBeta * (cosBeta1 + sinBeta1 * (sinBeta + sinBeta1) / (cosBeta + cosBeta1))
            + sinBeta1 * cosBeta * oneMinusCos
        return Point(x: b * d * cosBeta * 2 * halfSin * halfCos, y: b / d * north)
    }

    /// Curvature (1/m, positive to the left) of the image of the geodesic that leaves the centre due east: the
    /// map curvature of the parallel, tan β₁/(R_q D³) (the authalic sphere's, then scaled by D and 1/D), less
    /// the parallel's own geodesic curvature on the ellipsoid, tan φ₁/N₁. −5.16e-10 at 39.5°N, zero on a sphere.
    var eastwardCurvature: Double {
        let tanBeta1 = sinBeta1 / cosBeta1
        let n1 = authalic.semiMajorAxis / w1.squareRoot()
        return tanBeta1 / (authalic.radius * d * d * d) - tan(latitudeRadians) / n1
    }

    /// How fast the projection's anisotropy grows northward at the centre, d ln(k/h)/dy per metre, where k
    /// and h are the scales along the parallel and the meridian. The authalic latitude stretches meridians
    /// and shrinks parallels by a factor that varies with latitude (D cancels it only at the centre), so
    /// k/h ≈ 1 + A·y: 3.45e-10 per metre at 39.5°N, zero at the equator (and on a sphere). It bends geodesics
    /// through the centre (`EqualAreaArea.swift`).
    var anisotropyGradient: Double {
        let e2 = authalic.e2, s = sinLatitude, c = cos(latitudeRadians), a = authalic.semiMajorAxis
        let m = a * (1 - e2) / (w1 * w1.squareRoot())  // meridian radius of curvature
        let n = a / w1.squareRoot()  // prime vertical radius of curvature
        // k_authalic = R_q cos β / (N cos φ); A = 2 d ln k_authalic / dφ / M,
        // with dβ/dφ = M N cos φ / (R_q² cos β).
        let radius2 = authalic.radius * authalic.radius
        let dLogK = s / c - e2 * s * c / w1 - sinBeta1 * m * n * c / (radius2 * cosBeta1 * cosBeta1)
        return 2 * dLogK / m
    }
}
