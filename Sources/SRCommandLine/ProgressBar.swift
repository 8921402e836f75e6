import Foundation

/// A one-line progress bar on standard error, shared by `prep` and `bench`.
///
/// Drawn only when standard error is a terminal, so piped and CI output stays clean, and only
/// when the bar visibly moves, so a run over tens of thousands of items does not spend its time
/// writing to the terminal. Safe to update from several threads.
public final class ProgressBar: @unchecked Sendable {
    private let enabled: Bool
    private let lock = NSLock()
    private var lastDrawn: (label: String, filled: Int)?
    private static let width = 30

    /// A bar that draws when `enabled` (e.g. not `--quiet`) and standard error is a terminal.
    public init(enabled: Bool = true) {
        self.enabled = enabled && isatty(STDERR_FILENO) != 0
    }

    /// Shows `done` of `total` items of the step named `label`.
    public func update(_ label: String, _ done: Int, _ total: Int) {
        guard enabled, total > 0 else { return }
        lock.lock(); defer { lock.unlock() }
        let filled = Self.width * min(max(done, 0), total) / total
        if let last = lastDrawn, last.label == label, last.filled == filled, done != total { return }
        lastDrawn = (label, filled)
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: Self.width - filled)
        FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(done)/\(total)\u{1B}[K".utf8))
    }

    /// Erases the bar, so the next line of output starts clean.
    public func finish() {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        lastDrawn = nil
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
