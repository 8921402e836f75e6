/// Errors of the helpers the command-line tools share; each names the file involved.
public enum CommandLineError: Error, CustomStringConvertible, Equatable {
    /// A text output (a report, a table) could not be written; `reason` is the file system's.
    case cannotWrite(path: String, reason: String)

    /// One sentence: the file, what went wrong, what to check.
    public var description: String {
        switch self {
        case let .cannotWrite(path, reason):
            return "\(path): cannot write the file: \(reason); check that its folder exists and is writable."
        }
    }
}
