import Foundation
import SRPartition

/// Which (dataset, image) pairs part K of N of a `bench score` run scores.
///
/// The unit of work is one image of one dataset at every requested scale, so each HR file is
/// decoded once, in one task, as on one machine. Units are weighed by the HR's pixel count from
/// the catalogue (the largest known variant; 1 when the catalogue gives no size) and split by
/// ``WorkBalancer`` (rule `lpt-v1`, Docs/partitioning.md): metric and model work grow with pixels,
/// and BSD100 or Urban100 images are 10× Set5's. The weights are stored in the part so
/// `bench merge` recomputes and checks the assignment without the catalogue.
public struct BenchPartition: Sendable {
    /// This part.
    public let spec: PartitionSpec
    /// Every requested dataset with all its images and their weights, in request and catalogue order.
    public let images: [BenchPartImages]
    /// The images this part scores, by dataset name.
    let mine: [String: Set<String>]

    /// Part `spec` of `datasets` (names as given on the command line) in `catalog`.
    public static func make(catalog: DatasetCatalog, datasets: [String], spec: PartitionSpec) throws -> BenchPartition {
        let lists = try datasets.map { name -> BenchPartImages in
            let dataset = try catalog.dataset(name)
            return BenchPartImages(dataset: dataset.name, names: dataset.images.map(\.name),
                                   weights: dataset.images.map(Self.weight))
        }
        let units = lists.flatMap { list in list.names.indices.map { (list.dataset, list.names[$0], list.weights[$0]) } }
        let assignment = WorkBalancer.assign(weights: units.map(\.2), parts: spec.count)
        var mine: [String: Set<String>] = [:]
        for (unit, part) in zip(units, assignment) where part == spec.index { mine[unit.0, default: []].insert(unit.1) }
        return BenchPartition(spec: spec, images: lists, mine: mine)
    }

    /// Pixels of the largest variant the catalogue knows, at least 1.
    static func weight(_ image: CatalogImage) -> UInt64 {
        UInt64(max(1, image.variants.values.map { $0.width * $0.height }.max() ?? 1))
    }

    /// The requested datasets this part has images of, in request order (a dataset none of
    /// whose images fell to this part is not scored here at all).
    public var datasets: [String] { images.map(\.dataset).filter { mine[$0] != nil } }

    /// Images this part scores.
    public var imageCount: Int { mine.values.reduce(0) { $0 + $1.count } }

    /// `catalog` with each dataset cut down to this part's images (catalogue order kept), for
    /// ``ScoreRunner``, which then scores exactly this share and nothing else.
    public func restrict(_ catalog: DatasetCatalog) -> DatasetCatalog {
        var datasets = catalog.datasets
        for (name, keep) in mine {
            guard let d = datasets[name] else { continue }
            datasets[name] = DatasetDescription(restricting: d, to: keep)
        }
        return DatasetCatalog(datasets: datasets, folder: catalog.folder)
    }
}

/// One dataset's full image list in a partial report: names in catalogue order and their weights.
public struct BenchPartImages: Sendable, Codable, Equatable {
    /// Catalogue name (`set5`).
    public var dataset: String
    /// Every image, in report order.
    public var names: [String]
    /// The work weight of each (HR pixels).
    public var weights: [UInt64]
}

extension DatasetDescription {
    /// `d` with only the images named in `keep`, in `d`'s order.
    init(restricting d: DatasetDescription, to keep: Set<String>) {
        name = d.name
        title = d.title
        note = d.note
        namings = d.namings
        images = d.images.filter { keep.contains($0.name) }
        count = images.count
    }
}

extension DatasetCatalog {
    /// A catalogue from descriptions already read.
    init(datasets: [String: DatasetDescription], folder: URL) {
        self.datasets = datasets
        self.folder = folder
    }
}
