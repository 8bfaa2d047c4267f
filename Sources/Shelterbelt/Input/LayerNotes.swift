/// The notes of one layer a run read, with the part it played: what every output shows for every layer,
/// not only for the subject.
public struct LayerNotes: Sendable {
    public let role: LayerRole
    public let path: String
    public let notes: InputNotes

    public init(role: LayerRole, path: String, notes: InputNotes) {
        self.role = role; self.path = path; self.notes = notes
    }

    /// Whether there is anything to say.
    public var isEmpty: Bool { notes.counts.isEmpty && notes.remarks.isEmpty }
}
