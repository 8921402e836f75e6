/// One task's share of a job split into `count` parts: part `index` of `count`, numbered from 0
/// as Slurm array indices (after `SLURM_ARRAY_TASK_MIN`) and Kubernetes completion indices are.
///
/// Written `K/N` on the command line (`--partition 2/4` is the third of four parts).
public struct PartitionSpec: Sendable, Hashable, Codable, CustomStringConvertible {
    /// This task's part, `0..<count`.
    public let index: Int
    /// How many parts the job has, at least 1.
    public let count: Int

    /// A checked part: throws ``PartitionError/indexOutOfRange(argument:index:count:)`` or
    /// ``PartitionError/badCount(argument:count:)`` (with `argument` as the text in messages).
    public init(index: Int, count: Int, argument: String? = nil) throws {
        let text = argument ?? "\(index)/\(count)"
        guard count >= 1 else { throw PartitionError.badCount(argument: text, count: count) }
        guard index >= 0, index < count else { throw PartitionError.indexOutOfRange(argument: text, index: index, count: count) }
        self.index = index
        self.count = count
    }

    /// Parses `K/N` (decimal, no spaces); throws ``PartitionError`` naming the text.
    public static func parse(_ text: String) throws -> PartitionSpec {
        let pieces = text.split(separator: "/", omittingEmptySubsequences: false)
        guard pieces.count == 2, let k = Int(pieces[0]), let n = Int(pieces[1]),
              pieces.allSatisfy({ $0.allSatisfy(\.isASCII) && !$0.hasPrefix("+") })
        else { throw PartitionError.unreadable(argument: text) }
        return try PartitionSpec(index: k, count: n, argument: text)
    }

    /// `K/N`.
    public var description: String { "\(index)/\(count)" }

    /// Whether this is the whole job (`0/1`), which a single machine runs.
    public var isWhole: Bool { count == 1 }
}
