import ArgumentParser
import Shelterbelt

/// Library enums typed on the command line by their raw values.
extension EdgeRule: ExpressibleByArgument {}
extension ReportLanguage: ExpressibleByArgument {}

/// m2, ha, mu, wan-mu, km2 (listed in --help and in the error), and the spellings of plans (亩, 万亩, m², …).
extension AreaUnit: ExpressibleByArgument {
    public init?(argument: String) { self.init(text: argument) }
}
