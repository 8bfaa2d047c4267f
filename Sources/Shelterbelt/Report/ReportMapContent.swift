import Foundation
import GeoKit

/// How a shape is drawn.
struct MapStyle: Sendable, Equatable {
    var fill: String?
    var fillOpacity = 1.0
    var stroke: String?
    var strokeWidth = 0.6
    var dash: String?
    /// The element's class, e.g. "patch" or "conflict" (the browser check looks for them).
    var cssClass: String
    var legendShape: LegendShape = .area

    enum LegendShape: Sendable { case area, line, marker }
}

/// One legend line.
struct MapLegendEntry: Sendable {
    let zh: String
    let en: String
    let style: MapStyle
}

/// Shapes drawn with one style: one SVG path (several geometries become sub-paths), with a hover title.
struct MapShape: Sendable {
    let wkbs: [[UInt8]]
    let style: MapStyle
    let titleZh: String
    let titleEn: String
}

/// A labelled dot (a site), coloured by its verdict.
struct MapMarker: Sendable {
    let point: Point
    let label: String
    let color: String
    /// Ringed in red when the site has a conflict that counts.
    let conflict: Bool
}

/// One map: its frame (from the summary), the groups of shapes drawn bottom to top, markers, legend.
struct MapDrawing: Sendable {
    let frame: MapFrame
    let groups: [(id: String, shapes: [MapShape])]
    let markers: [MapMarker]
    let legend: [MapLegendEntry]
}

/// Which layers go on which map of the report, and their colours.
enum ReportMapContent {
    static let conflictRed = "#d40000"
    /// Colours of the treatment classes, in their sorted order (Dark2, then Paired).
    static let classPalette = [
        "#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666",
        "#1f78b4", "#b2df8a", "#fb9a99", "#cab2d6", "#ff7f00", "#6a3d9a", "#b15928", "#a6cee3",
    ]
    /// Pastel fills of the five zones.
    static let zonePalette = ["#d6ebc4", "#f6e2a0", "#ead1ae", "#d8c4b0", "#f8ecc4", "#cfe0ee", "#e6d5ea", "#e0e0e0"]
    static let verdictColors: [String: String] = [
        "clear": "#2e7d32", "advisory": "#f2b701", "conditional": "#ef6c00",
        "restricted": "#b71c1c", "forbidden": "#4a0000", "not screened": "#9e9e9e",
    ]

    static func layerStyle(_ kind: LayerKind, background: Bool = false) -> MapStyle {
        switch kind {
        case .city:
            MapStyle(
                fill: background ? "#f5f2ea" : nil, stroke: "#222222", strokeWidth: 1.2, cssClass: "city",
                legendShape: .line)
        case .banner: MapStyle(stroke: "#8a8a8a", strokeWidth: 0.5, cssClass: "banner", legendShape: .line)
        case .watershed:
            MapStyle(fill: "#3a7dc9", fillOpacity: 0.18, stroke: "#3a7dc9", strokeWidth: 0.6, cssClass: "watershed")
        case .corridor: MapStyle(fill: "#4fb3bf", fillOpacity: 0.35, cssClass: "corridor")
        case .corridorLine: MapStyle(stroke: "#1f5fa8", strokeWidth: 1.4, cssClass: "corridor-line", legendShape: .line)
        case .pv, .belt: MapStyle(fill: "#f28e2b", fillOpacity: 0.5, cssClass: "pv")
        case .park: MapStyle(fill: "#7b3f98", fillOpacity: 0.85, stroke: "#7b3f98", strokeWidth: 0.8, cssClass: "park")
        case .redline:
            MapStyle(
                fill: "#e15759", fillOpacity: 0.28, stroke: "#c0392b", strokeWidth: 0.6, dash: "3 2",
                cssClass: "redline")
        case .reserve:
            MapStyle(fill: "#59a14f", fillOpacity: 0.35, stroke: "#2e7d32", strokeWidth: 0.5, cssClass: "reserve")
        case .zone3, .zone5: MapStyle(fill: "#dddddd", stroke: "#ffffff", strokeWidth: 0.6, cssClass: "zone")
        }
    }

    static func drawings(
        layout: [LayoutLayer], patches: PatchGrid, summary: ReportSummary,
        sites: [(wkb: [UInt8], row: Int)], conflicts: [(wkb: [UInt8], row: Int)],
        extent: Envelope, width: Int
    ) throws -> [MapDrawing] {
        func layers(_ kinds: [LayerKind]) -> [LayoutLayer] {
            kinds.flatMap { kind in layout.filter { $0.definition.kind == kind } }
        }
        func whole(_ layer: LayoutLayer, _ style: MapStyle) -> MapShape {
            MapShape(
                wkbs: layer.features.map(\.wkb), style: style, titleZh: layer.definition.nameZh,
                titleEn: layer.definition.nameEn)
        }
        func entry(_ layer: LayoutLayer, _ style: MapStyle) -> MapLegendEntry {
            MapLegendEntry(zh: layer.definition.nameZh, en: layer.definition.nameEn, style: style)
        }
        func frame(
            _ id: String, _ zh: String, _ en: String, _ groups: [(id: String, shapes: [MapShape])], markers: Int = 0
        ) -> MapFrame {
            MapFrame.fitting(
                id: id, titleZh: zh, titleEn: en, extent: extent, width: width,
                features: groups.reduce(markers) { $0 + $1.shapes.reduce(0) { $0 + $1.wkbs.count } })
        }
        var drawings: [MapDrawing] = []

        // 1. The layout: zones, watersheds, corridors, PV belts, parks over the banners.
        var groups: [(id: String, shapes: [MapShape])] = []
        var legend: [MapLegendEntry] = []
        for layer in layers([.zone5]) {
            var shapes: [MapShape] = []
            for (index, feature) in layer.features.enumerated() {
                let names = ReportReader.names(feature, of: layer.definition)
                var style = layerStyle(.zone5)
                style.fill = zonePalette[index % zonePalette.count]
                shapes.append(MapShape(wkbs: [feature.wkb], style: style, titleZh: names.zh, titleEn: names.en))
                legend.append(MapLegendEntry(zh: names.zh, en: names.en, style: style))
            }
            groups.append((layer.definition.id, shapes))
        }
        for layer in layers([.watershed, .corridor, .pv, .belt, .park, .banner, .corridorLine, .city]) {
            let style = layerStyle(layer.definition.kind)
            groups.append((layer.definition.id, [whole(layer, style)]))
            legend.append(entry(layer, style))
        }
        drawings.append(
            MapDrawing(
                frame: frame("layout", "生态格局", "Ecological layout", groups), groups: groups, markers: [], legend: legend
            ))

        // 2. The treated patches, coloured by class, over the banners and watersheds.
        groups = []
        legend = []
        for layer in layers([.city]) {
            groups.append((layer.definition.id, [whole(layer, layerStyle(.city, background: true))]))
        }
        for layer in layers([.watershed, .banner]) {
            var style = layerStyle(layer.definition.kind)
            style.fillOpacity = min(style.fillOpacity, 0.08)
            groups.append((layer.definition.id, [whole(layer, style)]))
            legend.append(entry(layer, style))
        }
        // The patches as cells of the map's grid, each class's cells one path.
        let runs = try patches.runs(context: GEOSContext())
        var patchShapes: [MapShape] = []
        for (index, key) in patches.classes.sorted().enumerated() {
            let color = classPalette[index % classPalette.count]
            let style = MapStyle(fill: color, cssClass: "patch")
            let label = key.isEmpty ? "（空）" : key
            patchShapes.append(
                MapShape(
                    wkbs: runs[key] ?? [], style: style, titleZh: label, titleEn: key.isEmpty ? "(empty)" : key))
            legend.append(MapLegendEntry(zh: label, en: key.isEmpty ? "(empty)" : key, style: style))
        }
        groups.append(("patches", patchShapes))
        drawings.append(
            MapDrawing(
                frame: frame("patches", "治理图斑分布", "Treated patches", groups), groups: groups, markers: [],
                legend: legend))

        // 3. Site screening: red lines, reserves, corridors and belts; sites by verdict; conflicts in red.
        guard let table = summary.table("screening") else { return drawings }
        groups = []
        legend = []
        for layer in layers([.city]) {
            groups.append((layer.definition.id, [whole(layer, layerStyle(.city, background: true))]))
        }
        for layer in layers([.banner, .corridor, .pv, .reserve, .redline]) {
            let style = layerStyle(layer.definition.kind)
            groups.append((layer.definition.id, [whole(layer, style)]))
            legend.append(entry(layer, style))
        }
        let siteStyle = MapStyle(stroke: "#000000", strokeWidth: 1, cssClass: "site", legendShape: .line)
        groups.append(
            ("sites", [MapShape(wkbs: sites.map(\.wkb), style: siteStyle, titleZh: "选址地块", titleEn: "Candidate sites")])
        )
        let conflictStyle = MapStyle(fill: conflictRed, stroke: conflictRed, strokeWidth: 1.5, cssClass: "conflict")
        groups.append(
            (
                "conflicts",
                conflicts.map { conflict in
                    let site =
                        table.value(row: conflict.row, key: "site_id").flatMap {
                            if case .string(let id) = $0 { id } else { nil }
                        } ?? ""
                    let rule =
                        table.value(row: conflict.row, key: "rule_name_zh").flatMap {
                            if case .string(let name) = $0 { name } else { nil }
                        } ?? ""
                    let ruleEn =
                        table.value(row: conflict.row, key: "rule_name_en").flatMap {
                            if case .string(let name) = $0 { name } else { nil }
                        } ?? ""
                    return MapShape(
                        wkbs: [conflict.wkb], style: conflictStyle, titleZh: "\(site)：\(rule)",
                        titleEn: "\(site): \(ruleEn)")
                }
            ))
        legend.append(MapLegendEntry(zh: "选址地块", en: "Candidate site", style: siteStyle))
        legend.append(MapLegendEntry(zh: "冲突图形（地块∩管控要素）", en: "Conflict (site ∩ constraint)", style: conflictStyle))
        let context = GEOSContext()
        var markers: [MapMarker] = []
        for site in sites {
            let box = try Geometry(wkb: site.wkb, context: context).envelope
            let verdict =
                table.value(row: site.row, key: "verdict").flatMap {
                    if case .string(let text) = $0 { text } else { nil }
                } ?? "clear"
            let id =
                table.value(row: site.row, key: "site_id").flatMap {
                    if case .string(let text) = $0 { text } else { nil }
                } ?? ""
            let conflict = conflicts.contains { row in
                table.value(row: row.row, key: "site_id") == .string(id)
                    && table.value(row: row.row, key: "counts") == .string("yes")
            }
            markers.append(
                MapMarker(
                    point: Point(x: (box.minX + box.maxX) / 2, y: (box.minY + box.maxY) / 2), label: id,
                    color: verdictColors[verdict] ?? "#000000", conflict: conflict))
        }
        for verdict in Verdict.all.reversed() {
            legend.append(
                MapLegendEntry(
                    zh: "结论：\(verdict.nameZh)", en: "Verdict: \(verdict.description)",
                    style: MapStyle(
                        fill: verdictColors[verdict.description], stroke: "#ffffff", strokeWidth: 1,
                        cssClass: "verdict", legendShape: .marker)))
        }
        drawings.append(
            MapDrawing(
                frame: frame("screening", "选址筛查", "Site screening", groups, markers: markers.count),
                groups: groups, markers: markers, legend: legend))
        return drawings
    }
}
