import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a writing command (`prep run`, `prep merge`) removes when SIGINT, SIGTERM or SIGHUP
/// ends it: the staging folders and scratch files registered while it works. Then the process
/// dies of the same signal, as a shell expects.
///
/// The handlers run on a dispatch queue, not in signal context, so they may lock and remove
/// files. The commit of a dataset (``ShardDatasetWriter/finish(provenance:)``) holds the same
/// lock as the handler: a signal during the final rename waits for it, so the handler never
/// deletes half of a folder that is being renamed into place. Libraries register paths either
/// way; only ``installHandlers()`` (called by the executables) changes signal dispositions, so
/// tests and other hosts keep theirs.
package final class InterruptCleanup: @unchecked Sendable {
    /// The one registry of the process (signals are process-wide).
    package static let shared = InterruptCleanup()

    private var paths = Set<String>()
    private let lock = NSLock()

    /// Registers a file or folder to remove if the process is interrupted.
    package func register(_ path: String) { lock.lock(); paths.insert(path); lock.unlock() }
    /// Forgets a path that was removed or committed normally.
    package func unregister(_ path: String) { lock.lock(); paths.remove(path); lock.unlock() }

    /// Runs `body` (a commit) so that no interrupt cleanup runs at the same time. `body` gets
    /// an unlocked `unregister` (the lock is not recursive).
    package func withLock<T>(_ body: (_ unregister: (String) -> Void) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body { self.paths.remove($0) }
    }

    /// Removes every registered path; the lock stays held, so no commit starts afterwards.
    private func cleanUpForExit() -> [String] {
        lock.lock()
        let list = paths.sorted()
        // The run keeps going meanwhile and may create a file in a folder being removed, which
        // makes the final rmdir fail (ENOTEMPTY); retry until it is gone — once the folder is
        // removed, nothing more can be created in it.
        for path in list {
            for _ in 0..<100 where FileManager.default.fileExists(atPath: path) {
                try? FileManager.default.removeItem(atPath: path)
            }
        }
        return list
    }

    /// Installs the SIGINT, SIGTERM and SIGHUP handlers (once; later calls do nothing).
    package func installHandlers() { _ = Self.sources }

    nonisolated(unsafe) private static let sources: [any DispatchSourceSignal] = {
        [SIGINT, SIGTERM, SIGHUP].map { sig in
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                let removed = shared.cleanUpForExit()
                if !removed.isEmpty {
                    let text = "\ninterrupted: removed \(removed.joined(separator: ", "))\n"
                    FileHandle.standardError.write(Data(text.utf8))
                }
                // Die of the same signal, from this thread: libdispatch's threads block
                // signals, so a kill() to the process could wait for another thread that never
                // takes it (one run under strace hung so). Unblocked here and raised here, the
                // default action ends the process; _exit is the fallback with the shell's status.
                signal(sig, SIG_DFL)
                var set = sigset_t()
                sigemptyset(&set)
                sigaddset(&set, sig)
                pthread_sigmask(SIG_UNBLOCK, &set, nil)
                raise(sig)
                _exit(128 + sig)
            }
            source.resume()
            return source
        }
    }()
}
