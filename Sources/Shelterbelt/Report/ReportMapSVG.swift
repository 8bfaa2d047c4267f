import Foundation
import GeoKit

/// Draws a `MapDrawing` as inline SVG: a simple equirectangular projection (x = longitude × cos of the
/// frame's middle latitude, y = latitude), shapes simplified to the pixel grid for drawing only, with a
/// legend, a scale bar and a north arrow. Element ids: `map-ID`, `map-ID-legend`, `map-ID-scalebar`.
struct ReportMapSVG {
    let drawing: MapDrawing
    let language: ReportLanguage

    /// Room for the legend beside the map: its longest label at about 12 px per CJK character and 7 px per other one.
    var legendWidth: Int {
        let widest =
            drawing.legend.map { entry in
                language.pick(entry.zh, entry.en).unicodeScalars.reduce(0.0) { $0 + ($1.value >= 0x2E80 ? 12.5 : 7) }
            }.max() ?? 0
        return max(160, Int(widest) + 50)
    }
    /// Douglas–Peucker tolerance in pixels: finer than the eye sees at this size.
    static let tolerance = 0.4

    var frame: MapFrame { drawing.frame }

    /// Pixel position of a lon/lat point.
    func project(_ point: Point) -> (x: Double, y: Double) {
        let cosine = cos(frame.midLatitude * .pi / 180)
        let scale = Double(frame.width) / ((frame.bbox.maxX - frame.bbox.minX) * cosine)
        return ((point.x - frame.bbox.minX) * cosine * scale, (frame.bbox.maxY - point.y) * scale)
    }

    func render() throws -> String {
        let id = "map-" + Markup.token(frame.id)
        let legendHeight = 40 + drawing.legend.count * 20
        let height = max(frame.height, legendHeight)
        let width = frame.width + legendWidth
        let title = language.pick(frame.titleZh, frame.titleEn)
        var svg =
            "<svg id=\"\(id)\" class=\"map\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" "
            + "width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"\(Markup.attribute(title))\">\n"
        svg +=
            "<rect class=\"map-frame\" x=\"0\" y=\"0\" width=\"\(frame.width)\" height=\"\(frame.height)\" "
            + "fill=\"#ffffff\" stroke=\"#cccccc\"/>\n"
        svg += "<g clip-path=\"url(#\(id)-clip)\">\n"
        let context = GEOSContext()
        for group in drawing.groups {
            svg += "<g id=\"\(id)-\(Markup.token(group.id))\">\n"
            for shape in group.shapes {
                let data = try shape.wkbs.map { try path(Geometry(wkb: $0, context: context)) }.joined()
                guard !data.isEmpty else { continue }
                svg +=
                    "<path class=\"\(Markup.token(shape.style.cssClass))\" d=\"\(data)\"\(attributes(shape.style))>"
                    + "<title>\(Markup.text(language.pick(shape.titleZh, shape.titleEn)))</title></path>\n"
            }
            svg += "</g>\n"
        }
        svg +=
            "</g>\n<defs><clipPath id=\"\(id)-clip\">"
            + "<rect x=\"0\" y=\"0\" width=\"\(frame.width)\" height=\"\(frame.height)\"/></clipPath></defs>\n"
        if !drawing.markers.isEmpty {
            svg += "<g id=\"\(id)-markers\">\n"
            for marker in drawing.markers {
                let (x, y) = project(marker.point)
                if marker.conflict {
                    svg +=
                        "<circle class=\"conflict-ring\" cx=\"\(Self.px(x))\" cy=\"\(Self.px(y))\" r=\"9\" "
                        + "fill=\"none\" stroke=\"\(Markup.color(ReportMapContent.conflictRed))\" "
                        + "stroke-width=\"2\"/>\n"
                }
                svg +=
                    "<circle class=\"site-marker\" cx=\"\(Self.px(x))\" cy=\"\(Self.px(y))\" r=\"5\" "
                    + "fill=\"\(Markup.color(marker.color))\" stroke=\"#ffffff\" stroke-width=\"1\"/>"
                svg +=
                    "<text class=\"site-label\" x=\"\(Self.px(x + 11))\" y=\"\(Self.px(y + 4))\">"
                    + "\(Markup.text(marker.label))</text>\n"
            }
            svg += "</g>\n"
        }
        svg += northArrow(id) + scaleBar(id) + legend(id) + "</svg>"
        return svg
    }

    func attributes(_ style: MapStyle) -> String {
        var text = " fill=\"\(Markup.color(style.fill ?? "none"))\""
        if style.fill != nil && style.fillOpacity < 1 { text += " fill-opacity=\"\(style.fillOpacity)\"" }
        if let stroke = style.stroke {
            text += " stroke=\"\(Markup.color(stroke))\" stroke-width=\"\(style.strokeWidth)\""
            text += " stroke-linejoin=\"round\" stroke-linecap=\"round\""
            if let dash = style.dash { text += " stroke-dasharray=\"\(Markup.attribute(dash))\"" }
        }
        if style.fill != nil { text += " fill-rule=\"evenodd\"" }
        return text
    }

    // MARK: geometry to path data

    func path(_ geometry: Geometry) throws -> String {
        switch try geometry.kind {
        case .polygon, .multiPolygon:
            return try geometry.polygons.flatMap { [$0.exterior] + $0.holes }.map { ring(simplified(ring: $0)) }
                .joined()
        case .lineString, .linearRing, .multiLineString:
            return try geometry.lineParts.map { line(simplified(line: $0)) }.joined()
        case .collection:
            return try geometry.parts.map(path).joined()
        case .point, .multiPoint:
            return try geometry.parts.flatMap { try $0.linePoints }.map { point in
                let (x, y) = project(point)
                return "M\(Self.px(x - 2)) \(Self.px(y))h4M\(Self.px(x)) \(Self.px(y - 2))v4"
            }.joined()
        }
    }

    func ring(_ points: [(x: Double, y: Double)]) -> String { line(points) + "Z" }

    func line(_ points: [(x: Double, y: Double)]) -> String {
        guard let first = points.first else { return "" }
        return "M\(Self.px(first.x)) \(Self.px(first.y))"
            + points.dropFirst().map { "L\(Self.px($0.x)) \(Self.px($0.y))" }.joined()
    }

    /// A ring in pixels, simplified; one too small to keep three corners keeps two points, so that its
    /// stroke still shows a dot where it is.
    func simplified(ring: [Point]) -> [(x: Double, y: Double)] {
        let points = ring.map(project)
        let kept = Self.douglasPeucker(points, tolerance: Self.tolerance)
        if kept.count >= 4 { return Array(kept.dropLast()) }
        guard let first = points.first else { return [] }
        let far = points.max { Self.distance($0, first) < Self.distance($1, first) } ?? first
        return [first, far]
    }

    func simplified(line: [Point]) -> [(x: Double, y: Double)] {
        Self.douglasPeucker(line.map(project), tolerance: Self.tolerance)
    }

    static func distance(_ a: (x: Double, y: Double), _ b: (x: Double, y: Double)) -> Double {
        hypot(a.x - b.x, a.y - b.y)
    }

    /// Douglas–Peucker: keeps the first and last points and every point farther than `tolerance` from
    /// the chord of the points it lies between.
    static func douglasPeucker(_ points: [(x: Double, y: Double)], tolerance: Double) -> [(x: Double, y: Double)] {
        guard points.count > 2 else { return points }
        var keep = [Bool](repeating: false, count: points.count)
        keep[0] = true
        keep[points.count - 1] = true
        var stack = [(0, points.count - 1)]
        while let (start, end) = stack.popLast() {
            guard end > start + 1 else { continue }
            let a = points[start], b = points[end]
            let dx = b.x - a.x, dy = b.y - a.y
            let length = hypot(dx, dy)
            var farthest = start, greatest = -1.0
            for index in (start + 1)..<end {
                let p = points[index]
                let offset =
                    length > 0 ? abs(dy * (p.x - a.x) - dx * (p.y - a.y)) / length : hypot(p.x - a.x, p.y - a.y)
                if offset > greatest { greatest = offset; farthest = index }
            }
            if greatest > tolerance {
                keep[farthest] = true
                stack.append((start, farthest))
                stack.append((farthest, end))
            }
        }
        return points.indices.filter { keep[$0] }.map { points[$0] }
    }

    // MARK: furniture

    func scaleBar(_ id: String) -> String {
        let length = frame.scaleBarKm * 1000 / frame.metresPerPixel
        let x = 16.0, y = Double(frame.height) - 22
        let half = length / 2
        let label = JSONValue.format(frame.scaleBarKm) + " km"
        return "<g id=\"\(id)-scalebar\" class=\"scalebar\">"
            + "<rect x=\"\(Self.px(x))\" y=\"\(Self.px(y))\" width=\"\(Self.px(half))\" height=\"5\" fill=\"#222222\"/>"
            + "<rect x=\"\(Self.px(x + half))\" y=\"\(Self.px(y))\" width=\"\(Self.px(half))\" height=\"5\" "
            + "fill=\"#ffffff\" stroke=\"#222222\" stroke-width=\"0.8\"/>"
            + "<text x=\"\(Self.px(x))\" y=\"\(Self.px(y - 4))\" text-anchor=\"middle\">0</text>"
            + "<text x=\"\(Self.px(x + length))\" y=\"\(Self.px(y - 4))\" text-anchor=\"middle\">\(label)</text></g>\n"
    }

    func northArrow(_ id: String) -> String {
        let x = Double(frame.width) - 24, y = 14.0
        return "<g id=\"\(id)-north\" class=\"north\">"
            + "<path d=\"M\(Self.px(x)) \(Self.px(y))l7 20l-7 -6l-7 6Z\" fill=\"#222222\"/>"
            + "<text x=\"\(Self.px(x))\" y=\"\(Self.px(y + 34))\" text-anchor=\"middle\">"
            + "\(language.pick("北", "N"))</text></g>\n"
    }

    func legend(_ id: String) -> String {
        var svg = "<g id=\"\(id)-legend\" class=\"legend\" transform=\"translate(\(frame.width + 14) 8)\">"
        svg += "<text class=\"legend-title\" x=\"0\" y=\"14\">\(language.pick("图例", "Legend"))</text>"
        for (index, entry) in drawing.legend.enumerated() {
            let y = 28 + index * 20
            let style = entry.style
            switch style.legendShape {
            case .area:
                let swatch = MapStyle(
                    fill: style.fill, fillOpacity: style.fillOpacity, stroke: style.stroke ?? style.fill,
                    strokeWidth: max(style.strokeWidth, 0.6), dash: style.dash, cssClass: "")
                svg += "<rect x=\"0\" y=\"\(y)\" width=\"22\" height=\"13\"\(attributes(swatch))/>"
            case .line:
                svg +=
                    "<line x1=\"0\" y1=\"\(y + 7)\" x2=\"22\" y2=\"\(y + 7)\" "
                    + "stroke=\"\(Markup.color(style.stroke ?? "#000000"))\" "
                    + "stroke-width=\"\(max(style.strokeWidth, 1))\"/>"
            case .marker:
                svg += "<circle cx=\"11\" cy=\"\(y + 7)\" r=\"5\" fill=\"\(Markup.color(style.fill ?? "#000000"))\"/>"
            }
            svg += "<text x=\"30\" y=\"\(y + 11)\">\(Markup.text(language.pick(entry.zh, entry.en)))</text>"
        }
        return svg + "</g>\n"
    }

    static func px(_ value: Double) -> String { String(format: "%.1f", value) }
}
