import Foundation

// srkit-benchmarks [--data DIR] [--json FILE] [--image PATH] [--only TEXT]
//
// Decode and resize speed of SRKit in this build; see Benchmarks/README.md for what each
// number means and the peers it is compared with.

/// Command-line options; defaults point at the shared datasets beside the repository.
struct Options {
    /// Folder holding Set14/ and T91/: `$SRKIT_SHARED/datasets` when that is set (as the tests
    /// use), else `../../shared/datasets` from `Benchmarks/`.
    var data: String
    /// Where to write the JSON report, if anywhere.
    var json: String?
    /// The resize benchmark's image, relative to `data`.
    var image = "Set14/original/lenna.png"
    /// Runs only the cases whose label contains this text (e.g. "matlab-bicubic x1/4"), so a
    /// profiler sees one case.
    var only: String?

    init(arguments: [String]) throws {
        // Default: <repository>/../shared/datasets, found from this source file's location so
        // the binary works from any working directory.
        let benchmarks = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        if let shared = ProcessInfo.processInfo.environment["SRKIT_SHARED"], !shared.isEmpty {
            data = URL(fileURLWithPath: shared).appendingPathComponent("datasets").path
        } else {
            data = benchmarks.appendingPathComponent("../../shared/datasets").standardizedFileURL.path
        }
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            switch flag {
            case "--data", "--json", "--image", "--only":
                guard let value = rest.popFirst() else { throw BenchmarkError.usage("Missing value for '\(flag)'") }
                switch flag {
                case "--data": data = value
                case "--json": json = value
                case "--only": only = value
                default: image = value
                }
            case "-h", "--help":
                print("usage: srkit-benchmarks [--data DIR] [--json FILE] [--image PATH-UNDER-DATA] [--only TEXT]")
                exit(0)
            default:
                throw BenchmarkError.usage("Unknown argument '\(flag)'")
            }
        }
    }
}

do {
    let options = try Options(arguments: Array(CommandLine.arguments.dropFirst()))
    let cores = ProcessInfo.processInfo.activeProcessorCount
    // Decode cases are all labelled "decode ...": skip them unless --only could select one.
    let decodeWanted = options.only.map { "decode".hasPrefix($0) || $0.hasPrefix("decode") } ?? true
    let decode = try decodeWanted ? DecodeBenchmarks.run(dataRoot: options.data).filter { options.only.map($0.name.contains) ?? true } : []
    printTable(title: "SRKit decode, from memory; rate = decoded pixel MB / median time", decode)
    let resize = try ResizeBenchmarks.run(dataRoot: options.data, image: options.image, only: options.only)
    printTable(title: "SRKit resize, \(cores) cores; rate = input megapixels / median time", resize)
    print("load average: \(currentLoadAverage())")
    if let json = options.json {
        let date = ISO8601DateFormatter().string(from: Date())
        try Report(date: date, activeProcessorCount: cores, loadAverage: currentLoadAverage(),
                   results: decode + resize).write(to: json)
    }
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
