/// An input file the pipeline left out on purpose (e.g. smaller than the patch size), with why.
public struct ShardSkippedInput: Codable, Equatable, Sendable {
    /// Path relative to the source root, as in ``ShardInputFile/path``.
    public var path: String
    /// One sentence saying why the file produced no records.
    public var reason: String

    /// A skipped-input entry.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}
