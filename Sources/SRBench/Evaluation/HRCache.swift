import Foundation
import SRImage

/// Decoded HR files by image, shared by the scales of an image: the first `before` of an
/// image decodes, the others wait for it rather than decoding again; the last scale takes
/// the entry out, so only images under way stay in memory.
final class HRCache: @unchecked Sendable {
    typealias Loaded = (path: String, hr: ByteImage, sha256: String)
    final class Entry: @unchecked Sendable {
        let lock = NSLock()
        var value: Loaded?
    }
    private var entries = [Int: Entry]()
    private let lock = NSLock()

    /// Image `i`'s HR from `path` (decoded unless the entry already holds that file);
    /// `last` removes the entry afterwards.
    func hr(_ i: Int, path: String, last: Bool) throws -> Loaded {
        lock.lock()
        let entry = entries[i] ?? Entry()
        entries[i] = last ? nil : entry
        lock.unlock()
        entry.lock.lock()
        defer { entry.lock.unlock() }
        // SelfExSR keeps a different HR crop per scale; other layouts share one file per image.
        if let cached = entry.value, cached.path == path { return cached }
        let fresh = try ScoreRunner.load(path)
        entry.value = fresh
        return fresh
    }
}
