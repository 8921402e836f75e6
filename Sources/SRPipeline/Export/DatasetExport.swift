import Foundation
import SRImage
import SRShards

/// `prep export --all`: a whole dataset written as image folders in BasicSR's layout, one folder
/// per image field (`OUT/hr/`, `OUT/lr/`), each record under its BasicSR sub-image name
/// (``RecordProvenance/basicSRName(source:)``: `t1_s001.png`, `_v3` for augment variant 3).
///
/// The names come from each record's stored provenance, so the folders pair by file name as
/// BasicSR's `paired_paths_from_folder` expects, and match the names `extract_subimages.py` gives
/// the same windows. The output folder is staged beside its final place and renamed when
/// complete: an interrupted export leaves no half-written folder. Images are encoded on every core.
public enum DatasetExport {
    /// What an export wrote.
    public struct Summary: Sendable {
        /// Records exported.
        public var records: Int
        /// The image fields, one folder each.
        public var fields: [String]
        /// Image files written.
        public var files: Int
        /// Bytes of those files.
        public var bytes: Int
    }

    /// The file name (without folder) of dataset record `i` in BasicSR's naming; throws when
    /// the dataset has no per-record provenance (format version 1).
    public static func basicSRName(_ dataset: ShardDataset, record i: Int) throws -> String {
        guard let (p, source) = try dataset.provenance(ofRecord: i) else { throw PipelineError.noRecordProvenance(path: dataset.path) }
        return p.basicSRName(source: source ?? "input\(p.input)")
    }

    /// Writes every record's image fields (`fields`, or every uint8 image field when nil) into
    /// `output/FIELD/NAME.EXT`. `output` must not exist (or be an empty folder). Throws
    /// ``PipelineError`` or ``ShardError``; nothing is left at `output` on failure.
    public static func exportAll(_ dataset: ShardDataset, to output: URL, fields: [String]?, fileExtension: String = "png",
                                 jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                                 progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> Summary {
        if dataset.count > 0, try dataset.provenance(ofRecord: 0) == nil {
            throw PipelineError.noRecordProvenance(path: dataset.path)
        }
        let chosen: [(position: Int, field: ShardField)]
        if let fields {
            chosen = try fields.map { name in
                guard let i = dataset.schema.fields.firstIndex(where: { $0.name == name }) else {
                    throw ShardError.unknownField(path: dataset.path, field: name, known: dataset.schema.fields.map(\.name))
                }
                return (i, dataset.schema.fields[i])
            }
        } else {
            chosen = dataset.schema.fields.enumerated().filter { $0.element.dtype == .uint8 && $0.element.imageDimensions != nil }
                .map { ($0.offset, $0.element) }
            guard !chosen.isEmpty else {
                throw ShardError.notAnImage(path: dataset.path, field: dataset.schema.fields.map(\.name).joined(separator: ", "), reason: "no field is a uint8 image")
            }
        }
        let names = try (0..<dataset.count).map { try basicSRName(dataset, record: $0) }
        var seen: [String: Int] = [:]
        for (i, name) in names.enumerated() {
            if let first = seen.updateValue(i, forKey: name) {
                throw PipelineError.output("\(dataset.path): records \(first) and \(i) would both be exported as \(name).\(fileExtension); BasicSR names must be unique")
            }
        }

        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: output.path, isDirectory: &isDirectory) {
            let entries = isDirectory.boolValue ? ((try? fm.contentsOfDirectory(atPath: output.path)) ?? []) : [output.lastPathComponent]
            guard isDirectory.boolValue, entries.isEmpty else { throw ShardError.outputNotEmpty(path: output.path, entries: entries.sorted()) }
        }
        let parent = output.deletingLastPathComponent()
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        let staging = parent.appendingPathComponent(RunScratchName.make(prefix: ".prep-export-"))
        InterruptCleanup.shared.register(staging.path)
        defer {
            try? fm.removeItem(at: staging)
            InterruptCleanup.shared.unregister(staging.path)
        }
        for (_, field) in chosen {
            try fm.createDirectory(at: staging.appendingPathComponent(field.name), withIntermediateDirectories: true)
        }

        let chunk = 256
        let chunks = (dataset.count + chunk - 1) / chunk
        let failures = ExportFailures()
        let done = ExportCounter()
        let bytes = ExportCounter()
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, chunks))) { worker in
            var c = worker
            while c < chunks, !failures.any {
                for i in (c * chunk) ..< min(dataset.count, (c + 1) * chunk) {
                    do {
                        let (shard, local) = try dataset.locate(i)
                        let images = try shard.withRecord(local) { buffers in
                            try chosen.map { try FieldImage(field: $0.field, bytes: buffers[$0.position], path: dataset.path) }
                        }
                        for ((_, field), image) in zip(chosen, images) {
                            let path = staging.appendingPathComponent(field.name).appendingPathComponent("\(names[i]).\(fileExtension)").path
                            try ImageEncoder.write(ByteImage(width: image.width, height: image.height, channels: image.channels, samples: image.samples), to: path)
                            var info = stat()
                            if stat(path, &info) == 0 { bytes.add(Int(info.st_size)) }
                        }
                    } catch {
                        failures.record(error)
                        return
                    }
                }
                progress?(done.add(min(dataset.count, (c + 1) * chunk) - c * chunk), dataset.count)
                c += max(1, min(jobs, chunks))
            }
        }
        if let error = failures.first { throw error }
        if fm.fileExists(atPath: output.path) { try fm.removeItem(at: output) }  // the empty folder checked above
        guard rename(staging.path, output.path) == 0 else {
            throw ShardError.writeFailed(path: output.path, reason: String(cString: strerror(errno)))
        }
        return Summary(records: dataset.count, fields: chosen.map(\.field.name), files: dataset.count * chosen.count, bytes: bytes.value)
    }
}

/// The first error any export worker hit.
private final class ExportFailures: @unchecked Sendable {
    private let lock = NSLock()
    private var error: Error?
    var any: Bool { lock.withLock { error != nil } }
    var first: Error? { lock.withLock { error } }
    func record(_ e: Error) { lock.withLock { if error == nil { error = e } } }
}

/// A counter shared by the export workers.
private final class ExportCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var total = 0
    var value: Int { lock.withLock { total } }
    @discardableResult func add(_ n: Int) -> Int { lock.withLock { total += n; return total } }
}
