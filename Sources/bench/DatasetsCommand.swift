import ArgumentParser
import SRBench
import SRFetch

/// `bench datasets verify`: which variant of each dataset is present, and whether it is intact.
struct DatasetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "datasets",
        abstract: "Inspect the evaluation datasets under a data root.",
        subcommands: [Verify.self, DatasetsFetchCommand.self]
    )

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report, per dataset, the layout and variant found, checksums, and missing files.",
            discussion: """
                Each HR file is compared with every variant the catalogue (Manifests/datasets) knows \
                for its image: original, gtmod12 (BasicSR), modcrop2/3/4 (crops to a multiple of the \
                scale), selfexsr-x2/3/4 (SelfExSR's per-scale HR files) and, for BSD100, the BSDS \
                481x321 original (size only). A file matches by the SHA-256 of its bytes (the \
                published file) or of its decoded pixels (same content, other encoding, reported \
                as such); SelfExSR's tree is checked at every scale folder present. Image names \
                come from every naming the catalogue lists (SelfExSR's img_001 is Set5 baby).

                Exits 1 when a requested dataset is missing files or a file matches none of its \
                image's variants. Datasets whose content is not catalogued (most of Urban100, \
                DIV2K) are checked for presence only.

                Examples:
                  bench datasets verify --data-root ../shared/datasets --datasets set5,set14,bsd100
                  bench datasets verify --data-root ../shared/datasets/SelfExSR --datasets set5,set14,bsd100
                """
        )

        @Option(help: "Folder that holds the datasets (default: SRKIT_DATA, else ../shared/datasets beside the checkout, else ~/.cache/srkit/datasets).")
        var dataRoot: String?

        @Option(help: "Comma-separated datasets (default: all in the catalogue).")
        var datasets: String?

        @Option(help: "Folder of dataset catalog YAML files (default: Manifests/datasets of this checkout).")
        var catalog: String?

        func run() throws {
            let cat = try DatasetCatalog.locate(explicit: catalog)
            let names = datasets?.split(separator: ",").map(String.init) ?? cat.names
            var complete = true
            let root = dataRoot ?? DataRoot.resolve(explicit: nil).path
            let sources = try? SourceCatalog.locate()
            for name in names {
                let v = DatasetVerification.verify(try cat.dataset(name), root: root)
                print(v.summary)
                complete = complete && v.isComplete
                if !v.isComplete, sources?.datasets[name.lowercased()] != nil {
                    print("  to fetch it: \(MissingDatasetHint.command(dataset: name.lowercased(), root: root))")
                }
            }
            if !complete { throw ExitCode(1) }
        }
    }
}
