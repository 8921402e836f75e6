#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The name of a hidden file or folder a run keeps while it works (`.srshards-staging-…`,
/// `.prep-shuffle-…`): `<prefix><pid>-h<host>-<random>`.
///
/// The pid and a hash of the host name are in the name so that a later run can tell a leftover
/// of a run that was killed (same host, pid no longer alive) from the scratch of a run that is
/// still going — on this machine or on another node writing to the same shared folder, whose
/// pid means nothing here. The `h` keeps the host field apart from the digits of the pid and
/// from names of other programs.
package struct RunScratchName: Equatable, Sendable {
    /// The fixed prefix, e.g. `.srshards-staging-`.
    package var prefix: String
    /// The process that created the file.
    package var pid: Int32
    /// 8 lowercase hex digits: FNV-1a of the creating machine's host name.
    package var host: String

    /// A new name for this process on this host, with a random tail.
    package static func make(prefix: String) -> String {
        let token = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        return "\(prefix)\(getpid())-h\(localHost)-\(token)"
    }

    /// Parses `name`; nil if it does not start with `prefix` or lacks the pid or host field
    /// (such names are never treated as ours).
    package init?(_ name: String, prefix: String) {
        guard name.hasPrefix(prefix) else { return nil }
        let parts = name.dropFirst(prefix.count).split(separator: "-", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let pid = Int32(parts[0]), pid > 0,
              parts[1].count == 9, parts[1].first == "h", !parts[2].isEmpty else { return nil }
        self.prefix = prefix
        self.pid = pid
        host = String(parts[1].dropFirst())
    }

    /// Whether the creating run is certainly gone: made on this host, not by this process, and
    /// no process has the pid (`kill(pid, 0)` fails with ESRCH). A reused pid keeps a leftover
    /// until that process ends too: never delete what might be live.
    package var isFromDeadLocalRun: Bool {
        guard host == Self.localHost, pid != getpid() else { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }

    /// FNV-1a (32 bit) of `gethostname`, as 8 hex digits.
    package static let localHost: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        _ = gethostname(&buffer, buffer.count - 1)
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        var hash: UInt32 = 0x811C_9DC5
        for byte in bytes { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }()
}
