import Foundation

/// Areas as people read them in summaries: six significant digits in a unit, without exponents, and no finer
/// than the unit's decimals (tables show a square metre, not dust below it).
enum AreaText {
    static func number(_ squareMetres: Double, _ unit: AreaUnit) -> String {
        let value = unit.fromSquareMetres(squareMetres)
        guard value != 0, value.isFinite else { return "0" }
        let decimals = min(unit.decimals, max(0, 5 - Int(log10(abs(value)).rounded(.down))))
        return String(format: "%.\(decimals)f", value)
    }

    static func format(_ squareMetres: Double, _ unit: AreaUnit) -> String {
        number(squareMetres, unit) + " " + unit.symbolEn
    }
}
