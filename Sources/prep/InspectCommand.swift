import ArgumentParser
import Foundation
import SRShards

/// `prep inspect DIR|SHARD`: schema, shards and the first few records of a shard dataset.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show a shard dataset's schema, shards, provenance and first records.",
        discussion: """
            PATH is a dataset folder (with index.json) or a single .srshard file. For each of \
            the first --records records, prints every field's minimum, maximum and mean. Use \
            prep verify to check checksums.

            Example:
              prep inspect out/t91 --records 2
            """
    )

    @Argument(help: "A dataset folder or a .srshard file.")
    var path: String

    @Option(help: "How many records to summarise (from record 0).")
    var records: Int = 3

    func validate() throws {
        if records < 0 { throw ValidationError("--records must be 0 or more.") }
    }

    func run() throws {
        let dataset = try ShardDataset(contentsOf: URL(fileURLWithPath: path))
        let version = dataset.shards.first?.version ?? dataset.index?.version ?? ShardFormat.version
        let kind = dataset.index == nil ? "single shard" : "dataset"
        print("\(path): SRKit shard \(kind), format version \(version), \(dataset.count) record(s) in \(dataset.shards.count) shard(s)")
        print("schema:")
        for field in dataset.schema.fields {
            print("  \(field.name): \(field.dtype.rawValue) \(field.shape) \(field.layout.rawValue), \(field.byteCount) bytes")
        }
        print("shards:")
        for (n, shard) in dataset.shards.enumerated() {
            let entry = dataset.index?.shards[n]
            let name = entry?.file ?? URL(fileURLWithPath: shard.path).lastPathComponent
            let sha = entry.map { ", sha256 \($0.sha256.prefix(16))…" } ?? ""
            print("  \(name): \(shard.count) record(s), \(shard.fileSize) bytes\(sha)")
        }
        if let p = dataset.index?.provenance {
            print("provenance: \(p.tool), manifest \(p.manifest) (sha256 \(p.manifestSHA256.prefix(16))…), seed \(p.seed), \(p.inputs.count) input file(s), \(p.skipped.count) skipped")
            if !p.counts.isEmpty {
                print("  counts: " + p.counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            }
        }
        let shown = min(records, dataset.count)
        if shown > 0 { print("records (first \(shown) of \(dataset.count)):") }
        for i in 0..<shown {
            let (shard, local) = try dataset.locate(i)
            let parts = try shard.withRecord(local) { fields in
                zip(dataset.schema.fields, fields).map { field, bytes in
                    guard let s = FieldStatistics.of(bytes, as: field.dtype) else { return "\(field.name) (no values)" }
                    return "\(field.name) min \(Self.number(s.min)) max \(Self.number(s.max)) mean \(Self.number(s.mean))"
                }
            }
            print("  #\(i): " + parts.joined(separator: "; "))
        }
    }

    /// Integers without a fraction, others with 4 decimals.
    static func number(_ v: Double) -> String {
        if v == v.rounded() && abs(v) < 1e15 { return String(Int(v)) }
        return String(format: "%.4f", v)
    }
}
