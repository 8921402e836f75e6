#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A per-process folder for the targets whose readers take a path (shards are memory-mapped,
/// manifests are loaded by path, 16-bit decoding reads a file): `$TMPDIR/srkit-fuzz-<pid>/`.
///
/// Removed at a normal exit; a run killed by a crash leaves it behind, so start-up removes the
/// folders of processes that are no longer alive.
enum ScratchSpace {
    nonisolated(unsafe) private(set) static var folder = ""

    static func prepare() {
        let parent = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        let fm = FileManager.default
        for name in (try? fm.contentsOfDirectory(atPath: parent)) ?? [] where name.hasPrefix("srkit-fuzz-") {
            if let pid = Int32(name.dropFirst("srkit-fuzz-".count)), kill(pid, 0) != 0, errno == ESRCH {
                try? fm.removeItem(atPath: parent + "/" + name)
            }
        }
        folder = parent + "/srkit-fuzz-\(getpid())"
        try? fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: ScratchSpace.folder) }
    }

    /// Writes `bytes` to `folder/name` (replacing it) and returns the path.
    @discardableResult
    static func write(_ bytes: [UInt8], to name: String) -> String {
        let path = folder + "/" + name
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        precondition(fd >= 0, "srkit-fuzz: cannot write \(path): \(String(cString: strerror(errno)))")
        bytes.withUnsafeBytes { buffer in
            var done = 0
            while done < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + done, buffer.count - done)
                precondition(n > 0, "srkit-fuzz: cannot write \(path): \(String(cString: strerror(errno)))")
                done += n
            }
        }
        close(fd)
        return path
    }
}
