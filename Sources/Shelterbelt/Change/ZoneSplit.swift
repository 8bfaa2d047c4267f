import GeoKit

/// Splits an area over the zones of a `change` run with the stats engine's `Distributor`, or measures it whole
/// when the run has no zones (then the total is the only scope). One per thread, like the distributor it holds.
final class ZoneSplit {
    private let distributor: Distributor?
    private let meter: AreaMeter
    /// The distributor counts its fast paths here; `change` counts its own (`ChangeTally`).
    private var scratch = Tally()

    init(zones: ZoneSet?, cleaner: FeatureCleaner, method: AreaMethod, edges: EdgeRule) throws {
        distributor = try zones.map { try Distributor(zones: $0, cleaner: cleaner, method: method, edges: edges) }
        meter = AreaMeter(method, edges: edges)
    }

    func split(_ geometry: Geometry) throws -> Distribution {
        if let distributor { return try distributor.distribute(geometry, tally: &scratch) }
        return Distribution(whole: try meter.area(geometry))
    }

    /// A part of a geometry whose split was `whole`. When that lies in one zone, so does the part, and only its
    /// area is measured: the zones are not searched again for each of the pieces an AFTER feature is cut into.
    func split(_ part: Geometry, of whole: Distribution) throws -> Distribution {
        guard whole.outside == 0, whole.zones.count == 1, let (zone, _) = whole.zones.first else {
            return try split(part)
        }
        let area = try meter.area(part)
        return Distribution(zones: [(zone, area)], whole: area)
    }

    /// `geometry` cut along the zones as `distribution` (its `split`) found them: a zone's part with the area
    /// the matrix counted there. Only a geometry that crosses a zone boundary is overlaid again.
    func parts(_ geometry: Geometry, _ distribution: Distribution) throws -> [(
        zone: Int, shape: Geometry, area: Double
    )] {
        guard let distributor else { return [(CellKey.total, geometry, distribution.whole)] }
        if distribution.outside == 0, distribution.zones.count == 1, let (zone, area) = distribution.zones.first {
            return [(zone, geometry, area)]
        }
        var parts = try distribution.zones.map { zone, area in
            (zone, try geometry.intersection(distributor.zones[zone]).polygonalPart(), area)
        }
        if distribution.outside > 0 {
            let zones = try Geometry.collection(
                distribution.zones.map { distributor.zones[$0.0] }, context: distributor.context)
            let rest = try distribution.zones.isEmpty ? geometry : geometry.difference(try zones.unaryUnion())
            parts.append((CellKey.outside, try rest.polygonalPart(), distribution.outside))
        }
        return try parts.filter { try !$0.1.isEmpty }
    }
}
