/// How one geometry's area splits over the zones.
struct Distribution: Sendable {
    var zones: [(Int, Double)] = []
    var outside = 0.0
    var whole = 0.0

    static func + (lhs: Distribution, rhs: Distribution) -> Distribution {
        var sum = Distribution(zones: lhs.zones, outside: lhs.outside + rhs.outside, whole: lhs.whole + rhs.whole)
        sum.zones.append(contentsOf: rhs.zones)
        return sum
    }
}
