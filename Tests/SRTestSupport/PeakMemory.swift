import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a built executable and reports its peak resident memory, for tests that bound memory.
public enum PeakMemory {
    /// What a finished command left: its exit status and its maximum resident set size.
    public struct Result: Sendable {
        /// Exit status (128 + signal when killed by one).
        public let status: Int32
        /// Peak resident set size in bytes (`wait4`'s `ru_maxrss`, kilobytes on Linux).
        public let peakBytes: Int
    }

    /// Runs product `name` with `arguments` (stdout and stderr to /dev/null) and waits with `wait4`,
    /// whose resource usage is the child's own, not that of every child this test process reaped.
    public static func run(_ name: String, _ arguments: [String]) throws -> Result {
        let path = CommandRunner.productsDirectory.appendingPathComponent(name).path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let rc = posix_spawn(&pid, path, &actions, nil, argv, environ)
        guard rc == 0 else { throw NSError(domain: "PeakMemory", code: Int(rc), userInfo: [NSLocalizedDescriptionKey: "posix_spawn \(path): \(String(cString: strerror(rc)))"]) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let signal = status & 0x7f
        #if os(Linux)
        let scale = 1024  // kilobytes
        #else
        let scale = 1  // bytes on Darwin
        #endif
        return Result(status: signal == 0 ? (status >> 8) & 0xff : 128 + signal, peakBytes: Int(usage.ru_maxrss) * scale)
    }
}
