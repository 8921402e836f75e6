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
            the first --records records, prints every field's minimum, maximum and mean. \
            --record N prints where record N came from (input image, window, augment variant, \
            BasicSR name) and its fields' statistics. Use prep verify to check checksums.

            Examples:
              prep inspect out/t91 --records 2
              prep inspect out/t91 --record 1234
            """
    )

    @Argument(help: "A dataset folder or a .srshard file.")
    var path: String

    @Option(help: "How many records to summarise (from record 0).")
    var records: Int = 3

    @Option(help: "Show only this record (from 0): its provenance and fields.")
    var record: Int?

    func validate() throws {
        if records < 0 { throw ValidationError("--records must be 0 or more.") }
        if let record, record < 0 { throw ValidationError("--record must be 0 or more.") }
    }

    func run() throws {
        let dataset = try ShardDataset(contentsOf: URL(fileURLWithPath: path))
        if let record {
            try showRecord(record, of: dataset)
            return
        }
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

    /// One record: where it came from, then its fields.
    func showRecord(_ i: Int, of dataset: ShardDataset) throws {
        let (shard, local) = try dataset.locate(i)
        print("record \(i) of \(dataset.count): \(URL(fileURLWithPath: shard.path).lastPathComponent) record \(local)")
        if let (p, source) = try dataset.provenance(ofRecord: i) {
            let name = source ?? "input \(p.input)"
            print("  source: \(name) (input \(p.input))")
            if p.window > 0 {
                print("  window: \(p.window) at x \(p.x), y \(p.y), \(p.width)x\(p.height)")
            } else {
                print("  window: the whole image, \(p.width)x\(p.height)")
            }
            print("  variant: \(p.variant)")
            print("  basicsr name: \(p.basicSRName(source: name))")
        } else {
            print("  provenance: none (shard format version \(shard.version) predates per-record provenance)")
        }
        let parts = try shard.withRecord(local) { fields in
            zip(dataset.schema.fields, fields).map { field, bytes in
                guard let s = FieldStatistics.of(bytes, as: field.dtype) else { return "\(field.name) (no values)" }
                return "\(field.name): min \(Self.number(s.min)) max \(Self.number(s.max)) mean \(Self.number(s.mean))"
            }
        }
        for part in parts { print("  " + part) }
    }

    /// Integers without a fraction, others with 4 decimals.
    static func number(_ v: Double) -> String {
        if v == v.rounded() && abs(v) < 1e15 { return String(Int(v)) }
        return String(format: "%.4f", v)
    }
}
