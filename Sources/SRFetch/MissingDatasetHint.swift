import Foundation

/// The exact command that would fetch what a run is missing, for `prep run` and
/// `bench datasets verify` to print beside "not found".
public enum MissingDatasetHint {
    /// `bench datasets fetch NAME --data-root ROOT` for the dataset whose files live in the
    /// first folder of `path` under `root`, or nil when `path` is not under `root` or no
    /// dataset has pinned sources there.
    public static func command(forMissing path: String, root: String, sources: SourceCatalog?) -> String? {
        let abs = DataRoot.absolute(path)
        guard let sources, abs.hasPrefix(root + "/") else { return nil }
        let folder = String(abs.dropFirst(root.count + 1).split(separator: "/").first ?? "")
        guard let d = sources.dataset(forFolder: folder) else { return nil }
        return command(dataset: d.name, root: root)
    }

    /// `bench datasets fetch NAME --data-root ROOT`.
    public static func command(dataset: String, root: String) -> String {
        "bench datasets fetch \(dataset) --data-root \(root)"
    }
}
