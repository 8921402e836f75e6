/// Why the benchmark could not run; `description` says what is missing and how to fix it.
enum BenchmarkError: Error, CustomStringConvertible {
    /// No file matched the benchmark's pattern in this folder.
    case noFiles(folder: String, suffix: String)
    /// A file could not be read.
    case unreadable(path: String)
    /// A command-line argument was unknown or lacked its value.
    case usage(String)

    var description: String {
        switch self {
        case let .noFiles(folder, suffix):
            "\(folder): no *\(suffix) files; pass --data with the shared datasets folder (the one holding Set14/ and T91/)."
        case let .unreadable(path):
            "\(path): cannot read the file; check that it exists and is readable."
        case let .usage(message):
            "\(message); usage: srkit-benchmarks [--data DIR] [--json FILE] [--image PATH-UNDER-DATA]."
        }
    }
}
