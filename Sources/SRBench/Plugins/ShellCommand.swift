import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs one `/bin/sh -c` command line for ``ExecPlugin`` with a timeout.
///
/// The child gets its own process group so that a timeout (or Ctrl-C on `bench`) ends the whole
/// tree the command started (a Python interpreter and its workers), not only the shell.
/// stdout and stderr go to files rather than pipes: a chatty model can never block on a full
/// pipe, and the tail of stderr is at hand for the error message. stdin is `/dev/null`.
struct ShellCommand {
    /// The command line after placeholder substitution.
    let commandLine: String
    /// Extra environment variables on top of `bench`'s own.
    let environment: [String: String]
    /// Where stdout and stderr are written (`stdout.log`, `stderr.log`).
    let logFolder: String
    /// Longest run before the group is killed, seconds.
    let timeout: Double

    /// How the command ended.
    enum Outcome: Equatable {
        /// Exit status 0.
        case success
        /// Non-zero exit status, or the signal that ended it, as text (`exit status 2`, `killed by signal 9`).
        case failed(String)
        /// Ran longer than `timeout`; the process group was terminated.
        case timedOut
    }

    var stderrPath: String { logFolder + "/stderr.log" }
    var stdoutPath: String { logFolder + "/stdout.log" }

    /// Starts the command, waits for it (at most `timeout`) and reports how it ended.
    func run() throws -> Outcome {
        let pid = try spawn()
        ShellCommand.running.add(pid)
        defer { ShellCommand.running.remove(pid) }

        let deadline = ContinuousClock.now + .milliseconds(Int64((timeout * 1000).rounded(.up)))
        // Polling waitpid keeps the timeout logic on one thread with no signals; 20 ms of latency
        // is nothing next to a model run.
        while true {
            if let status = reap(pid, block: false) { return Self.outcome(status) }
            if ContinuousClock.now >= deadline { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        // Polite first (a model may clean up temporary files), then certain.
        kill(-pid, SIGTERM)
        let grace = ContinuousClock.now + .seconds(2)
        while ContinuousClock.now < grace {
            if reap(pid, block: false) != nil {
                kill(-pid, SIGKILL)  // children the shell left behind
                return .timedOut
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        kill(-pid, SIGKILL)
        _ = reap(pid, block: true)
        return .timedOut
    }

    /// The last `maxLines` lines of stderr (at most `maxBytes` bytes), for error messages.
    /// Falls back to stdout when stderr is empty: some tools report errors there.
    func stderrTail(maxLines: Int = 20, maxBytes: Int = 4000) -> String {
        let tail = Self.tail(stderrPath, maxLines: maxLines, maxBytes: maxBytes)
        return tail.isEmpty ? Self.tail(stdoutPath, maxLines: maxLines, maxBytes: maxBytes) : tail
    }

    private static func tail(_ path: String, maxLines: Int, maxBytes: Int) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { return "" }
        let text = String(decoding: data.suffix(maxBytes), as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.suffix(maxLines).joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// posix_spawn of `/bin/sh -c commandLine` in a new process group with redirected output.
    private func spawn() throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A new group (pgid = child pid), default signal dispositions and an empty mask, so the
        // command behaves as if started from a shell even though bench may ignore SIGINT meanwhile.
        var defaults = sigset_t(), empty = sigset_t()
        sigemptyset(&empty)
        sigemptyset(&defaults)
        for s in [SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGQUIT] { sigaddset(&defaults, s) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        let argv: [UnsafeMutablePointer<CChar>?] = ["/bin/sh", "-c", commandLine].map { (s: String) in strdup(s) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }

        var pid = pid_t()
        let rc = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, envp)
        guard rc == 0 else {
            throw BenchError.commandNotStarted(command: commandLine, reason: "posix_spawn of /bin/sh failed (\(String(cString: strerror(rc)))); check that /bin/sh exists and the log folder \(logFolder) is writable")
        }
        ShellCommand.installInterruptForwarding()
        return pid
    }

    /// waitpid, retrying EINTR; nil while the child still runs (non-blocking) .
    private func reap(_ pid: pid_t, block: Bool) -> Int32? {
        var status: Int32 = 0
        while true {
            let r = waitpid(pid, &status, block ? 0 : WNOHANG)
            if r == pid { return status }
            if r == 0 { return nil }
            if errno == EINTR { continue }
            return status  // ECHILD: already reaped; treat as ended
        }
    }

    /// Decodes a wait status the way the shell reports it.
    private static func outcome(_ status: Int32) -> Outcome {
        // WIFEXITED / WEXITSTATUS / WTERMSIG are macros Swift does not import; these are their
        // Linux and Darwin definitions.
        let signal = status & 0x7f
        if signal == 0 {
            let code = (status >> 8) & 0xff
            return code == 0 ? .success : .failed("exit status \(code)")
        }
        return .failed("killed by signal \(signal)")
    }

    // MARK: Ctrl-C while a command runs

    /// Process groups of commands now running, so an interrupt of `bench` can end them too
    /// (they are in their own groups, so the terminal's SIGINT does not reach them).
    final class RunningGroups: @unchecked Sendable {
        private var pids = Set<pid_t>()
        private let lock = NSLock()
        func add(_ pid: pid_t) { lock.lock(); pids.insert(pid); lock.unlock() }
        func remove(_ pid: pid_t) { lock.lock(); pids.remove(pid); lock.unlock() }
        func all() -> [pid_t] { lock.lock(); defer { lock.unlock() }; return Array(pids) }
    }

    static let running = RunningGroups()

    nonisolated(unsafe) private static let forwarding: [any DispatchSourceSignal] = {
        [SIGINT, SIGTERM, SIGHUP].map { sig in
            // The handler runs on a queue, not in signal context, so it may lock and call kill.
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                for pid in running.all() { kill(-pid, SIGTERM) }
                // Die of the same signal, process-wide, before the runner can report the
                // command's death as a model failure.
                signal(sig, SIG_DFL)
                kill(getpid(), sig)
            }
            source.resume()
            return source
        }
    }()

    // nonisolated(unsafe): written once by the lazy initialiser (which Swift runs exactly once),
    // only kept alive afterwards.

    /// Installs (once) handlers that pass SIGINT/SIGTERM/SIGHUP on to running commands and
    /// then end `bench` the default way.
    static func installInterruptForwarding() { _ = forwarding }
}
