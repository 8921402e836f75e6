import SRImage

/// Writes text files (reports, rendered tables) under a temporary name in the destination
/// folder and renames them into place, so a failed or interrupted run never leaves a
/// half-written file and an existing file is only replaced by a complete one.
public enum AtomicTextFile {
    /// Writes `text` as UTF-8 to `path`, replacing any file there. On failure the temporary
    /// file is removed, `path` is left as it was, and the error names `path`.
    public static func write(_ text: String, to path: String) throws {
        do {
            try AtomicFileWriter.save(Array(text.utf8), to: path)
        } catch {
            throw CommandLineError.cannotWrite(path: path, reason: error.reason)
        }
    }
}
