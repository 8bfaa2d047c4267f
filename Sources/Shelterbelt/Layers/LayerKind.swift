/// What a layer of the ecological layout is; it decides how `layers check` looks at it.
public enum LayerKind: String, CaseIterable, Sendable {
    case city  // the city outline
    case banner  // the 9 banners and districts (旗区)
    case corridor  // 两廊 corridor polygons
    case corridorLine = "corridor_line"  // 两廊 centre lines
    case zone3  // 三区
    case zone5  // the five ecological zones of the 14th Five-Year Plan
    case watershed  // 十大孔兑
    case pv  // 光伏治沙 areas
    case belt  // forest and wind-sand belts
    case park  // industrial parks
    case redline  // ecological red lines
    case reserve  // nature reserves, wetland parks, water sources

    /// Centre lines carry no area.
    public var isLinear: Bool { self == .corridorLine }

    /// Kinds whose features together cover the whole city, so any part of the city they miss is a gap.
    /// (The ten tributaries, the three zones and the rest cover only part of it.)
    public var tilesCity: Bool { self == .banner || self == .zone5 }
}
