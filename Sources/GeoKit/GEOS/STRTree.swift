import CGEOS

/// A read-only Sort-Tile-Recursive tree over geometries' envelopes, answering with their indices.
public final class STRTree {
    /// GEOS keeps pointers to each geometry's envelope, so the geometries live as long as the tree.
    public let geometries: [Geometry]
    private let context: GEOSContext
    private let handle: OpaquePointer

    public init(_ geometries: [Geometry], context: GEOSContext, nodeCapacity: Int = 10) throws {
        self.geometries = geometries
        self.context = context
        handle = try context.object("building an STR-tree") { GEOSSTRtree_create_r($0, nodeCapacity) }
        for (index, geometry) in geometries.enumerated() where try !geometry.isEmpty {
            // Items are indices, stored as pointer-sized integers offset by one so none is NULL.
            GEOSSTRtree_insert_r(
                context.handle, handle, geometry.handle, UnsafeMutableRawPointer(bitPattern: index + 1))
        }
    }

    deinit { GEOSSTRtree_destroy_r(context.handle, handle) }

    /// GEOS builds the tree on the first query, so a tree must not be queried from two threads at once.
    /// Indices of the geometries whose envelopes intersect the envelope of `geometry`, ascending.
    public func query(_ geometry: Geometry) -> [Int] {
        var found: [Int] = []
        withUnsafeMutablePointer(to: &found) { pointer in
            GEOSSTRtree_query_r(
                context.handle, handle, geometry.handle,
                { item, userdata in
                    userdata!.assumingMemoryBound(to: [Int].self).pointee.append(Int(bitPattern: item) - 1)
                }, pointer)
        }
        return found.sorted()
    }
}
