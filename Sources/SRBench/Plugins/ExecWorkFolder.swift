import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The temporary folder of one `exec:` cell: `$TMPDIR/srkit-exec-<pid>-<uuid>/` holding `lr/`,
/// `sr/`, `stdout.log` and `stderr.log`.
///
/// Clean-up promise: the folder is removed when the cell ends (``remove()``), when `bench` is
/// ended by SIGINT/SIGTERM/SIGHUP (``ExecInterrupts``), and otherwise (SIGKILL, a crash, a power
/// cut) by the next `bench` that creates a work folder in the same `$TMPDIR`: it removes every
/// `srkit-exec-<pid>-*` whose `<pid>` is no longer a running process (``removeLeftovers(in:)``).
/// The pid in the name is what makes a folder identifiable as a dead run's; folders of running
/// `bench` processes are never touched. Names without a pid (SRKit before 2026-12) are left
/// alone, since nothing says whether their run is over.
struct ExecWorkFolder {
    /// Name prefix shared by all work folders.
    static let prefix = "srkit-exec-"

    /// The folder's absolute path.
    let path: String
    /// Where the LR PNGs are written (`{input_dir}`).
    var input: String { path + "/lr" }
    /// Where the command writes its SR images (`{output_dir}`).
    var output: String { path + "/sr" }

    /// Creates a fresh folder (with `lr/` and `sr/`) under `parent` (default: the temporary
    /// directory), after removing leftovers of dead runs there once per process.
    static func create(in parent: String = FileManager.default.temporaryDirectory.path, command: String) throws -> ExecWorkFolder {
        sweepOnce(parent)
        let folder = ExecWorkFolder(path: parent + "/" + prefix + "\(getpid())-\(UUID().uuidString)")
        ExecInterrupts.shared.add(folder: folder.path)
        do {
            for sub in [folder.input, folder.output] {
                try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: true)
            }
        } catch {
            folder.remove()
            throw BenchError.commandNotStarted(command: command, reason: "cannot create the temporary folder \(folder.path) (\(error.localizedDescription)); set TMPDIR to a writable folder")
        }
        return folder
    }

    /// Removes the folder and everything in it.
    func remove() {
        try? FileManager.default.removeItem(atPath: path)
        ExecInterrupts.shared.remove(folder: path)
    }

    /// Removes the work folders in `parent` whose owning `bench` process has ended; returns
    /// their paths, sorted.
    @discardableResult
    static func removeLeftovers(in parent: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return [] }
        var removed: [String] = []
        for name in names.sorted() {
            guard let pid = owner(of: name), pid != getpid(), !isRunning(pid) else { continue }
            let path = parent + "/" + name
            if (try? FileManager.default.removeItem(atPath: path)) != nil { removed.append(path) }
        }
        return removed
    }

    /// The pid in a work folder's name (`srkit-exec-<pid>-<uuid>`), or nil for other names.
    static func owner(of name: String) -> pid_t? {
        guard name.hasPrefix(prefix) else { return nil }
        let rest = name.dropFirst(prefix.count)
        guard let dash = rest.firstIndex(of: "-"), let pid = pid_t(rest[..<dash]), pid > 0,
              UUID(uuidString: String(rest[rest.index(after: dash)...])) != nil else { return nil }
        return pid
    }

    /// Whether a process with this pid exists (EPERM: it exists but belongs to someone else).
    static func isRunning(_ pid: pid_t) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }

    /// Folders already swept by this process.
    nonisolated(unsafe) private static var swept = Set<String>()
    private static let sweepLock = NSLock()

    private static func sweepOnce(_ parent: String) {
        sweepLock.lock()
        defer { sweepLock.unlock() }
        guard swept.insert(parent).inserted else { return }
        removeLeftovers(in: parent)
    }
}
