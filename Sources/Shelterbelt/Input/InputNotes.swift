/// What had to be done to a layer to use it, counted so nothing is dropped silently.
public struct InputNotes: Sendable, Equatable {
    public enum Kind: String, CaseIterable, Sendable {
        case repaired = "repaired_invalid"  // made valid with GEOSMakeValid
        case nullGeometry = "null_geometry"  // skipped: no geometry
        case emptyGeometry = "empty_geometry"  // skipped: empty geometry
        case points = "skipped_points"  // skipped: not an area
        case lines = "skipped_lines"  // skipped: not an area
        case otherGeometry = "skipped_other_geometry"  // skipped: collections and others with no polygon
        case collapsed = "collapsed_to_nothing"  // skipped: nothing polygonal left after repair
        case droppedZ = "dropped_z"  // Z values ignored (areas are 2D)
        case droppedM = "dropped_m"  // M values ignored
        case linearizedCurves = "linearized_curves"  // arcs approximated by chords
        case closedLines = "closed_lines_as_areas"  // CAD closed polylines read as polygons
        case guessedDatum = "older_datum_taken_as_cgcs2000"  // Beijing 1954, Xian 1980 …: no transformation known
        case otherParts = "dropped_non_area_parts"  // lines or points inside a collection with polygons
        // Skipped on request: non-finite, out-of-range or stray vertices.
        case badCoordinates = "skipped_bad_coordinates"
        case webMapOffset = "web_map_coordinates_converted"  // GCJ-02 / BD-09 taken back to WGS 84
        case closedRings = "open_rings_closed"  // a ring's first point repeated at its end

        /// Whether the feature was left out of the areas.
        public var isSkip: Bool {
            ![
                .repaired, .droppedZ, .droppedM, .linearizedCurves, .closedLines, .guessedDatum, .otherParts,
                .webMapOffset, .closedRings,
            ].contains(self)
        }

        public var explanationEn: String {
            switch self {
            case .repaired: "invalid polygons repaired (GEOS make-valid, structure method)"
            case .nullGeometry: "features without geometry, skipped"
            case .emptyGeometry: "features with an empty geometry, skipped"
            case .points: "point features, skipped (not areas)"
            case .lines: "line features, skipped (not areas)"
            case .otherGeometry: "collections without polygons, skipped"
            case .collapsed: "invalid polygons that collapsed to no area when repaired, skipped"
            case .droppedZ: "features with Z values (ignored; areas are 2D)"
            case .droppedM: "features with M values (ignored)"
            case .linearizedCurves: "curved geometries approximated by straight segments"
            case .closedLines: "closed polylines (CAD drawing) read as polygons"
            case .guessedDatum:
                "features in an older datum (Beijing 1954, Xian 1980 …) taken as CGCS2000, as PROJ has no "
                    + "parameters: positions may be tens of metres off (areas about a millionth); "
                    + "convert them with the official parameters"
            case .otherParts: "lines or points inside geometry collections, left out (their polygons are kept)"
            case .badCoordinates: "features with non-finite, out-of-range or stray vertices, skipped as asked"
            case .webMapOffset: "features in web-map coordinates (GCJ-02 / BD-09) converted to WGS 84"
            case .closedRings: "features with open rings, closed by repeating their first point"
            }
        }

        public var explanationZh: String {
            switch self {
            case .repaired: "无效多边形已修复"
            case .nullGeometry: "无几何要素，已跳过"
            case .emptyGeometry: "空几何要素，已跳过"
            case .points: "点要素，已跳过（非面）"
            case .lines: "线要素，已跳过（非面）"
            case .otherGeometry: "不含面的几何集合，已跳过"
            case .collapsed: "修复后面积为零的无效多边形，已跳过"
            case .droppedZ: "含Z值的要素（已忽略Z值）"
            case .droppedM: "含M值的要素（已忽略M值）"
            case .linearizedCurves: "曲线几何已折线化"
            case .closedLines: "闭合多段线（CAD图）按面读取"
            case .guessedDatum: "旧坐标系（北京54、西安80等）要素按CGCS2000处理（PROJ无转换参数），位置可能偏差数十米，请用官方参数转换"
            case .otherParts: "几何集合中的线、点部分已略去（面部分保留）"
            case .badCoordinates: "含非有限值、越界或离群顶点的要素，按要求已跳过"
            case .webMapOffset: "网络地图坐标（GCJ-02 / BD-09）已转换为WGS 84"
            case .closedRings: "未闭合的环已闭合（补上首点）"
            }
        }
    }

    public private(set) var counts: [Kind: Int] = [:]
    /// The first few feature ids of each kind, so the user can find them.
    public private(set) var examples: [Kind: [Int64]] = [:]
    /// What else the reader had to say, in words: GDAL's warnings, zones merged by name, an offset found.
    public private(set) var remarks: [String] = []

    public init() {}

    mutating func record(_ kind: Kind, feature: Int64) {
        counts[kind, default: 0] += 1
        if examples[kind, default: []].count < 5 { examples[kind, default: []].append(feature) }
    }

    mutating func remark(_ text: String) {
        if !remarks.contains(text), remarks.count < 20 { remarks.append(text) }
    }

    mutating func merge(_ other: InputNotes) {
        other.remarks.forEach { remark($0) }
        for (kind, count) in other.counts { counts[kind, default: 0] += count }
        for (kind, ids) in other.examples {
            examples[kind] = Array((examples[kind, default: []] + ids).sorted().prefix(5))
        }
    }

    public var skipped: Int { counts.filter { $0.key.isSkip }.values.reduce(0, +) }
}
