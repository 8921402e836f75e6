import Foundation

/// Runs a built executable and reports its peak resident memory, for tests that bound memory.
public enum PeakMemory {
    /// What a finished command left: its exit status and its maximum resident set size.
    public struct Result: Sendable {
        /// Exit status (128 + signal when killed by one).
        public let status: Int32
        /// Peak resident set size in bytes (`wait4`'s `ru_maxrss`, kilobytes on Linux).
        public let peakBytes: Int
    }

    /// Linux keeps a process's RSS high-water mark across `execve`, and `posix_spawn` (vfork)
    /// or `fork` from this test process starts the child at the test process's own peak, which
    /// after the real-data tests is hundreds of MiB. So a small Python process forks and execs
    /// the command: its child starts from Python's few MiB, and `os.wait4` gives that child's
    /// own `ru_maxrss`.
    static let launcher = """
        import os, sys
        pid = os.fork()
        if pid == 0:
            fd = os.open(os.devnull, os.O_WRONLY)
            os.dup2(fd, 1); os.dup2(fd, 2)
            try:
                os.execv(sys.argv[1], sys.argv[1:])
            finally:
                os._exit(127)
        _, status, usage = os.wait4(pid, 0)
        code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status)
        print(code, usage.ru_maxrss)
        """

    /// Runs product `name` with `arguments` (stdout and stderr to /dev/null) through
    /// ``launcher`` and returns the command's own status and peak.
    public static func run(_ name: String, _ arguments: [String]) throws -> Result {
        let path = CommandRunner.productsDirectory.appendingPathComponent(name).path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", launcher, path] + arguments
        let r = try CommandRunner.collect(process)
        let fields = r.stdout.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard r.status == 0, fields.count == 2 else {
            throw NSError(domain: "PeakMemory", code: Int(r.status),
                          userInfo: [NSLocalizedDescriptionKey: "launcher for \(path) failed: \(r.stderr)\(r.stdout)"])
        }
        #if os(Linux)
        let scale = 1024  // kilobytes
        #else
        let scale = 1  // bytes on Darwin
        #endif
        return Result(status: Int32(fields[0]), peakBytes: fields[1] * scale)
    }
}
