import Foundation

/// Renders `layers list` and `layers check` as a table or JSON, areas in one unit.
public struct LayerReport {
    public let set: LayerSet
    public let unit: AreaUnit

    public init(_ set: LayerSet, unit: AreaUnit) {
        self.set = set
        self.unit = unit
    }

    private func amount(_ squareMetres: Double?) -> String { squareMetres.map { AreaText.number($0, unit) } ?? "" }

    private static func percent(_ fraction: Double?) -> String {
        fraction.map { String(format: "%+.2f%%", $0 * 100) } ?? ""
    }

    private var heading: String {
        "# \(set.manifest.nameZh) / \(set.manifest.nameEn) — \(set.manifest.file) (\(set.manifest.crs))\n"
    }

    public func listTable(_ summaries: [LayerSummary]) -> String {
        var table = TextTable(
            header: [
                "id", "kind 类型", "名称", "name", "features 要素", "area 面积 (\(unit.symbolEn))",
                "published 公布 (\(unit.symbolEn))", "difference 差",
            ], rightAligned: [4, 5, 6, 7])
        for summary in summaries {
            let layer = summary.layer
            table.append([
                layer.id, layer.kind.rawValue, layer.nameZh, layer.nameEn, String(summary.features),
                amount(summary.area), amount(layer.publishedArea), Self.percent(layer.deviation(of: summary.area)),
            ])
        }
        return heading + table.render()
            + "# areas are geodesic on the GRS80 ellipsoid (CGCS2000), overlaps within a layer counted once\n"
    }

    public func listJSON(_ summaries: [LayerSummary]) -> JSONValue {
        .object(
            manifestMembers + [
                (
                    "layers",
                    .array(
                        summaries.map { summary in
                            .object(
                                layerMembers(summary.layer) + [
                                    ("features", .integer(summary.features)),
                                    ("area_m2", summary.area.map(JSONValue.number) ?? .null),
                                    ("area", summary.area.map { .number(unit.fromSquareMetres($0)) } ?? .null),
                                    (
                                        "deviation",
                                        summary.layer.deviation(of: summary.area).map(JSONValue.number) ?? .null
                                    ),
                                ])
                        })
                )
            ])
    }

    public func checkTable(_ results: [LayerCheckResult]) -> String {
        var table = TextTable(
            header: [
                "id", "kind 类型", "features 要素", "CRS", "invalid 无效", "overlaps 重叠", "gaps 缝隙",
                "outside city 市外", "area 面积", "published 公布", "difference 差", "result 结果",
            ],
            rightAligned: [2, 4, 5, 6, 7, 8, 9, 10])
        var notes: [String] = []
        for result in results {
            let problems = result.problems(in: unit)
            table.append([
                result.layer.id, result.layer.kind.rawValue, String(result.featuresRead), result.crs ?? "",
                String(result.invalid), result.overlaps.map { "\($0.count)" } ?? "", amount(result.gapArea),
                amount(result.outsideCityArea), amount(result.area), amount(result.layer.publishedArea),
                Self.percent(result.deviation), problems.isEmpty ? "ok" : "FAIL",
            ])
            notes +=
                problems.map { "\(result.layer.id): FAIL: \($0)" }
                + result.remarks(in: unit).map { "\(result.layer.id): note: \($0)" }
        }
        let failed = results.filter { !$0.passed }.count
        notes.append(failed == 0 ? "all \(results.count) layers pass" : "\(failed) of \(results.count) layers fail")
        return heading + table.render() + "# areas in \(unit.symbolEn), geodesic (GRS80)\n"
            + notes.map { "# " + $0 }.joined(separator: "\n") + "\n"
    }

    public func checkJSON(_ results: [LayerCheckResult]) -> JSONValue {
        let layers = results.map { result -> JSONValue in
            var members = layerMembers(result.layer) + [("passed", .bool(result.passed))]
            if let openError = result.openError {
                return .object(members + [("open_error", .string(openError))])
            }
            members += [
                ("features", .integer(result.featuresRead)), ("crs", result.crs.map(JSONValue.string) ?? .null),
                ("crs_matches_manifest", .bool(result.crsMatchesManifest)),
                ("missing_fields", .array(result.missingFields.map(JSONValue.string))),
                ("invalid", .integer(result.invalid)), ("invalid_ids", .array(result.invalidIds.map(JSONValue.string))),
                ("skipped", .integer(result.skipped)),
                ("area_m2", result.area.map(JSONValue.number) ?? .null),
                ("deviation", result.deviation.map(JSONValue.number) ?? .null),
                (
                    "overlaps",
                    result.overlaps.map { pairs in
                        .array(
                            pairs.map { pair in
                                .object([
                                    ("first", .string(pair.first)), ("second", .string(pair.second)),
                                    ("area_m2", .number(pair.area)),
                                ])
                            })
                    } ?? .null
                ),
                ("gap_area_m2", result.gapArea.map(JSONValue.number) ?? .null),
                ("outside_city_area_m2", result.outsideCityArea.map(JSONValue.number) ?? .null),
                (
                    "outside_city_features",
                    .array(
                        result.outsideFeatures.map { .object([("id", .string($0.id)), ("area_m2", .number($0.area))]) })
                ),
                ("negligible_area_m2", .number(result.negligibleArea)),
                ("problems", .array(result.problems(in: unit).map(JSONValue.string))),
                ("remarks", .array(result.remarks(in: unit).map(JSONValue.string))),
            ]
            return .object(members)
        }
        return .object(
            manifestMembers + [
                ("passed", .bool(results.allSatisfy(\.passed))), ("unit", .string(unit.rawValue)),
                ("layers", .array(layers)),
            ])
    }

    private var manifestMembers: [(String, JSONValue)] {
        [
            ("manifest", .string(set.manifest.file)), ("name_zh", .string(set.manifest.nameZh)),
            ("name_en", .string(set.manifest.nameEn)), ("crs", .string(set.manifest.crs)),
        ]
    }

    private func layerMembers(_ layer: LayerDefinition) -> [(String, JSONValue)] {
        [
            ("id", .string(layer.id)), ("kind", .string(layer.kind.rawValue)), ("name_zh", .string(layer.nameZh)),
            ("name_en", .string(layer.nameEn)), ("path", .string(layer.path)), ("partition", .bool(layer.partition)),
            ("published_area_m2", layer.publishedArea.map(JSONValue.number) ?? .null),
            ("tolerance", layer.tolerance.map(JSONValue.number) ?? .null),
        ]
    }
}
