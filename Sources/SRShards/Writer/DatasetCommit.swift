import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Puts a complete, synced dataset folder in place with one atomic step.
///
/// The writer stages the whole dataset (shards and index.json) in a hidden sibling folder of
/// the output; the commit is then a single `rename(2)` of that folder onto the output path
/// (absent or empty), or, when `--force` replaces a previous dataset, one
/// `renameat2(RENAME_EXCHANGE)` that swaps the two folders. Either way a reader, or a run
/// killed at any instant, sees the old dataset or the new one, never a mixture, and the old
/// one stays readable until the new one is complete. After a swap the old dataset sits under the
/// staging name and is removed (a kill there leaves it for ``LeftoverSweeper``).
enum DatasetCommit {
    /// What the commit did to a previous dataset.
    enum Outcome: Equatable {
        /// The output was absent or an empty folder.
        case placed
        /// A previous dataset was swapped out and now lives at the staging path.
        case swapped
    }

    /// Renames `staging` to `output`. Without `force` an output that meanwhile received files is
    /// refused with ``ShardError/outputAppeared(path:entries:)``; with `force` it must still hold
    /// only a previous dataset (rechecked here: files may have appeared during the run).
    static func commit(staging: String, output: String, force: Bool) throws -> Outcome {
        if rename(staging, output) == 0 { return .placed }
        let code = errno
        guard code == ENOTEMPTY || code == EEXIST else {
            throw ShardError.writeFailed(path: output, reason: "rename from \(staging): \(Syscalls.errnoText(code))")
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: output)) ?? []).sorted()
        let visible = names.filter { !$0.hasPrefix(ShardDatasetWriter.stagingPrefix) }
        guard force else { throw ShardError.outputAppeared(path: output, entries: visible) }
        let foreign = visible.filter { $0 != ShardFormat.indexFileName && !ShardFormat.isShardFileName($0) }
        guard foreign.isEmpty else { throw ShardError.outputHasForeignFiles(path: output, entries: foreign) }
        try exchange(staging, output)
        return .swapped
    }

    /// `renameat2(…, RENAME_EXCHANGE)`. Swift's Glibc module does not export it, so it is looked up
    /// once with `dlsym` (glibc ≥ 2.28). File systems without exchange support (EINVAL) are
    /// refused rather than replaced non-atomically.
    private static func exchange(_ a: String, _ b: String) throws {
        guard let renameat2 = renameat2Function else {
            throw ShardError.writeFailed(path: b, reason: "cannot swap in the new dataset: renameat2 is not available on this system; remove the old dataset, then run again without --force")
        }
        if renameat2(AT_FDCWD, a, AT_FDCWD, b, 2 /* RENAME_EXCHANGE */) != 0 {
            throw ShardError.writeFailed(path: b, reason: "cannot swap in the new dataset from \(a): \(Syscalls.errnoText()); remove the old dataset, then run again without --force")
        }
    }

    private typealias Renameat2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    nonisolated(unsafe) private static let renameat2Function: Renameat2? = {
        #if os(Linux)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: Renameat2.self)
        #else
        return nil
        #endif
    }()
}
