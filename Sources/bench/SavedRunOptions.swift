import ArgumentParser
import SRBench

/// Where `bench report` and `bench figure` find a saved run's datasets again: the options the
/// two commands share, so they read a report the same way.
struct SavedRunOptions: ParsableArguments {
    @Option(help: "Folder that holds the datasets (default: the one recorded in the report).")
    var dataRoot: String?

    @Option(help: "Folder of dataset catalog YAML files (default: Manifests/datasets of this checkout).")
    var catalog: String?

    /// The catalogue the report is read against.
    func locateCatalog() throws -> DatasetCatalog { try DatasetCatalog.locate(explicit: catalog) }
}
