import Foundation
import SRShards

/// Holds the records of a shuffled run on disk until the permutation can be applied.
///
/// A global shuffle needs every record before the first can be written. Records have a fixed
/// size (the schema fixes every field's shape), so they are appended to a scratch file and read
/// back with `pread` in permuted order: memory stays at one record, whatever the dataset size,
/// and the scratch file is deleted on every path out: by `deinit` on success and errors, by
/// ``InterruptCleanup`` on SIGINT/SIGTERM, and after a SIGKILL by the next run's sweep (the name,
/// `.prep-shuffle-<pid>-h<host>-<random>`, is a ``RunScratchName``).
final class ShuffleSpill {
    private let url: URL
    private let handle: FileHandle
    private var pending: [UInt8] = []
    private(set) var count = 0
    let recordSize: Int
    let fieldSizes: [Int]

    /// Prefix of the scratch file's name.
    static let prefix = ".prep-shuffle-"

    init(directory: URL, fieldSizes: [Int]) throws {
        self.fieldSizes = fieldSizes
        recordSize = fieldSizes.reduce(0, +)
        url = directory.appendingPathComponent(RunScratchName.make(prefix: Self.prefix))
        InterruptCleanup.shared.register(url.path)
        // open(O_EXCL), not FileManager.createFile: that writes a `.dat.nosync*` temp file and
        // renames it, which a kill in between leaves behind under a name no sweep can own.
        let fd = open(url.path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            InterruptCleanup.shared.unregister(url.path)
            throw PipelineError.output("\(url.path): cannot create the shuffle scratch file (\(String(cString: strerror(errno)))); check that the folder is writable.")
        }
        handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    deinit {
        try? handle.close()
        try? FileManager.default.removeItem(at: url)
        InterruptCleanup.shared.unregister(url.path)
    }

    func append(_ record: [UnsafeRawBufferPointer]) throws {
        for part in record { pending.append(contentsOf: part) }
        count += 1
        if pending.count >= 8 << 20 { try flush() }
    }

    private func flush() throws {
        do { try handle.write(contentsOf: pending) } catch {
            throw PipelineError.output("\(url.path): cannot write the shuffle scratch file: \(error.localizedDescription).")
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// Hands every record to `body` in the order `permutation` gives.
    func replay(_ permutation: [Int], _ body: ([UnsafeRawBufferPointer]) throws -> Void) throws {
        try flush()
        let fd = handle.fileDescriptor
        var buffer = [UInt8](repeating: 0, count: recordSize)
        for index in permutation {
            try buffer.withUnsafeMutableBytes { raw in
                var done = 0
                while done < recordSize {
                    let n = pread(fd, raw.baseAddress! + done, recordSize - done, off_t(index * recordSize + done))
                    guard n > 0 else {
                        throw PipelineError.output("\(url.path): cannot read back the shuffle scratch file (\(n < 0 ? String(cString: strerror(errno)) : "unexpected end")).")
                    }
                    done += n
                }
                var parts: [UnsafeRawBufferPointer] = []
                var offset = 0
                for size in fieldSizes {
                    parts.append(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(raw)[offset..<(offset + size)]))
                    offset += size
                }
                try body(parts)
            }
        }
    }
}
