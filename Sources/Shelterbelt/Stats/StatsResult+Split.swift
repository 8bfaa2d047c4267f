extension StatsResult {
    /// The rows of one scope as the run split them: one per class of the `--by` field, or the single
    /// all-classes row when the run was not split.
    func splitRows(_ scope: Scope) -> [Row] {
        rows.filter { $0.scope == scope && (byField == nil) == ($0.key == nil) }
    }
}
