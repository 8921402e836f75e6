/// One defect found by verification: which file, which record (if any), what is wrong.
public struct ShardProblem: Equatable, Sendable, CustomStringConvertible {
    /// The shard (or index.json) path.
    public var file: String
    /// Record number inside the shard (0-based), or nil for a whole-file problem.
    public var record: Int?
    /// What is wrong, e.g. "CRC32C 0x1234abcd, footer says 0x…".
    public var message: String

    /// A problem entry.
    public init(file: String, record: Int?, message: String) {
        self.file = file
        self.record = record
        self.message = message
    }

    /// A whole-file problem from a thrown error; the error's own leading "FILE: " is dropped so
    /// the file is named once.
    init(file: String, error: Error) {
        let text = "\(error)"
        self.init(file: file, record: nil, message: text.hasPrefix(file + ": ") ? String(text.dropFirst(file.count + 2)) : text)
    }

    /// "FILE record N: message" or "FILE: message".
    public var description: String {
        if let record { return "\(file) record \(record): \(message)" }
        return "\(file): \(message)"
    }
}
