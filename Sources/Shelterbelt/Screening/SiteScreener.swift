import Foundation
import GeoKit

/// The engine behind `shelterbelt screen`.
///
/// Reads the rules, the constraint layers (once, cut into pieces) and the sites (any OGR layer or a
/// boundary-point file), all brought to CGCS2000 lon/lat (EPSG:4490); then one worker per core takes
/// sites in chunks, each with its own `SiteChecker` (GEOS context, STR-trees, prepared pieces,
/// local projections). Results keep the order of the input.
///
/// Semantics, stated once:
/// - Areas are geodesic on GRS80 (as in `stats`); 亩 = 10000/15 m².
/// - Touching is not overlap: a site whose boundary meets a constraint's but whose interior does not
///   is `touches`, and counts only for a rule with buffer_m > 0.
/// - An overlap that no disc of diameter `tolerance_m` fits into is a `sliver`: reported with its area
///   and geometry, never counted as an overlap — unless the site itself is that thin (a narrow strip
///   site inside a red line overlaps it for real). Thinness, not area: a 2500 m² corner of a large
///   site inside a red line is a conflict, however long the site's perimeter.
/// - A constraint within buffer_m (> 0) of the site counts, with the geodesic distance between the
///   nearest points (found in a local transverse Mercator projection of the site).
/// - The verdict is the worst severity among findings that count; a finding is downgraded to
///   `conditional` when its rule's conditional_when holds (feature flag true, site value listed).
public enum SiteScreener {
    static let chunk = 16

    public static func run(_ request: ScreeningRequest) throws -> ScreeningResult {
        let started = Date()
        let rules = try ScreeningRules.load(request.rulesPath)
        let constraints = try ConstraintSet.load(rules, edges: request.edges)
        let sites = try SiteSet.load(request, rules: rules)
        // Built once here so that a problem is reported before any thread starts.
        _ = try SiteChecker(constraints, edges: request.edges)

        let next = Locked(0)
        let done = Locked(0)
        let failure = Locked<Error?>(nil)
        let all = sites.sites
        let (buffer, edges) = (request.pointBufferM, request.edges)
        let workers = ThreadGroup(count: min(request.threads, max(1, all.count / chunk))) { _ -> [(Int, SiteResult)] in
            var output: [(Int, SiteResult)] = []
            do {
                let checker = try SiteChecker(constraints, edges: edges)
                while failure.value == nil {
                    let start = next.update { value -> Int in
                        defer { value += chunk }; return value
                    }
                    guard start < all.count else { break }
                    for index in start..<min(start + chunk, all.count) {
                        output.append((index, try checker.check(all[index], buffer: buffer)))
                    }
                    done.update { $0 += min(chunk, all.count - start) }
                }
            } catch {
                failure.update { if $0 == nil { $0 = error } }
            }
            return output
        }
        if let progress = request.progress {
            while done.value < all.count, failure.value == nil {
                progress(done.value, all.count)
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
        let outputs = workers.join()
        if let error = failure.value { throw screeningError(error, sites: sites) }
        request.progress?(all.count, all.count)
        var results = [SiteResult?](repeating: nil, count: all.count)
        for output in outputs { for (index, result) in output { results[index] = result } }
        return ScreeningResult(
            constraints: constraints, sites: sites, results: results.map { $0! },
            seconds: Date().timeIntervalSince(started))
    }

    /// GEOS and PROJ failures inside a worker become errors that name the sites file.
    static func screeningError(_ error: Error, sites: SiteSet) -> Error {
        switch error {
        case let error as GeometryError:
            return ShelterbeltError(
                .badInput, file: sites.path, problem: "a site could not be screened: \(error.description)",
                remedy: "check the site's geometry (ogrinfo) or report a bug with the file")
        case let error as TransformError:
            return ShelterbeltError(
                .badInput, file: sites.path, problem: "a site could not be reprojected: \(error.message)")
        default:
            return error
        }
    }
}
