import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `bench` must undo when SIGINT, SIGTERM or SIGHUP ends it while an `exec:` model is in
/// progress: the process groups of running commands (sent SIGTERM; they are in their own
/// groups, so the terminal's Ctrl-C does not reach them) and the temporary work folders
/// (removed). Then `bench` dies of the same signal, as a shell expects.
///
/// Deaths that run no handler (SIGKILL, a crash) are covered elsewhere: the watchdog of
/// ``ShellCommand`` ends the group, and ``ExecWorkFolder`` removes folders of dead runs the
/// next time `bench` creates one.
final class ExecInterrupts: @unchecked Sendable {
    /// The one registry of the process (signals are process-wide).
    static let shared = ExecInterrupts()

    private var groups = Set<pid_t>()
    private var folders = Set<String>()
    private let lock = NSLock()

    /// Registers a running command's process group and installs the handlers (once).
    func add(group: pid_t) { install(); lock.lock(); groups.insert(group); lock.unlock() }
    /// Forgets a group that has ended.
    func remove(group: pid_t) { lock.lock(); groups.remove(group); lock.unlock() }
    /// Registers a temporary folder to remove if `bench` is interrupted, and installs the handlers.
    func add(folder: String) { install(); lock.lock(); folders.insert(folder); lock.unlock() }
    /// Forgets a folder that was removed normally.
    func remove(folder: String) { lock.lock(); folders.remove(folder); lock.unlock() }

    /// Sends SIGTERM to every registered group and removes every registered folder.
    private func undo() {
        lock.lock()
        let (g, f) = (groups, folders)
        lock.unlock()
        for pid in g { kill(-pid, SIGTERM) }
        for path in f { try? FileManager.default.removeItem(atPath: path) }
    }

    private func install() { _ = Self.sources }

    /// The handlers run on a queue, not in signal context, so they may lock, remove files and
    /// call kill. nonisolated(unsafe): written once by the lazy initialiser (which Swift runs
    /// exactly once), only kept alive afterwards.
    ///
    /// A signal ignored when `bench` started stays ignored (`nohup bench …` ignores SIGHUP, a
    /// shell's `cmd &` ignores SIGINT), as POSIX shells do for traps: handling it would make a
    /// hang-up or a Ctrl-C meant for others end a run that was started to survive it.
    nonisolated(unsafe) private static let sources: [any DispatchSourceSignal] = {
        [SIGINT, SIGTERM, SIGHUP].compactMap { sig in
            let previous = signal(sig, SIG_IGN)
            if ExecInterrupts.isIgnore(previous) { return nil }
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                shared.undo()
                // Die of the same signal, process-wide, before the runner can report the
                // command's death as a model failure.
                signal(sig, SIG_DFL)
                kill(getpid(), sig)
            }
            source.resume()
            return source
        }
    }()

    /// Whether a handler returned by `signal` is `SIG_IGN` (function pointers are compared by
    /// address: `SIG_IGN` is the constant 1 cast to a handler).
    private static func isIgnore<Handler>(_ handler: Handler) -> Bool {
        unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    }
}
