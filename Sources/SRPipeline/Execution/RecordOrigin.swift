/// Where a record came from: input image `input` (its position in the full, sorted input list)
/// and `record`, its position among that image's records.
///
/// The pair names a record independently of which machine made it, which is what lets a
/// shuffled order be computed per part and merged (``ShuffleOrder``).
public struct RecordOrigin: Sendable, Hashable {
    /// Position of the input image in the full input list (0-based).
    public var input: Int
    /// Position of the record among the image's records (0-based).
    public var record: Int

    /// An origin.
    public init(input: Int, record: Int) {
        self.input = input
        self.record = record
    }
}
