import Foundation

/// Writes a dataset folder: `shard-00000.srshard`, `shard-00001.srshard`, … and `index.json`.
///
/// The whole dataset is staged in a hidden folder `.srshards-staging-<pid>-h<host>-<random>`
/// *beside* the output folder (same parent, so same file system). ``finish(provenance:)`` syncs
/// the shards and index.json, then puts the folder in place with one atomic rename (or, with
/// `force`, one atomic swap with the previous dataset; see ``DatasetCommit``): the output path
/// holds the old complete dataset or the new complete one, never a part. ``abort()`` (also run
/// when the writer is dropped unfinished) removes the staging folder, leaving the output as it
/// was; SIGINT/SIGTERM remove it through ``InterruptCleanup``, and after a SIGKILL the next
/// run's ``LeftoverSweeper`` does. Not thread-safe: one producer appends records in order.
public final class ShardDatasetWriter {
    /// The output folder.
    public let directory: URL
    /// The schema every record follows.
    public let schema: ShardSchema
    /// The options given at creation.
    public let options: ShardWriterOptions

    /// Records appended so far.
    public private(set) var recordCount = 0
    /// Bytes of all shard files so far (headers, records and, for closed shards, footers and trailers).
    public var bytesWritten: Int { closedBytes + (current?.size ?? 0) }

    /// Prefix of the hidden staging folder beside the output (see ``RunScratchName``).
    package static let stagingPrefix = ".srshards-staging-"

    private let staging: URL
    private let header: [UInt8]
    /// The shard format version written: 2 with per-record provenance, else 1.
    public let version: UInt32
    private let recordStride: Int
    private var current: ShardFileWriter?
    private var entries: [ShardIndexEntry] = []
    private var closedBytes = 0
    private var state: State = .open

    private enum State { case open, finished, aborted }

    /// Opens a writer for `directory`, creating the folder (and parents) if missing.
    ///
    /// A folder that holds anything besides stale `.srshards-staging-*` folders is refused with
    /// ``ShardError/outputNotEmpty(path:entries:)`` unless `options.force`; with force, the folder
    /// may hold only a previous SRKit dataset (`index.json`, `shard-*.srshard`), which is
    /// replaced at ``finish(provenance:)`` — anything else is refused with
    /// ``ShardError/outputHasForeignFiles(path:entries:)`` so a mistyped path never deletes user files.
    public init(directory: URL, schema: ShardSchema, options: ShardWriterOptions = ShardWriterOptions()) throws {
        try schema.validate()
        self.directory = directory.standardizedFileURL
        self.schema = schema
        self.options = options
        version = options.recordProvenance ? ShardFormat.version : ShardFormat.versionWithoutProvenance
        header = try ShardFormat.header(for: schema, version: version)
        recordStride = ShardFormat.recordStride(schema)
        let fm = FileManager.default
        try Self.checkOutput(directory: self.directory, force: options.force)
        let parent = self.directory.deletingLastPathComponent()
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw ShardError.writeFailed(path: parent.path, reason: "cannot create the folder: \(Self.reason(error))")
        }
        staging = parent.appendingPathComponent(RunScratchName.make(prefix: Self.stagingPrefix))
        InterruptCleanup.shared.register(staging.path)
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            InterruptCleanup.shared.unregister(staging.path)
            throw ShardError.writeFailed(path: staging.path, reason: "cannot create the staging folder: \(Self.reason(error))")
        }
    }

    /// Checks, without creating anything, that `directory` may receive a dataset: it is absent, or
    /// an empty folder, or (with `force`) a folder holding only a previous SRKit dataset. Callers that learn the schema late (`prep run`) use it to fail before any work.
    /// - Returns: whether the folder already exists.
    @discardableResult
    public static func checkOutput(directory: URL, force: Bool) throws -> Bool {
        let path = directory.standardizedFileURL.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return false }
        if !isDirectory.boolValue { throw ShardError.writeFailed(path: path, reason: "a file with this name exists; the output must be a folder") }
        let visible = try contents(of: path).filter { !$0.hasPrefix(stagingPrefix) }
        if !visible.isEmpty {
            if !force { throw ShardError.outputNotEmpty(path: path, entries: visible) }
            let foreign = visible.filter { $0 != ShardFormat.indexFileName && !ShardFormat.isShardFileName($0) }
            if !foreign.isEmpty { throw ShardError.outputHasForeignFiles(path: path, entries: foreign) }
        }
        return true
    }

    deinit {
        if state == .open { abort() }
    }

    /// Appends one record: one buffer per schema field, in schema order, each exactly
    /// `field.byteCount` bytes (float32 little-endian), and its provenance, which a writer with
    /// `recordProvenance` requires and any other ignores. Throws ``ShardError`` on a size
    /// mismatch or a missing or unencodable provenance (nothing written) or an I/O error (call
    /// ``abort()`` then).
    public func append(_ fields: [UnsafeRawBufferPointer], provenance: RecordProvenance? = nil) throws {
        guard state == .open else { throw ShardError.writerClosed(path: directory.path) }
        guard fields.count == schema.fields.count else {
            throw ShardError.fieldCountMismatch(expected: schema.fields.count, actual: fields.count)
        }
        for (field, bytes) in zip(schema.fields, fields) where bytes.count != field.byteCount {
            throw ShardError.fieldSizeMismatch(field: field.name, expected: field.byteCount, actual: bytes.count)
        }
        if options.recordProvenance {
            guard let provenance else { throw ShardError.provenanceMissing(path: directory.path, record: recordCount) }
            guard provenance.isEncodable else { throw ShardError.provenanceUnencodable(path: directory.path, record: recordCount) }
        }
        if let shard = current,
           ShardFormat.fileSize(headerLength: header.count, recordStride: recordStride, records: shard.records + 1, version: version) > options.targetShardBytes {
            try closeCurrent()
        }
        if current == nil {
            let name = ShardFormat.shardFileName(entries.count)
            current = try ShardFileWriter(path: staging.appendingPathComponent(name).path, fileName: name, header: header, schema: schema,
                                      withProvenance: options.recordProvenance)
        }
        try current?.append(fields, provenance: provenance)
        recordCount += 1
    }

    /// Appends one record given as byte arrays (convenience over ``append(_:)-(Array<UnsafeRawBufferPointer>)``).
    public func append(_ fields: [[UInt8]], provenance: RecordProvenance? = nil) throws {
        func nest(_ i: Int, _ acc: [UnsafeRawBufferPointer]) throws {
            if i == fields.count { return try append(acc, provenance: provenance) }
            try fields[i].withUnsafeBytes { try nest(i + 1, acc + [$0]) }
        }
        try nest(0, [])
    }

    /// Closes the last shard, writes and syncs index.json in the staging folder, then makes the
    /// dataset visible in one atomic step (``DatasetCommit``) and removes a replaced previous
    /// dataset. On failure the staging folder is removed, the output left as it was, and the
    /// error thrown.
    public func finish(provenance: DatasetProvenance) throws -> ShardDatasetIndex {
        guard state == .open else { throw ShardError.writerClosed(path: directory.path) }
        do {
            if current != nil { try closeCurrent() }
            if options.recordProvenance, provenance.sources == nil {
                throw ShardError.provenanceMissing(path: directory.path, record: nil)
            }
            let index = ShardDatasetIndex(version: version, schema: schema, shards: entries, totalRecords: recordCount, provenance: provenance)
            let indexBytes = try index.encoded()
            let stagedIndex = staging.appendingPathComponent(ShardFormat.indexFileName).path
            let fd = try Syscalls.createExclusive(stagedIndex)
            do {
                try indexBytes.withUnsafeBytes { raw in
                    if let base = raw.baseAddress { try Syscalls.writeAll(fd, base, raw.count, path: stagedIndex) }
                }
                try Syscalls.sync(fd, path: stagedIndex)
            } catch {
                Syscalls.closeQuietly(fd)
                throw error
            }
            try Syscalls.closeChecked(fd, path: stagedIndex)
            try Syscalls.syncDirectory(staging.path)

            let parent = directory.deletingLastPathComponent().path
            let outcome = try InterruptCleanup.shared.withLock { unregister in
                let outcome = try DatasetCommit.commit(staging: staging.path, output: directory.path, force: options.force)
                state = .finished
                if outcome == .placed { unregister(staging.path) }
                return outcome
            }
            try? Syscalls.syncDirectory(parent)
            if outcome == .swapped {
                // The previous dataset now sits under the staging name, no longer visible.
                try? FileManager.default.removeItem(at: staging)
                InterruptCleanup.shared.unregister(staging.path)
            }
            return index
        } catch {
            abort()
            throw error
        }
    }

    /// Removes the staging folder; the output folder is left as it was. Safe to call more than once.
    public func abort() {
        guard state == .open else { return }
        state = .aborted
        current?.discard()
        current = nil
        try? FileManager.default.removeItem(at: staging)
        InterruptCleanup.shared.unregister(staging.path)
    }

    private func closeCurrent() throws {
        guard let shard = current else { return }
        current = nil
        do {
            let (sha, bytes) = try shard.close()
            entries.append(ShardIndexEntry(file: shard.fileName, sha256: sha, records: shard.records, bytes: bytes, firstRecord: recordCount - shard.records))
            closedBytes += bytes
        } catch {
            shard.discard()
            throw error
        }
    }

    private static func contents(of path: String) throws -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: path).sorted()
        } catch {
            throw ShardError.readFailed(path: path, reason: "cannot list the folder: \(reason(error))")
        }
    }

    private static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return Syscalls.errnoText(Int32(underlying.code))
        }
        return ns.localizedDescription
    }
}
