import Foundation
import SRImage

/// PNG and BMP decoding from memory: the file bytes are read first, so disk I/O is excluded.
///
/// One run decodes every file of the set. The rate is decoded pixel megabytes
/// (`width * height * channels` bytes, 1 MB = 10^6 bytes) per second of the median run; the
/// "file MB/s" column divides the encoded file bytes instead.
enum DecodeBenchmarks {
    /// The sets decoded: Set14's 14 PNGs (grey and RGB) and T91's 91 24-bit BMPs.
    static let sets: [(label: String, folder: String, suffix: String)] = [
        ("png", "Set14/original", ".png"),
        ("bmp", "T91", ".bmp"),
    ]

    /// Measures each set under `dataRoot`.
    static func run(dataRoot: String) throws -> [Measurement] {
        try sets.map { set in
            let folder = (dataRoot as NSString).appendingPathComponent(set.folder)
            let files = try loadFiles(in: folder, suffix: set.suffix)
            let fileMB = Double(files.reduce(0) { $0 + $1.bytes.count }) / 1e6
            let decodedMB = Double(try decodeAll(files)) / 1e6
            let input = "\(set.folder) \(files.count) files, \(fixed(decodedMB, 2)) MB px, \(fixed(fileMB, 2)) MB file"
            return try measure("decode \(set.label)", input: input, unit: "MB/s", work: decodedMB, fileMegabytes: fileMB,
                               policy: RunPolicy(warmup: 2, minRuns: 10, minSeconds: 2)) {
                try decodeAll(files)
            }
        }
    }

    /// Decodes every file from memory; returns the decoded sample count.
    static func decodeAll(_ files: [(name: String, bytes: [UInt8])]) throws -> Int {
        var total = 0
        for file in files {
            total += try ImageDecoder.decode(bytes: file.bytes, name: file.name).samples.count
        }
        return total
    }

    /// The files of `folder` ending in `suffix`, sorted by name, read into memory.
    static func loadFiles(in folder: String, suffix: String) throws -> [(name: String, bytes: [UInt8])] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let matching = names.filter { $0.lowercased().hasSuffix(suffix) }.sorted()
        guard !matching.isEmpty else { throw BenchmarkError.noFiles(folder: folder, suffix: suffix) }
        return try matching.map { name in
            let path = (folder as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else { throw BenchmarkError.unreadable(path: path) }
            return (path, [UInt8](data))
        }
    }
}
