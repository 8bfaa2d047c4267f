import ArgumentParser
import Shelterbelt

/// Library enums typed on the command line by their raw values.
extension EdgeRule: ExpressibleByArgument {}
