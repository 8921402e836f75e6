import Foundation

/// Removes what killed runs left behind: hidden staging folders and scratch files whose name
/// (``RunScratchName``) says they were made on this host by a process that no longer exists.
///
/// SIGINT and SIGTERM clean up before the process dies (``InterruptCleanup``); SIGKILL, a power
/// cut or a crash cannot, so the next run sweeps the folders it writes to. Anything else —
/// names of live runs, of other hosts, of other programs — is left alone.
package enum LeftoverSweeper {
    /// One removed leftover.
    package struct Removed: Equatable, Sendable {
        /// The full path that was removed.
        package var path: String
        /// The pid of the run that left it.
        package var pid: Int32
    }

    /// Removes, in each folder of `folders` that exists, the entries named with one of
    /// `prefixes` by a dead local run. Folders that cannot be listed are skipped (a sweep is
    /// housekeeping; the run reports real problems with those folders itself).
    package static func sweep(_ folders: [URL], prefixes: [String]) -> [Removed] {
        var removed: [Removed] = []
        var seen = Set<String>()
        for folder in folders {
            let path = folder.standardizedFileURL.path
            guard seen.insert(path).inserted,
                  let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { continue }
            for name in names.sorted() {
                guard let parsed = prefixes.lazy.compactMap({ RunScratchName(name, prefix: $0) }).first,
                      parsed.isFromDeadLocalRun else { continue }
                let full = (path as NSString).appendingPathComponent(name)
                if (try? FileManager.default.removeItem(atPath: full)) != nil {
                    removed.append(Removed(path: full, pid: parsed.pid))
                }
            }
        }
        return removed
    }

    /// The folders and prefixes of a dataset written to `output` by ``ShardDatasetWriter``:
    /// staging folders beside the output (and, from older versions, inside it).
    package static func sweepDataset(output: URL) -> [Removed] {
        let output = output.standardizedFileURL
        return sweep([output.deletingLastPathComponent(), output], prefixes: [ShardDatasetWriter.stagingPrefix])
    }
}
