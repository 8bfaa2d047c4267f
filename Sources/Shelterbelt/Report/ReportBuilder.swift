import Foundation
import GeoKit

/// A layer of the layout as the report read it.
struct LayoutLayer: Sendable {
    let definition: LayerDefinition
    let features: [ReportFeature]
    let notes: InputNotes
}

/// Everything a report is made of: the summary (every figure), the geometries behind the maps and the
/// GeoJSON files (WGS84 lon/lat WKB); the patch layer is already written.
struct ReportContent: Sendable {
    let summary: ReportSummary
    let layout: [LayoutLayer]
    /// For each zone table (by id), the geometries of each row's zone; empty for the outside and total rows.
    let zoneShapes: [String: [[[UInt8]]]]
    /// Each screened site with a geometry: its WKB and the row of its first line in the screening table.
    let sites: [(wkb: [UInt8], row: Int)]
    /// Each conflict geometry (site ∩ constraint, or the segment to a nearby constraint) and its row.
    let conflicts: [(wkb: [UInt8], row: Int)]
    let maps: [MapDrawing]
}

/// Computes a report through the engines: one `StatsEngine` run over the patches for the zone, watershed,
/// park and banner tables, target progress (`TargetMeasurement.Plan`), the patches map and the patch layer
/// (`ReportPatches`), and `SiteScreener` for the sites.
enum ReportBuilder {
    /// Layer kinds that get a statistics table, in report order.
    static let zoneKinds: [LayerKind] = [.zone5, .zone3, .watershed, .park, .banner]
    static let mapWidth = 720

    /// `patchLayer` is where the patches' GeoPackage is written (inside the report's temporary folder).
    static func build(_ request: ReportRequest, patchLayer: String) throws -> ReportContent {
        let unit = request.unit
        let step = { (text: String) in request.progress?(text) }
        let set = try LayerSet.load(request.layers)
        // The targets and the field mapping are checked, and the split field chosen, before the long runs.
        let targetsFile = request.targets ?? (set.directory as NSString).appendingPathComponent(Targets.fileName)
        let targets = try TargetMeasurement.Plan(
            try Targets.load(targetsFile, layers: set), layers: set, subject: request.subject,
            mapping: request.fieldMapping, edges: request.edges, threads: request.threads)
        let split = try splitField(request, subject: try request.subject.open())

        step("reading the layout")
        let layout = try set.layers.map { definition -> LayoutLayer in
            var notes = InputNotes()
            let features = try ReportReader.read(definition.source, edges: request.edges, notes: &notes)
            return LayoutLayer(definition: definition, features: features, notes: notes)
        }
        let context = GEOSContext()
        let extent = try extentOf(
            layout.first { $0.definition.kind == .city }?.features ?? layout.flatMap(\.features), context: context)

        var tables: [ReportTable] = []
        var zoneShapes: [String: [[[UInt8]]]] = [:]
        // Every zone table, the targets, the patches map and the patch layer from one read of the patches. Without zone
        // layers the patches are still read once, against the city, for the treatment table and the map.
        let zoneLayers = zoneKinds.flatMap { kind in layout.filter { $0.definition.kind == kind } }
        let measured = zoneLayers.isEmpty ? layout.filter { $0.definition.kind == .city } : zoneLayers
        guard !measured.isEmpty else {
            throw ShelterbeltError(
                .badInput, file: set.manifest.file, problem: "has neither zone layers nor a city outline",
                remedy: "add a layer of kind zone5, zone3, watershed, park, banner or city")
        }
        step("measuring the patches by \(measured.map(\.definition.id).joined(separator: ", ")) and the targets")
        // Only the frame's box and scale matter to the grid, not its title or feature count.
        let patchFrame = MapFrame.fitting(
            id: "patches", titleZh: "", titleEn: "", extent: extent, width: mapWidth, features: 0)
        let patches = try ReportPatches(
            request.subject, split: split, frame: patchFrame, unit: unit, layerPath: patchLayer)
        let results = try StatsEngine.run(
            measured.map { layer in
                var zoneRequest = StatsRequest(
                    subject: request.subject, zones: layer.definition.source, zoneField: layer.definition.idField,
                    method: .geodesic, edges: request.edges, threads: request.threads)
                zoneRequest.classFields = split.map { [$0] }
                return zoneRequest
            } + targets.requests, visitor: patches)
        try patches.close()
        let measurement = targets.measurement(
            asOf: request.asOf, results: Array(results.suffix(targets.requests.count)))
        for (layer, result) in zip(zoneLayers, results) {
            let (table, shapes) = zoneTable(layer, result, unit: unit)
            tables.append(table)
            zoneShapes[table.id] = shapes
        }
        let firstRun = results[0]
        tables.append(treatmentTable(firstRun, byField: split?.name, unit: unit))
        tables.append(targetTable(measurement, layers: set))

        var screening: ScreeningResult?
        var siteShapes: [(wkb: [UInt8], row: Int)] = []
        var conflicts: [(wkb: [UInt8], row: Int)] = []
        let rulesFile = request.rules ?? (set.directory as NSString).appendingPathComponent("screening-rules.toml")
        if let sites = request.sites {
            step("screening the sites")
            var screeningRequest = ScreeningRequest(
                sites: sites, rulesPath: rulesFile, pointBufferM: request.pointBufferM, threads: request.threads)
            screeningRequest.edges = request.edges
            let result = try SiteScreener.run(screeningRequest)
            screening = result
            let (table, siteRows, conflictRows) = try screeningTable(result, unit: unit)
            tables.append(table)
            siteShapes = siteRows
            conflicts = conflictRows
        }
        tables.append(layoutTable(layout, unit: unit))

        step("drawing the maps")
        let partial = ReportSummary(about: [], overview: [], tables: tables, maps: [], notes: [])
        let drawings = try ReportMapContent.drawings(
            layout: layout, patches: patches.map, summary: partial,
            sites: siteShapes, conflicts: conflicts, extent: extent, width: mapWidth)

        let summary = ReportSummary(
            about: about(
                request, set: set, layout: layout, byField: split?.name, targetsFile: targetsFile,
                rulesFile: screening.map { _ in rulesFile }),
            overview: overview(
                firstRun: firstRun, measurement: measurement,
                screening: screening, conflicts: conflicts.count, tables: tables, unit: unit),
            tables: tables, maps: drawings.map(\.frame),
            notes: notes(request, set: set, firstRun: firstRun, screening: screening)
                + fieldNotes(measurement, splitField: split?.name)
                + layerNotes(
                    layout.map { LayerNotes(role: .layerSet, path: $0.definition.file, notes: $0.notes) }
                        + (screening?.inputNotes ?? [])))
        return ReportContent(
            summary: summary, layout: layout, zoneShapes: zoneShapes, sites: siteShapes,
            conflicts: conflicts, maps: drawings)
    }

    static func extentOf(_ features: [ReportFeature], context: GEOSContext) throws -> Envelope {
        try features.reduce(Envelope.empty) { $0.union(try Geometry(wkb: $1.wkb, context: context).envelope) }
    }

    // MARK: zone tables

    static func areaColumn(_ key: String, _ zh: String, _ en: String, _ unit: AreaUnit) -> ReportColumn {
        ReportColumn(
            key, zh: "\(zh)（\(unit.symbolZh)）", en: "\(en) (\(unit.symbolEn))",
            .number(decimals: unit.decimals))
    }

    static let outsideNames = (zh: "（分区外）", en: "(outside all zones)")
    static let totalNames = (zh: "（合计）", en: "(total)")

    /// Fields of a park layer with output targets: `output_target_YYYY_yi_yuan` (亿元).
    static func outputYears(_ layer: LayoutLayer) -> [(year: String, field: String)] {
        let names = layer.features.first?.attributes.map(\.0) ?? []
        return names.compactMap { name in
            let parts = name.split(separator: "_")
            guard parts.count == 5, name.hasPrefix("output_target_"), name.hasSuffix("_yi_yuan"), parts[2].count == 4,
                parts[2].allSatisfy(\.isNumber)
            else { return nil }
            return (String(parts[2]), name)
        }
    }

    /// Per zone: its area, the treated area inside it, patches, share, and the area of each class.
    static func zoneTable(_ layer: LayoutLayer, _ result: StatsResult, unit: AreaUnit) -> (ReportTable, [[[UInt8]]]) {
        let definition = layer.definition
        let isPark = definition.kind == .park
        let classes = Set(result.rows.compactMap(\.key)).sorted()
        let years = isPark ? outputYears(layer) : []
        var columns = [
            ReportColumn("id", zh: "编号", en: "ID", .text),
            ReportColumn("name_zh", zh: "名称", en: "Name (Chinese)", .text, language: .zh),
            ReportColumn("name_en", zh: "英文名称", en: "Name", .text, language: .en),
        ]
        if isPark {
            columns.append(ReportColumn("banner", zh: "所在旗区", en: "Banner", .text))
            columns.append(areaColumn("park_area_mu", "园区面积", "Park area", .mu))
        } else {
            columns.append(areaColumn("zone_area", "分区面积", "Zone area", unit))
        }
        columns += [
            areaColumn("treated_area", "治理面积", "Treated area", unit),
            ReportColumn("patches", zh: "图斑数", en: "Patches", .integer),
            ReportColumn("share_pct", zh: "治理占比（%）", en: "Share treated (%)", .percent(decimals: 3)),
        ]
        columns += classes.map { areaColumn("by:" + $0, $0, $0, unit) }
        for (year, _) in years {
            columns.append(
                ReportColumn(
                    "output_target_\(year)", zh: "\(year)年产值目标（亿元）", en: "Output target \(year) (100 M yuan)",
                    .number(decimals: nil)))
            columns.append(
                ReportColumn(
                    "output_per_mu_\(year)", zh: "\(year)年亩均产值目标（万元/亩）",
                    en: "Output target per mu \(year) (10k yuan/mu)", .number(decimals: 2)))
        }
        var table = ReportTable(
            id: definition.id, sheet: sheetName(definition.nameZh, fallback: definition.id),
            titleZh: "\(definition.nameZh)治理统计", titleEn: "\(definition.nameEn): treated area", columns: columns)
        let areaKey = isPark ? "park_area_mu" : "zone_area"
        let zoneUnit = isPark ? AreaUnit.mu : unit
        func classValues(_ scope: StatsResult.Scope) -> [String: JSONValue] {
            var values: [String: JSONValue] = [:]
            for key in classes { values["by:" + key] = .number(0) }
            for row in result.rows where row.scope == scope {
                if let key = row.key { values["by:" + key] = .number(unit.fromSquareMetres(row.area)) }
            }
            return values
        }
        var shapes: [[[UInt8]]] = []
        for (index, id) in result.zones.names.enumerated() {
            let members = layer.features.filter { ReportReader.names($0, of: definition).id == id }
            let names = members.first.map { ReportReader.names($0, of: definition) } ?? (id: id, zh: "", en: "")
            let row = result.zone(id)!
            var values = classValues(.zone(id))
            values["id"] = .string(id)
            values["name_zh"] = .string(names.zh)
            values["name_en"] = .string(names.en)
            values[areaKey] = .number(zoneUnit.fromSquareMetres(result.zones.areas[index]))
            values["treated_area"] = .number(unit.fromSquareMetres(row.area))
            values["patches"] = .integer(row.features)
            values["share_pct"] = row.share.map { .number($0 * 100) } ?? .null
            if isPark {
                values["banner"] = members.first?.text("banner").map(JSONValue.string) ?? .null
                let mu = AreaUnit.mu.fromSquareMetres(result.zones.areas[index])
                for (year, field) in years {
                    guard let output = members.first?.number(field) else { continue }
                    values["output_target_\(year)"] = .number(output)
                    // 亿元 × 10 000 = 万元, over the park's area in 亩 (rounded as shown, so the figure checks by hand).
                    let shownMu = (mu * 1000).rounded() / 1000
                    if shownMu > 0 { values["output_per_mu_\(year)"] = .number(output * 10_000 / shownMu) }
                }
            }
            table.append(values)
            shapes.append(members.map(\.wkb))
        }
        var outside = classValues(.outside)
        outside["id"] = .string("outside")
        outside["name_zh"] = .string(outsideNames.zh)
        outside["name_en"] = .string(outsideNames.en)
        outside["treated_area"] = .number(unit.fromSquareMetres(result.outside.area))
        outside["patches"] = .integer(result.outside.features)
        table.append(outside, total: true)
        var total = classValues(.total)
        total["id"] = .string("total")
        total["name_zh"] = .string(totalNames.zh)
        total["name_en"] = .string(totalNames.en)
        if !result.zones.overlapping {
            total[areaKey] = .number(zoneUnit.fromSquareMetres(result.zones.areas.reduce(0, +)))
        }
        total["treated_area"] = .number(unit.fromSquareMetres(result.total.area))
        total["patches"] = .integer(result.total.features)
        table.append(total, total: true)
        shapes += [[], []]
        return (table, shapes)
    }

    /// A layer's sheet name as the workbook takes it (`Workbook.legalName`): its name, or its id when nothing of
    /// the name is legal; the workbook makes it unique.
    static func sheetName(_ name: String, fallback: String) -> String {
        Workbook.legalName(name) ?? Workbook.legalName(fallback) ?? Workbook.fallbackName
    }

    /// The whole subject by class of the `--by` field.
    static func treatmentTable(_ result: StatsResult, byField: String?, unit: AreaUnit) -> ReportTable {
        var table = ReportTable(
            id: "treatments", sheet: "治理类型", titleZh: "按治理类型（\(byField ?? "无治理类型字段")）汇总",
            titleEn: "Treated area by \(byField ?? "treatment (the subject has no such field)")",
            columns: [
                ReportColumn("class", zh: "治理类型", en: "Treatment", .text),
                ReportColumn("patches", zh: "图斑数", en: "Patches", .integer),
                areaColumn("area", "治理面积", "Treated area", unit),
                ReportColumn("share_pct", zh: "占比（%）", en: "Share (%)", .percent(decimals: 2)),
            ])
        let total = result.total.area
        for row in result.rows where row.scope == .total && row.key != nil {
            table.append([
                "class": .string(row.key!), "patches": .integer(row.features),
                "area": .number(unit.fromSquareMetres(row.area)),
                "share_pct": total > 0 ? .number(row.area / total * 100) : .null,
            ])
        }
        table.append(
            [
                "class": .string(totalNames.zh), "patches": .integer(result.total.features),
                "area": .number(unit.fromSquareMetres(total)), "share_pct": total > 0 ? .number(100) : .null,
            ], total: true)
        return table
    }

    // MARK: targets

    static func targetTable(_ measurement: TargetMeasurement, layers: LayerSet) -> ReportTable {
        var table = ReportTable(
            id: "targets", sheet: "目标进度", titleZh: "规划目标完成进度", titleEn: "Progress toward plan targets",
            columns: [
                ReportColumn("id", zh: "编号", en: "ID", .text),
                ReportColumn("name_zh", zh: "目标", en: "Target (Chinese)", .text, language: .zh),
                ReportColumn("name_en", zh: "目标（英文）", en: "Target", .text, language: .en),
                ReportColumn("measure", zh: "类型", en: "Measure", .text),
                ReportColumn("scope", zh: "范围", en: "Scope", .text),
                ReportColumn("unit", zh: "单位", en: "Unit", .text),
                ReportColumn("value", zh: "目标值", en: "Target", .number(decimals: nil)),
                ReportColumn("baseline", zh: "基数", en: "Baseline", .number(decimals: nil)),
                ReportColumn("measured", zh: "图斑完成量", en: "Measured", .number(decimals: nil)),
                ReportColumn("progress_pct", zh: "完成进度（%）", en: "Progress (%)", .percent(decimals: 2)),
                ReportColumn("remaining", zh: "剩余", en: "Remaining", .number(decimals: nil)),
                ReportColumn("expected", zh: "按时序应完成", en: "Expected by now", .number(decimals: nil)),
                ReportColumn("deadline", zh: "期限", en: "Deadline", .text),
                ReportColumn("status_zh", zh: "状态", en: "Status (Chinese)", .text, language: .zh),
                ReportColumn("status", zh: "状态（英文）", en: "Status", .text, language: .en),
                ReportColumn("bureau_zh", zh: "责任单位", en: "Bureau (Chinese)", .text, language: .zh),
                ReportColumn("bureau_en", zh: "责任单位（英文）", en: "Bureau", .text, language: .en),
                ReportColumn("counted", zh: "计入图斑", en: "Patches counted", .text),
                ReportColumn("source", zh: "依据", en: "Source", .text),
                ReportColumn("note", zh: "说明", en: "Note", .text),
                ReportColumn("measurement_note", zh: "测算提示", en: "Measurement note", .text),
            ])
        for item in measurement.items {
            let target = item.target
            let layer = layers.layer(target.scopeLayer)
            let scopeName = [layer?.nameZh ?? target.scopeLayer, target.scopeFeature].compactMap { $0 }.joined(
                separator: " / ")
            func number(_ value: Double?) -> JSONValue { value.map(JSONValue.number) ?? .null }
            // Rows differ in unit, so each area is rounded by its own unit's decimals, not by the column.
            func area(_ value: Double?) -> JSONValue { ReportFormat.number(value, target.decimals) }
            table.append([
                "id": .string(target.id), "name_zh": .string(target.nameZh), "name_en": .string(target.nameEn),
                "measure": .string(target.measure.rawValue), "scope": .string(scopeName), "unit": .string(target.unit),
                "value": .number(target.value), "baseline": .number(target.baseline), "measured": area(item.measured),
                "progress_pct": number(item.progress.map { $0 * 100 }), "remaining": area(item.remaining),
                "expected": area(item.expected), "deadline": target.deadline.map { .string($0.description) } ?? .null,
                "status_zh": .string(item.status.labelZh), "status": .string(item.status.rawValue),
                "bureau_zh": .string(target.bureauZh), "bureau_en": .string(target.bureauEn),
                "counted": target.measure == .area ? .string(target.countedPatches) : .null,
                "source": .string(target.source),
                "note": target.note.isEmpty ? .null : .string(target.note),
                "measurement_note": (item.unmeasurableReason ?? item.caveat).map(JSONValue.string) ?? .null,
            ])
        }
        return table
    }

    // MARK: screening

    static func screeningTable(_ result: ScreeningResult, unit: AreaUnit) throws
        -> (ReportTable, [(wkb: [UInt8], row: Int)], [(wkb: [UInt8], row: Int)])
    {
        var table = ReportTable(
            id: "screening", sheet: "选址筛查", titleZh: "项目选址筛查结果", titleEn: "Site screening",
            columns: [
                ReportColumn("site_id", zh: "地块编号", en: "Site", .text),
                ReportColumn("site_name", zh: "地块名称", en: "Site name", .text),
                areaColumn("site_area", "地块面积", "Site area", unit),
                ReportColumn("verdict_zh", zh: "结论", en: "Verdict (Chinese)", .text, language: .zh),
                ReportColumn("verdict", zh: "结论（英文）", en: "Verdict", .text, language: .en),
                ReportColumn("rule", zh: "规则序号", en: "Rule", .integer),
                ReportColumn("rule_name_zh", zh: "管控要求", en: "Constraint (Chinese)", .text, language: .zh),
                ReportColumn("rule_name_en", zh: "管控要求（英文）", en: "Constraint", .text, language: .en),
                ReportColumn("severity_zh", zh: "级别", en: "Severity (Chinese)", .text, language: .zh),
                ReportColumn("severity", zh: "级别（英文）", en: "Severity", .text, language: .en),
                ReportColumn("feature_id", zh: "要素编号", en: "Feature", .text),
                ReportColumn("feature_name", zh: "要素名称", en: "Feature name", .text),
                ReportColumn("relation_zh", zh: "关系", en: "Relation (Chinese)", .text, language: .zh),
                ReportColumn("relation", zh: "关系（英文）", en: "Relation", .text, language: .en),
                ReportColumn("counts_zh", zh: "是否计入结论", en: "Counts (Chinese)", .text, language: .zh),
                ReportColumn("counts", zh: "是否计入结论（英文）", en: "Counts", .text, language: .en),
                ReportColumn("counting_zh", zh: "计入说明", en: "Counting (Chinese)", .text, language: .zh),
                ReportColumn("counting", zh: "计入说明（英文）", en: "Counting", .text, language: .en),
                areaColumn("overlap_area", "重叠面积", "Overlap", unit),
                ReportColumn("share_pct", zh: "占地块比例（%）", en: "Share of site (%)", .percent(decimals: 3)),
                ReportColumn("distance_m", zh: "距离（米）", en: "Distance (m)", .number(decimals: 1)),
            ])
        let names = Dictionary(
            result.sites.sites.compactMap { site in site.name.map { (site.featureID, $0) } },
            uniquingKeysWith: { a, _ in a })
        let context = GEOSContext()
        let toWGS84 = try CoordinateTransform(from: AreaMethod.geodesic.workingCRS, to: "EPSG:4326")
        func wgs84(_ wkb: [UInt8]) throws -> [UInt8] { try toWGS84.apply(try Geometry(wkb: wkb, context: context)).wkb }
        let geometries = Dictionary(
            result.sites.sites.compactMap { site in site.wkb.map { (site.featureID, $0) } },
            uniquingKeysWith: { a, _ in a })
        var sites: [(wkb: [UInt8], row: Int)] = []
        var conflicts: [(wkb: [UInt8], row: Int)] = []
        for site in result.results {
            var lead: [String: JSONValue] = [
                "site_id": .string(site.id), "site_name": names[site.featureID].map(JSONValue.string) ?? .null,
                "site_area": .number(unit.fromSquareMetres(site.areaM2)),
                "verdict_zh": .string(site.skipped == nil ? site.verdict.nameZh : "未筛查"),
                "verdict": .string(site.skipped == nil ? site.verdict.description : "not screened"),
            ]
            if let wkb = geometries[site.featureID] { sites.append((try wgs84(wkb), table.rows.count)) }
            // One row per constraint feature met, as `screen` shows them (ScreeningRow).
            for row in ScreeningRow.rows(site, constraints: result.constraints) {
                guard let finding = row.finding else {
                    table.append(lead)
                    continue
                }
                let rule = result.rules.rules[finding.rule]
                let overlaps = finding.relation == .overlap || finding.relation == .sliver
                lead["rule"] = .integer(rule.number)
                lead["rule_name_zh"] = .string(rule.nameZh)
                lead["rule_name_en"] = .string(rule.nameEn)
                lead["severity_zh"] = .string(finding.severity.nameZh)
                lead["severity"] = .string(finding.severity.description)
                lead["feature_id"] = .string(finding.featureID)
                lead["feature_name"] = .string(finding.featureName)
                lead["relation_zh"] = .string(finding.relation.nameZh)
                lead["relation"] = .string(finding.relation.rawValue)
                lead["counts_zh"] = .string(row.counts ? "计入" : "不计入")
                lead["counts"] = .string(row.counts ? "yes" : "no")
                lead["counting_zh"] = .string(row.countingZh(result.rules))
                lead["counting"] = .string(row.countingEn(result.rules))
                lead["overlap_area"] = overlaps ? .number(unit.fromSquareMetres(finding.overlapM2)) : .null
                lead["share_pct"] = overlaps ? .number(finding.share * 100) : .null
                lead["distance_m"] = finding.distanceM.map(JSONValue.number) ?? .null
                if let wkb = finding.conflictWKB { conflicts.append((try wgs84(wkb), table.rows.count)) }
                table.append(lead)
            }
        }
        return (table, sites, conflicts)
    }

    // MARK: layout

    static func layoutTable(_ layout: [LayoutLayer], unit: AreaUnit) -> ReportTable {
        var table = ReportTable(
            id: "layout", sheet: "生态格局图层", titleZh: "生态格局图层要素", titleEn: "Features of the layout layers",
            columns: [
                ReportColumn("layer", zh: "图层", en: "Layer ID", .text),
                ReportColumn("layer_name_zh", zh: "图层名称", en: "Layer (Chinese)", .text, language: .zh),
                ReportColumn("layer_name_en", zh: "图层名称（英文）", en: "Layer", .text, language: .en),
                ReportColumn("id", zh: "编号", en: "ID", .text),
                ReportColumn("name_zh", zh: "名称", en: "Name (Chinese)", .text, language: .zh),
                ReportColumn("name_en", zh: "英文名称", en: "Name", .text, language: .en),
                areaColumn("area", "面积", "Area", unit),
                ReportColumn("length_km", zh: "长度（千米）", en: "Length (km)", .number(decimals: 3)),
            ])
        for layer in layout {
            for feature in layer.features {
                let names = ReportReader.names(feature, of: layer.definition)
                table.append([
                    "layer": .string(layer.definition.id), "layer_name_zh": .string(layer.definition.nameZh),
                    "layer_name_en": .string(layer.definition.nameEn), "id": .string(names.id),
                    "name_zh": .string(names.zh),
                    "name_en": .string(names.en),
                    "area": feature.areaM2.map { .number(unit.fromSquareMetres($0)) } ?? .null,
                    "length_km": feature.lengthM.map { .number($0 / 1000) } ?? .null,
                ])
            }
        }
        return table
    }

    // MARK: about, overview, notes

    static func about(
        _ request: ReportRequest, set: LayerSet, layout: [LayoutLayer], byField: String?, targetsFile: String,
        rulesFile: String?
    ) -> [(String, JSONValue)] {
        [
            ("generator", .string(ReportSummary.generator)),
            ("title_zh", .string("\(set.manifest.nameZh)治理成效报告")),
            ("title_en", .string("\(set.manifest.nameEn): treatment report")),
            ("layers", .string(shown(set.manifest.file))), ("subject", .string(shown(request.subject.path))),
            ("sites", request.sites.map { .string(shown($0.path)) } ?? .null), ("targets", .string(shown(targetsFile))),
            ("rules", rulesFile.map { .string(shown($0)) } ?? .null), ("as_of", .string(request.asOf.description)),
            ("by_field", byField.map(JSONValue.string) ?? .null), ("unit", .string(request.unit.rawValue)),
            ("unit_zh", .string(request.unit.symbolZh)), ("unit_en", .string(request.unit.symbolEn)),
            ("area_method", .string("geodesic, GRS80 ellipsoid (CGCS2000)")),
            ("geojson_precision", .integer(request.precision)),
            (
                "layout_layers",
                .array(
                    layout.map { layer in
                        .object([
                            ("id", .string(layer.definition.id)), ("kind", .string(layer.definition.kind.rawValue)),
                            ("name_zh", .string(layer.definition.nameZh)),
                            ("name_en", .string(layer.definition.nameEn)),
                            ("features", .integer(layer.features.count)),
                        ])
                    })
            ),
        ]
    }

    /// A path as the report shows it: relative to the current folder when it lies inside it, so that
    /// reports made in two checkouts of the same data compare equal.
    static func shown(_ path: String) -> String {
        let folder = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(folder) ? String(path.dropFirst(folder.count)) : path
    }

    static func overview(
        firstRun: StatsResult, measurement: TargetMeasurement,
        screening: ScreeningResult?, conflicts: Int, tables: [ReportTable], unit: AreaUnit
    ) -> [ReportFigure] {
        let digits = unit.decimals
        let treated = firstRun.total.area
        var figures = [
            ReportFigure(
                "patches", zh: "治理图斑", en: "Treated patches", value: .integer(firstRun.featuresRead),
                format: .integer, unitZh: "个", unitEn: ""),
            ReportFigure(
                "treated_area", zh: "治理面积", en: "Treated area",
                value: ReportFormat.number(unit.fromSquareMetres(treated), digits),
                format: .number(decimals: digits), unitZh: unit.symbolZh, unitEn: unit.symbolEn),
            ReportFigure(
                "treatment_types", zh: "治理类型", en: "Treatment types",
                value: .integer(Set(firstRun.rows.compactMap(\.key)).count), format: .integer, unitZh: "类",
                unitEn: ""),
        ]
        let area = measurement.items.filter { $0.target.measure == .area }
        let count = { (statuses: [TargetProgress.Status]) in area.filter { statuses.contains($0.status) }.count }
        figures += [
            ReportFigure(
                "targets_area", zh: "面积类目标", en: "Area targets", value: .integer(area.count), format: .integer,
                unitZh: "项"),
            ReportFigure(
                "targets_met", zh: "已完成", en: "Met", value: .integer(count([.met])), format: .integer, unitZh: "项"),
            ReportFigure(
                "targets_on_track", zh: "进度正常", en: "On track", value: .integer(count([.onTrack])), format: .integer,
                unitZh: "项"),
            ReportFigure(
                "targets_behind", zh: "进度落后或逾期", en: "Behind or overdue", value: .integer(count([.behind, .overdue])),
                format: .integer, unitZh: "项"),
        ]
        if count([.missingField]) > 0 {
            figures.append(
                ReportFigure(
                    "targets_not_measurable", zh: "缺少字段无法测算", en: "Not measurable (field missing)",
                    value: .integer(count([.missingField])), format: .integer, unitZh: "项"))
        }
        if let screening {
            let (byVerdict, skipped) = screening.counts
            figures.append(
                ReportFigure(
                    "sites", zh: "筛查地块", en: "Sites screened", value: .integer(screening.results.count),
                    format: .integer, unitZh: "个"))
            for (verdict, number) in byVerdict.reversed() {
                figures.append(
                    ReportFigure(
                        "sites_\(verdict.description)", zh: "结论：\(verdict.nameZh)",
                        en: "Verdict: \(verdict.description)",
                        value: .integer(number), format: .integer, unitZh: "个"))
            }
            if skipped > 0 {
                figures.append(
                    ReportFigure(
                        "sites_not_screened", zh: "未筛查", en: "Not screened", value: .integer(skipped), format: .integer,
                        unitZh: "个"))
            }
            figures.append(
                ReportFigure(
                    "conflict_geometries", zh: "冲突图形", en: "Conflict geometries", value: .integer(conflicts),
                    format: .integer, unitZh: "处"))
        }
        return figures
    }

    /// What the reader did to the layout, sites and constraint layers, one note per layer and kind (the
    /// patches' notes are in the note on the patches).
    static func layerNotes(_ layers: [LayerNotes]) -> [ReportNote] {
        zip(
            InputNotesText.lines(layers, chinese: true, bilingual: false),
            InputNotesText.lines(layers, bilingual: false)
        )
        .map { ReportNote(zh: $0.0, en: $0.1) }
    }

    static func notes(
        _ request: ReportRequest, set: LayerSet, firstRun: StatsResult,
        screening: ScreeningResult?
    ) -> [ReportNote] {
        var notes = [
            ReportNote(
                zh: "面积为CGCS2000（GRS80椭球）椭球面积；1亩 = 10000/15平方米。图斑跨越分区边界时按边界切分；“分区外”为不在任何分区内的部分；重叠图斑的重叠部分只计一次。",
                en:
                    "Areas are geodesic on the GRS80 ellipsoid (CGCS2000); 1 mu = 10000/15 m². Patches crossing a "
                    + "zone boundary are split along it; “outside all zones” is the part in no zone; where "
                    + "patches overlap, the shared area counts once."
            ),
            ReportNote(
                zh:
                    "完成进度 =（基数 + 图斑完成量）/ 目标值；按时序应完成 = 基数 +（目标值 − 基数）× 规划期已过比例（自起始年1月1日至期限，截至\(request.asOf)）。"
                    + "产值类目标无法从图形测算。",
                en:
                    "Progress = (baseline + measured) / target; expected = baseline + (target − baseline) × share of "
                    + "the plan period elapsed (1 January of the start year to the deadline, as of "
                    + "\(request.asOf)). Output targets cannot be measured from geometry."
            ),
        ]
        let run = firstRun
        var zh = "读取图斑\(run.featuresRead)个"
        var en = "\(run.featuresRead) patches read"
        for kind in InputNotes.Kind.allCases {
            guard let count = run.notes.counts[kind] else { continue }
            zh += "；\(kind.explanationZh)\(count)个"
            en += "; \(count) \(kind.explanationEn)"
        }
        for remark in run.notes.remarks {
            zh += "；\(remark)"
            en += "; \(remark)"
        }
        if run.overlaps.pairs > 0 {
            zh += "；\(run.overlaps.features)个图斑相互重叠（\(run.overlaps.pairs)对），重叠部分只计一次"
            en += "; \(run.overlaps.features) patches overlap (\(run.overlaps.pairs) pairs), counted once"
        }
        notes.append(ReportNote(zh: zh + "。", en: en + "."))
        if let screening {
            let tolerance = JSONValue.format(screening.rules.toleranceM)
            notes.append(
                ReportNote(
                    zh: "选址筛查：结论为地块所涉管控要求中最严格的级别；仅边界相接不算重叠；窄于\(tolerance)米的重叠为碎片，列出但不计入结论；距离为最近点之间的椭球距离。",
                    en:
                        "Screening: the verdict is the strictest severity among the constraints that count; touching "
                        + "is not overlap; overlaps no \(tolerance) m disc fits into are slivers, listed but not "
                        + "counted; distances are geodesic between the nearest points."
                ))
        }
        let provenance = (set.directory as NSString).appendingPathComponent("PROVENANCE.md")
        if FileManager.default.fileExists(atPath: provenance) {
            notes.append(
                ReportNote(
                    zh: "图层来源、精度与示意性质见 \(shown(provenance))；示意图层不作选址依据。",
                    en:
                        "Sources, accuracy and the schematic nature of the layers: \(shown(provenance)); schematic "
                        + "layers are not grounds for siting decisions."
                ))
        }
        notes.append(
            ReportNote(
                zh: "地图为简单等距圆柱投影（经度按图幅中纬度的余弦缩放），图形仅为绘图而简化，统计数字按原始图形计算。",
                en:
                    "Maps use a simple equirectangular projection (longitudes scaled by the cosine of the map's "
                    + "middle latitude); shapes are simplified for drawing only, figures use the full geometry."
            ))
        return notes
    }
}
