import Foundation
import SRPartition

/// Which inputs part K of N runs, and what identifies the input list all N parts share.
///
/// Every part lists all sources (names and sizes, one `stat` per file, no file read), weighs each
/// input by its files' total size in bytes, and splits them with ``WorkBalancer`` (greedy LPT,
/// heaviest first). Bytes are the weight because they are known without decoding: for images of
/// one format, decode and patch work grow with the file size, and the 10× spread in image size
/// that an equal split by count would ignore shows up in it. Every part computes the same
/// assignment on its own; `prep merge` recomputes it from the parts and checks it.
public struct PartitionPlan: Sendable {
    /// This part.
    public let spec: PartitionSpec
    /// Inputs in the whole run.
    public let inputCount: Int
    /// ``InputListDigest`` of the whole input list.
    public let inputListSHA256: String
    /// This part's inputs, in input order (each keeps its global ``ImageJob/index``).
    let jobs: [ImageJob]
    /// The listed files of each of ``jobs``.
    let listed: [[ListedFile]]
    /// Every input's name relative to its source folder, for the whole run (the same in every
    /// part, so each part's dataset indexes inputs as one machine's run does).
    let sources: [String]
    /// This part's total weight, the heaviest part's and the whole run's, for the summary line.
    public let weight: UInt64, heaviestWeight: UInt64, totalWeight: UInt64

    /// This part's share of the run's weight, 0...1.
    public var share: Double { totalWeight == 0 ? 0 : Double(weight) / Double(totalWeight) }
    /// The heaviest part's share, 0...1 (1/N when perfectly balanced).
    public var heaviestShare: Double { totalWeight == 0 ? 0 : Double(heaviestWeight) / Double(totalWeight) }

    /// The default folder of a part under `shards/<name>.parts/`: `part-K-of-N`, K zero-padded
    /// to N's digits so the folders list in order.
    public static func folderName(_ spec: PartitionSpec) -> String {
        let digits = String(spec.count).count
        let k = String(spec.index)
        return "part-\(String(repeating: "0", count: digits - k.count))\(k)-of-\(spec.count)"
    }

    /// Lists `manifest`'s sources and picks part `spec`'s inputs.
    public static func make(for manifest: PipelineManifest, spec: PartitionSpec) throws -> PartitionPlan {
        let all = try SourceListing.jobs(for: manifest)
        let listed = all.map { job in manifest.sources.compactMap { source -> ListedFile? in
            guard let url = job.files[source.id], let name = job.names[source.id] else { return nil }
            return ListedFile(path: name, bytes: Self.size(of: url))
        } }
        var digest = InputListDigest()
        for files in listed { digest.add(files) }
        let weights = listed.map(InputListDigest.weight)
        let assignment = WorkBalancer.assign(weights: weights, parts: spec.count)
        let loads = WorkBalancer.loads(weights: weights, assignment: assignment, parts: spec.count)
        let mine = all.indices.filter { assignment[$0] == spec.index }
        return PartitionPlan(spec: spec, inputCount: all.count, inputListSHA256: digest.finalize(),
                             jobs: mine.map { all[$0] }, listed: mine.map { listed[$0] }, sources: all.map(\.sourceName),
                             weight: loads[spec.index], heaviestWeight: loads.max() ?? 0, totalWeight: loads.reduce(0, +))
    }

    /// Size of the file at `url` from `stat`, or -1.
    static func size(of url: URL) -> Int {
        var info = stat()
        return stat(url.path, &info) == 0 ? Int(info.st_size) : -1
    }

    /// Number of inputs this part runs.
    public var count: Int { jobs.count }
}
