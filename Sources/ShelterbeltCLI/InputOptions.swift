import ArgumentParser
import Shelterbelt

/// How to open the subject and zone layers.
struct InputOptions: ParsableArguments {
    @OptionGroup var subjectOptions: SubjectOptions

    @OptionGroup var zonesOptions: ZonesOptions

    func subject(_ path: String) -> LayerSource { subjectOptions.source(path) }

    func zones(_ path: String) -> LayerSource { zonesOptions.source(path) }
}
