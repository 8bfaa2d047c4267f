/// Features of one layer of a `change` run that overlap one another. Where they do, the area is counted once,
/// for the feature that comes first in the layer (the lowest feature id): a transition matrix needs each place
/// to have one class per date.
public struct LayerOverlap: Sendable, Equatable {
    /// Features that overlap an earlier one (and lose the shared area to it).
    public var features = 0
    /// Area taken out of those features, m² (in the total scope).
    public var area = 0.0
    /// The first such feature ids, to find them.
    public var exampleIds: [Int64] = []
}
