import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs one `/bin/sh -c` command line for ``ExecPlugin`` with a timeout, and makes sure that
/// nothing it started outlives it or `bench`.
///
/// Lifetime promise, checkable with `ps`: when ``run()`` returns (success, failure, timeout) no
/// process of the command's process group is left, including children it put in the background
/// (`(sleep 60 &); exit 1`); when `bench` dies of SIGINT, SIGTERM or SIGHUP the group gets
/// SIGTERM first; when `bench` dies any other way, SIGKILL included, the group gets SIGTERM
/// and, one second later, SIGKILL. Only a process that leaves the group on purpose (`setsid`,
/// a daemon) escapes.
///
/// How: each command runs in a fresh process group whose leader is a tiny watchdog,
/// `/bin/sh -c 'trap "" INT TERM HUP; read _; kill -TERM 0; sleep 1; kill -KILL 0'`, whose stdin
/// is one end of a socket pair (a pipe on Darwin). Only `bench` holds the other end (close-on-exec, so no child
/// inherits it), so the kernel closes it when `bench` exits for any reason, `read` returns,
/// and the watchdog ends the group, itself included. The group id is the watchdog's pid, which
/// `bench` reaps last, so the id is never reused while `bench` may still signal it.
/// `prctl(PR_SET_PDEATHSIG)` is not used: it fires when the *thread* that spawned the child
/// exits (prctl(2)), and Dispatch worker threads come and go, and it reaches only the shell,
/// not the processes the shell started.
///
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

    /// The watchdog's script: ignore the signals `bench` forwards (so it outlives a polite
    /// SIGTERM to the group), wait for end-of-file on stdin (`bench` gone), then end the group.
    static let watchdogScript = "trap '' INT TERM HUP; read _; kill -TERM 0; sleep 1; kill -KILL 0"

    /// Starts the command, waits for it (at most `timeout`) and reports how it ended. Whatever
    /// the outcome, the command's whole process group has been killed and reaped on return.
    func run() throws -> Outcome {
        let group = try ProcessGroup.start()
        defer { group.end() }
        let pid = try spawn(into: group.id)

        let deadline = ContinuousClock.now + .milliseconds(Int64((timeout * 1000).rounded(.up)))
        // Polling waitpid keeps the timeout logic on one thread with no signals; 20 ms of latency
        // is nothing next to a model run.
        while true {
            if let status = Self.reap(pid, block: false) { return Self.outcome(status) }
            if ContinuousClock.now >= deadline { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        // Polite first (a model may clean up temporary files), then certain (in `group.end()`).
        kill(-group.id, SIGTERM)
        let grace = ContinuousClock.now + .seconds(2)
        while ContinuousClock.now < grace {
            if Self.reap(pid, block: false) != nil { return .timedOut }
            Thread.sleep(forTimeInterval: 0.02)
        }
        kill(-group.id, SIGKILL)
        _ = Self.reap(pid, block: true)
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

    /// posix_spawn of `/bin/sh -c commandLine` into process group `group`, with redirected output.
    private func spawn(into group: pid_t) throws -> pid_t {
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        do {
            return try Self.spawnShell(commandLine, group: group, stdin: .path("/dev/null"),
                                       stdout: stdoutPath, stderr: stderrPath, environment: env)
        } catch let error as SpawnFailure {
            throw BenchError.commandNotStarted(command: commandLine, reason: "posix_spawn of /bin/sh failed (\(error.reason)); check that /bin/sh exists and that \((logFolder as NSString).deletingLastPathComponent) is writable (or set TMPDIR)")
        }
    }

    /// Where a spawned shell's stdin comes from.
    enum StandardInput {
        /// A file opened read-only.
        case path(String)
        /// An inherited descriptor, made the child's fd 0.
        case descriptor(Int32)
    }

    /// posix_spawn's error, as `strerror` text.
    struct SpawnFailure: Error { let reason: String }

    /// `/bin/sh -c script` with default signal dispositions and an empty mask (so it behaves as
    /// if started from a shell even though `bench` may ignore SIGINT meanwhile), in process group
    /// `group` (0: a new group led by the child).
    static func spawnShell(_ script: String, group: pid_t, stdin: StandardInput, stdout: String, stderr: String,
                           environment: [String: String]) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        switch stdin {
        case let .path(path): posix_spawn_file_actions_addopen(&actions, 0, path, O_RDONLY, 0)
        case let .descriptor(fd): posix_spawn_file_actions_adddup2(&actions, fd, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t(), empty = sigset_t()
        sigemptyset(&empty)
        sigemptyset(&defaults)
        for s in [SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGQUIT] { sigaddset(&defaults, s) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setpgroup(&attributes, group)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv: [UnsafeMutablePointer<CChar>?] = ["/bin/sh", "-c", script].map { (s: String) in strdup(s) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }

        var pid = pid_t()
        let rc = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, envp)
        guard rc == 0 else { throw SpawnFailure(reason: String(cString: strerror(rc))) }
        return pid
    }

    /// waitpid, retrying EINTR; nil while the child still runs (non-blocking).
    static func reap(_ pid: pid_t, block: Bool) -> Int32? {
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
}

extension ShellCommand {
    /// One command's process group, led by the watchdog described on ``ShellCommand``.
    struct ProcessGroup {
        /// The group id: the watchdog's pid.
        let id: pid_t
        /// `bench`'s end of the watchdog's stdin; closing it (or dying) wakes the watchdog.
        let lifeline: Int32

        /// Starts the watchdog in a new group and registers the group for interrupt forwarding.
        static func start() throws -> ProcessGroup {
            var ends: [Int32] = [-1, -1]
            // Both ends close-on-exec from creation: no command ever holds bench's end (which
            // would keep the watchdog asleep after bench died), whichever thread spawns next.
            // A socket pair because Glibc's module exports no pipe2.
            #if os(Linux)
            let created = socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &ends) == 0
            #else
            let created = pipe(&ends) == 0 && fcntl(ends[0], F_SETFD, FD_CLOEXEC) == 0 && fcntl(ends[1], F_SETFD, FD_CLOEXEC) == 0
            #endif
            guard created else {
                throw BenchError.commandNotStarted(command: "(watchdog)", reason: "pipe2 failed (\(String(cString: strerror(errno)))); free some file descriptors (ulimit -n)")
            }
            defer { close(ends[0]) }
            let watchdog: pid_t
            do {
                watchdog = try ShellCommand.spawnShell(ShellCommand.watchdogScript, group: 0, stdin: .descriptor(ends[0]),
                                                       stdout: "/dev/null", stderr: "/dev/null", environment: [:])
            } catch let error as SpawnFailure {
                close(ends[1])
                throw BenchError.commandNotStarted(command: "(watchdog)", reason: "posix_spawn of /bin/sh failed (\(error.reason)); check that /bin/sh exists")
            }
            ExecInterrupts.shared.add(group: watchdog)
            return ProcessGroup(id: watchdog, lifeline: ends[1])
        }

        /// Kills every process left in the group (background children, the watchdog), reaps the
        /// watchdog and closes the pipe. Safe to call once the command itself was reaped.
        func end() {
            kill(-id, SIGKILL)
            _ = ShellCommand.reap(id, block: true)
            ExecInterrupts.shared.remove(group: id)
            close(lifeline)
        }
    }
}
