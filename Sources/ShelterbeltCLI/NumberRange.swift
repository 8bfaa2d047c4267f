import ArgumentParser

/// The numbers an option accepts: checked while the option is parsed, so a number outside is exit 64 with
/// argument-parser's message naming the option and this one naming the range; --help describes the range from
/// the same value. NaN and infinities are outside every range (NaN compares false, infinities pass any bound).
struct NumberRange<Number: Comparable & LosslessStringConvertible & Sendable>: Sendable, CustomStringConvertible {
    var lowest: Number
    /// Whether `lowest` itself is accepted (a buffer of 0 m is no buffer).
    var includesLowest = true
    var highest: Number
    /// Appended to the range in messages: " m".
    var unit = ""

    func contains(_ number: Number) -> Bool {
        (includesLowest ? number >= lowest : number > lowest) && number <= highest
    }

    var description: String {
        let (low, high) = (Self.text(lowest), Self.text(highest) + unit)
        return includesLowest ? "from \(low) to \(high)" : "more than \(low) and at most \(high)"
    }

    /// "50000", not "50000.0".
    static func text(_ number: Number) -> String {
        let text = String(describing: number)
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// The option's transform: the number, or an error saying what the option takes.
    func parse(_ text: String) throws -> Number {
        guard let number = Number(text), contains(number) else { throw ValidationError("it must be \(self)") }
        return number
    }
}
