import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether processes a test started (directly or through a command) are still running.
public enum ProcessProbe {
    /// True while `pid` is a live process. A zombie (ended, not yet reaped by whoever inherited
    /// it) counts as dead: it runs no code and holds no resources but its table slot.
    public static func isAlive(_ pid: Int32) -> Bool {
        #if os(Linux)
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        // Field 3, after "pid (comm) ", is the state letter.
        let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first
        return state != "Z" && state != "X"
        #else
        return kill(pid, 0) == 0 || errno == EPERM
        #endif
    }

    /// Waits up to `seconds` for `pid` to end; true when it did.
    public static func waitForExit(_ pid: Int32, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while isAlive(pid) {
            if Date() > deadline { return false }
            usleep(20_000)
        }
        return true
    }

    /// The pid written (as decimal text) into the file at `path`, once it appears, within `seconds`.
    public static func pid(inFile path: String, seconds: Double = 30) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: path, encoding: .utf8),
               let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) { return pid }
            usleep(20_000)
        }
        return nil
    }
}
