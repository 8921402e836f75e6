import ArgumentParser
import Foundation
import SRCommandLine
import SRFetch

/// `bench datasets fetch NAME...`: downloads datasets from their pinned public sources.
struct DatasetsFetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Download datasets from pinned public sources, verified by SHA-256.",
        discussion: """
            Each file's source is a URL pinned to a commit (Manifests/datasets/sources/NAME.tsv, \
            beside its size and SHA-256). A file is downloaded into DATA_ROOT/.srkit-fetch/ and \
            renamed into place only once its size and SHA-256 match, so nothing half-written is \
            ever visible; an interrupted download resumes when the command is run again. Files \
            already present and verified are not fetched again. SRKIT_MIRROR=http://HOST:PORT \
            replaces every URL's scheme and host (a mirror laid out by URL path).

            Data root: --data-root, else SRKIT_DATA, else ../shared/datasets beside the checkout \
            (the developers' layout), else $XDG_CACHE_HOME/srkit/datasets (~/.cache/srkit/datasets).

            Examples:
              bench datasets fetch t91
              bench datasets fetch set5 set14 bsd100 --dry-run
              bench datasets fetch urban100 --data-root ~/data/sr
            """
    )

    @Argument(help: "Datasets: t91, set5, set14, bsd100, urban100.")
    var names: [String]

    @Option(help: "Folder that holds the datasets (default: see above).")
    var dataRoot: String?

    @Flag(help: "Print URL<TAB>BYTES<TAB>SHA256<TAB>PATH per file to fetch, then the total; download nothing.")
    var dryRun = false

    @Option(help: "Files downloaded at once.")
    var parallel = 4

    @Option(help: "Folder of pinned-source TSV files (default: Manifests/datasets/sources of this checkout).")
    var sources: String?

    @Flag(help: "No progress bar.")
    var quiet = false

    func run() throws {
        let catalog = try SourceCatalog.locate(explicit: sources)
        let datasets = try names.map { try catalog.dataset($0) }
        let root = DataRoot.resolve(explicit: dataRoot)
        let mirror = try Mirror.fromEnvironment()
        let plan = try FetchPlan.make(datasets: datasets, root: root.path)
        if dryRun {
            plan.dryRunLines(mirror: mirror).forEach { print($0) }
            return
        }
        if plan.missing.isEmpty {
            print("\(root.path): \(names.joined(separator: ", ")) already present and verified (\(plan.present.count) files); nothing to fetch.")
            return
        }
        let bar = ProgressBar(enabled: !quiet)
        var options = FetchOptions()
        options.parallel = parallel
        options.mirror = mirror
        options.progress = { done, total in bar.update("MiB", Int(done >> 20), Int(max(total >> 20, 1))) }
        let start = Date()
        let summary = Fetcher.run(plan, options: options)
        bar.finish()
        for failure in summary.failures { FileHandle.standardError.write(Data("error: \(failure)\n".utf8)) }
        print(String(format: "%@ (%@): fetched %d of %d files, %lld bytes, %.2f s; %d already present",
                     root.path, root.origin, summary.fetched.count, plan.missing.count, summary.bytes,
                     Date().timeIntervalSince(start), plan.present.count))
        if !summary.failures.isEmpty { throw ExitCode(1) }
    }
}
