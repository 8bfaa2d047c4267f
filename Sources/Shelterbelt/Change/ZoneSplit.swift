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
}
