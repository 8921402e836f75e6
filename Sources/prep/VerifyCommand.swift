import ArgumentParser
import Foundation
import SRShards

/// `prep verify DIR`: every record CRC32C and every shard SHA-256 and record count against index.json.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every record checksum and shard hash of a shard dataset.",
        discussion: """
            Recomputes each shard's SHA-256 and size and compares them, and the record counts, \
            with index.json; opens each shard and recomputes every record's CRC32C. Prints one \
            line per problem (shard file and record number) and exits 1 if there is any; exits \
            0 and prints a summary when the dataset is intact. A single .srshard file is checked \
            on its own (CRCs only).

            Example:
              prep verify out/t91
            """
    )

    @Argument(help: "A dataset folder (with index.json) or a .srshard file.")
    var path: String

    func run() throws {
        let report = try ShardDatasetVerifier.verify(URL(fileURLWithPath: path))
        if report.problems.isEmpty {
            print("\(path): OK, \(report.records) record(s) in \(report.shards) shard(s); every CRC32C, SHA-256 and record count matches.")
            return
        }
        for problem in report.problems { print(problem.description) }
        let records = Set(report.problems.compactMap { p in p.record.map { "\(p.file)#\($0)" } }).count
        FileHandle.standardError.write(Data("Error: \(path): \(report.problems.count) problem(s), \(records) broken record(s); regenerate the dataset with prep run.\n".utf8))
        throw ExitCode(1)
    }
}
