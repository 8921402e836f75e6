/// Errors of the helpers the command-line tools share; each names the file involved.
public enum CommandLineError: Error, CustomStringConvertible, Equatable {
    /// A text output (a report, a table) could not be written; `reason` is the file system's.
    case cannotWrite(path: String, reason: String)
    /// A command-line argument (a path) whose bytes are not UTF-8, shown escaped (`caf\xE9.png`).
    case notUTF8(argument: String)

    /// One sentence: the file, what went wrong, what to check.
    public var description: String {
        switch self {
        case let .cannotWrite(path, reason):
            return "\(path): cannot write the file: \(reason); check that its folder exists and is writable."
        case let .notUTF8(argument):
            return "\(argument): the name is not valid UTF-8 (\\xNN marks each byte that is not) and SRKit reads file names as UTF-8; rename the file, e.g. `convmv -f latin1 -t utf8 --notest FILE`."
        }
    }
}
