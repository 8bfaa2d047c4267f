import Foundation

/// The report as one self-contained HTML page (no network, no scripts, no external fonts): headline
/// figures, target progress bars, maps as inline SVG and the tables. Every figure is printed from the
/// summary and carries `data-ptr`, the JSON Pointer of its value in summary.json, so a test can check
/// the page against the summary number by number. Every value is written through `Markup`, and the
/// page's Content-Security-Policy forbids script.
struct ReportHTML {
    let summary: ReportSummary
    let maps: [MapDrawing]
    let language: ReportLanguage

    func t(_ zh: String, _ en: String) -> String { language.pick(zh, en) }

    func render() throws -> String {
        let title = summary.aboutText(language == .zh ? "title_zh" : "title_en") ?? "Shelterbelt"
        var html = """
            <!DOCTYPE html>
            <html lang="\(language == .zh ? "zh-CN" : "en")">
            <head>
            <meta http-equiv="Content-Security-Policy" content="\(Self.contentSecurityPolicy)">
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="\(Markup.attribute(ReportSummary.generator))">
            <title>\(Markup.text(title))</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            <header><h1>\(Markup.text(title))</h1>\(meta())</header>

            """
        html += overview() + progress() + (try mapsSection()) + tablesSection() + notes()
        let footer = t(
            "本报告由 shelterbelt report 生成；全部数字见同目录 summary.json。",
            "Made by shelterbelt report; every figure is in summary.json beside this page.")
        html += "<footer>\(footer)</footer>\n"
        html += "</body>\n</html>\n"
        return html
    }

    // MARK: sections

    func meta() -> String {
        let items: [(String, String, String)] = [
            ("as_of", "数据截至", "As of"), ("subject", "治理图斑", "Treated patches"), ("sites", "选址地块", "Candidate sites"),
            ("layers", "图层", "Layers"), ("targets", "目标", "Targets"),
        ]
        var parts = items.compactMap { key, zh, en in
            summary.aboutText(key).map {
                "<span>\(t(zh, en))：<code\(Self.pointer(["report", key]))>\(Markup.text($0))</code></span>"
            }
        }
        let unit = summary.aboutText(language == .zh ? "unit_zh" : "unit_en") ?? ""
        parts.append("<span>\(t("面积单位", "Area unit"))：\(Markup.text(unit))</span>")
        return "<p class=\"meta\">" + parts.joined(separator: " ") + "</p>"
    }

    func overview() -> String {
        var html = "<section id=\"overview\"><h2>\(t("概况", "Overview"))</h2><div class=\"cards\">\n"
        for figure in summary.overview {
            html +=
                "<div class=\"card\"><div class=\"label\">\(Markup.text(t(figure.zh, figure.en)))</div>"
                + "<div class=\"value\"\(Self.pointer(figure.pointer))>"
                + "\(Markup.text(ReportFormat.display(figure.value, figure.format)))</div>"
                + "<div class=\"unit\">\(Markup.text(t(figure.unitZh, figure.unitEn)))</div></div>\n"
        }
        return html + "</div></section>\n"
    }

    /// A bar per area target: progress toward it, with the status and the figures behind it.
    func progress() -> String {
        guard let table = summary.table("targets") else { return "" }
        var html = "<section id=\"progress\"><h2>\(t("目标进度", "Target progress"))</h2><div class=\"targets\">\n"
        for row in table.rows.indices where table.value(row: row, key: "measure") == .string("area") {
            guard case .number(let percent)? = table.value(row: row, key: "progress_pct") else { continue }
            let status = Self.text(table.value(row: row, key: "status")) ?? ""
            let name = Self.text(table.value(row: row, key: language == .zh ? "name_zh" : "name_en")) ?? ""
            let statusText = Self.text(table.value(row: row, key: language == .zh ? "status_zh" : "status")) ?? ""
            func figure(_ key: String) -> String {
                let kind = table.columns.first { $0.key == key }?.kind ?? .text
                let value = table.value(row: row, key: key) ?? .null
                return "<span\(Self.pointer(table.pointer(row: row, key: key)))>"
                    + "\(Markup.text(ReportFormat.display(value, kind)))</span>"
            }
            let unit = Markup.text(Self.text(table.value(row: row, key: "unit")) ?? "")
            let width = String(format: "%.2f", min(max(percent, 0), 100))
            let statusClass = "status-" + Markup.token(status.replacingOccurrences(of: " ", with: "-"))
            html +=
                "<div class=\"target\"><div class=\"target-name\">\(Markup.text(name))</div>"
                + "<div class=\"progress\" role=\"progressbar\">"
                + "<div class=\"fill \(statusClass)\" style=\"width:\(width)%\"></div></div>"
            html +=
                "<div class=\"target-figures\">\(figure("progress_pct")) · "
                + "\(figure("measured")) / \(figure("value")) \(unit)"
                + " · <span class=\"status \(statusClass)\">\(Markup.text(statusText))</span></div></div>\n"
        }
        return html + "</div></section>\n"
    }

    func mapsSection() throws -> String {
        var html = "<section id=\"maps\"><h2>\(t("地图", "Maps"))</h2>\n"
        for drawing in maps {
            let frame = drawing.frame
            let latitude =
                "<span\(Self.pointer(["maps", frame.id, "mid_latitude"]))>"
                + "\(JSONValue.format(frame.midLatitude))</span>"
            let scale =
                "<span\(Self.pointer(["maps", frame.id, "scale_bar_km"]))>"
                + "\(JSONValue.format(frame.scaleBarKm))</span>"
            let caption = t(
                "简单等距圆柱投影，经度按中纬度 \(latitude)° 的余弦缩放；比例尺 \(scale) 千米（沿中纬度）；图形仅为绘图而简化。",
                "Simple equirectangular projection, longitudes scaled by the cosine of the middle latitude "
                    + "\(latitude)°; scale bar \(scale) km (along that latitude); shapes simplified for drawing only.")
            html +=
                "<figure id=\"figure-\(Markup.token(frame.id))\"><figcaption>"
                + "<strong>\(Markup.text(t(frame.titleZh, frame.titleEn)))</strong> — " + caption
                + "</figcaption>\n" + (try ReportMapSVG(drawing: drawing, language: language).render())
                + "\n</figure>\n"
        }
        return html + "</section>\n"
    }

    func tablesSection() -> String {
        var html = "<section id=\"tables\">\n"
        for table in summary.tables {
            let columns = table.columns.indices.filter {
                table.columns[$0].language == nil || table.columns[$0].language == language
            }
            html +=
                "<h2 id=\"heading-\(Markup.token(table.id))\">\(Markup.text(t(table.titleZh, table.titleEn)))</h2>\n"
                + "<div class=\"table-wrap\"><table id=\"table-\(Markup.token(table.id))\">\n<thead><tr>"
            html += columns.map {
                "<th\(table.columns[$0].isNumeric ? " class=\"num\"" : "")>"
                    + "\(Markup.text(t(table.columns[$0].zh, table.columns[$0].en)))</th>"
            }.joined()
            html += "</tr></thead>\n<tbody>\n"
            for row in table.rows.indices {
                html += table.totalRows.contains(row) ? "<tr class=\"total\">" : "<tr>"
                for index in columns {
                    let column = table.columns[index]
                    let value = table.rows[row][index]
                    guard column.isNumeric else {
                        html += "<td>\(Markup.text(ReportFormat.display(value, column.kind)))</td>"; continue
                    }
                    if value == .null { html += "<td class=\"num\"></td>"; continue }
                    html +=
                        "<td class=\"num\"\(Self.pointer(table.pointer(row: row, key: column.key)))>"
                        + "\(Markup.text(ReportFormat.display(value, column.kind)))</td>"
                }
                html += "</tr>\n"
            }
            html += "</tbody></table></div>\n"
        }
        return html + "</section>\n"
    }

    func notes() -> String {
        "<section id=\"notes\"><h2>\(t("说明", "Notes"))</h2><ul>\n"
            + summary.notes.map { "<li>\(Markup.text(t($0.zh, $0.en)))</li>\n" }.joined() + "</ul></section>\n"
    }

    // MARK: helpers

    static func text(_ value: JSONValue?) -> String? {
        if case .string(let text)? = value { return text }
        return nil
    }

    /// ` data-ptr="…"`: a figure's JSON Pointer, whose tokens may be class values or ids from data.
    static func pointer(_ pointer: String) -> String { " data-ptr=\"\(Markup.attribute(pointer))\"" }

    static func pointer(_ parts: [String]) -> String { pointer(ReportSummary.pointer(parts)) }

    /// The page needs no script, no network and no external font: forbidding them all means that
    /// even a value that slipped through escaping could not run.
    static let contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

    static let style = """
        body{font-family:"Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",\
        "Microsoft YaHei","PingFang SC","Hiragino Sans GB",sans-serif;\
        margin:0 auto;max-width:1100px;padding:16px 24px;color:#222;background:#fafafa;line-height:1.5}
        h1{font-size:1.6em;margin:.2em 0}
        h2{font-size:1.2em;margin:1.4em 0 .5em;border-bottom:2px solid #2e7d32;padding-bottom:.2em}
        .meta{color:#555;font-size:.85em}.meta span{margin-right:1.2em;display:inline-block}code{font-size:.95em}
        .cards{display:flex;flex-wrap:wrap;gap:10px}
        .card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px 12px;min-width:120px}
        .card .label{font-size:.8em;color:#555}.card .value{font-size:1.35em;font-weight:bold}
        .card .unit{font-size:.75em;color:#777}
        .targets{display:grid;grid-template-columns:repeat(auto-fill,minmax(330px,1fr));gap:8px}
        .target{background:#fff;border:1px solid #e2e2e2;border-radius:6px;padding:6px 10px}
        .target-name{font-weight:bold}
        .progress{height:12px;background:#e8e8e8;border-radius:6px;overflow:hidden;margin:4px 0}
        .progress .fill{height:100%;background:#2e7d32}.fill.status-behind,.fill.status-overdue{background:#e65100}
        .fill.status-on-track{background:#1565c0}.fill.status-in-progress{background:#757575}
        .target-figures{font-size:.85em;color:#444}.status{font-weight:bold}
        .status-met{color:#2e7d32}.status-behind,.status-overdue{color:#e65100}.status-on-track{color:#1565c0}
        figure{margin:12px 0;background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px;overflow-x:auto}
        figcaption{font-size:.85em;color:#444;margin-bottom:6px}svg.map{max-width:100%;height:auto;font-size:12px}
        svg .legend text,svg .scalebar text,svg .north text{fill:#222}svg .legend-title{font-weight:bold}
        svg .site-label{font-size:11px;font-weight:bold;fill:#111;paint-order:stroke;stroke:#fff;stroke-width:3px}
        .table-wrap{overflow-x:auto;background:#fff;border:1px solid #ddd;border-radius:6px}
        table{border-collapse:collapse;font-size:.8em;width:100%}
        th,td{border-bottom:1px solid #eee;padding:3px 6px;text-align:left;white-space:nowrap}
        th{background:#f0f4ef;position:sticky;top:0}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
        tr.total td{font-weight:bold;background:#f7f7f7}#notes li{font-size:.85em;margin:.3em 0}
        footer{margin-top:2em;font-size:.8em;color:#777}
        """
}
