import Foundation
import SRShards

/// `shard-index`: a dataset folder's `index.json` through ``ShardDataset`` (JSON decoding, the
/// index's own checks, and its cross-checks against the shards it lists), then the records
/// `prep export` would read.
///
/// The input is the index.json; the folder beside it holds the shards of `Fixtures/shards/tiny-v2`
/// (copied at start-up; format version 2, with per-record provenance), so index and shards can
/// be made to disagree in every way. index.json's own checksum would stop almost every mutation,
/// so an input that begins with one is resealed (``IndexChecksum/reseal(_:)``) before it is
/// written; an input without one takes the legacy path. To reproduce a crash: copy
/// `Fixtures/shards/tiny-v2` and replace its index.json by the resealed crash file.
enum ShardIndexTarget {
    /// `Fixtures/shards/tiny-v2` of the repository this file belongs to (or `SRKIT_FUZZ_SHARDS`).
    static let fixture: String = ProcessInfo.processInfo.environment["SRKIT_FUZZ_SHARDS"]
        ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/shards/tiny-v2").path

    static func make() -> FuzzTarget {
        FuzzTarget(name: "shard-index", summary: "index.json beside Fixtures/shards/tiny-v2's shards: ShardDataset open, records, provenance",
                   setUp: copyShards) { input in
            ScratchSpace.write(IndexChecksum.reseal(input), to: "dataset/index.json")
            let folder = URL(fileURLWithPath: ScratchSpace.folder + "/dataset")
            guard let dataset = try? ShardDataset(contentsOf: folder) else { return }
            FuzzCheck.that(dataset.count == dataset.shards.reduce(0) { $0 + $1.count }, "dataset count \(dataset.count) is not the shards' sum")
            for i in 0 ..< min(dataset.count, 64) {
                guard let record = try? dataset.record(i) else { continue }
                FuzzCheck.that(record.count == dataset.schema.fields.count, "record \(i) has \(record.count) fields")
                for (field, bytes) in zip(dataset.schema.fields, record) {
                    FuzzCheck.that(bytes.count == field.byteCount, "record \(i) field \(field.name): \(bytes.count) bytes, schema says \(field.byteCount)")
                }
                if let (p, source) = try? dataset.provenance(ofRecord: i) {
                    FuzzCheck.that(p.input < (dataset.index?.provenance.sources?.count ?? 0) && source != nil, "record \(i): input \(p.input) outside the sources")
                }
            }
            _ = try? dataset.record(dataset.count)
        }
    }

    @Sendable static func copyShards() {
        let fm = FileManager.default
        let folder = ScratchSpace.folder + "/dataset"
        try? fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let names = ((try? fm.contentsOfDirectory(atPath: fixture)) ?? []).filter { $0.hasSuffix(".srshard") }
        precondition(!names.isEmpty, "srkit-fuzz: no shards in \(fixture); set SRKIT_FUZZ_SHARDS to a folder of .srshard files")
        for name in names { try? fm.copyItem(atPath: fixture + "/" + name, toPath: folder + "/" + name) }
    }
}
