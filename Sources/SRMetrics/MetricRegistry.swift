/// Metrics by name, so options and command lines pick them with a string (BasicSR's
/// `METRIC_REGISTRY`).
///
/// Names are unique: registering a second metric under a taken name throws. An unknown name is
/// an error that lists the known ones; there is no silent fallback.
public struct MetricRegistry: Sendable {
    /// The metrics SRKit ships, in output order: `psnr` (``PSNR``), `ssim` (``SSIM``).
    /// A new built-in metric is one new file plus one line here.
    public static let standard: MetricRegistry = {
        var registry = MetricRegistry()
        // Built-in names are distinct literals; a collision here is a programming error.
        try! registry.register(PSNR())
        try! registry.register(SSIM())
        return registry
    }()

    private var entries: [any Metric] = []

    /// An empty registry; add metrics with ``register(_:)``.
    public init() {}

    /// Registered names in registration order.
    public var names: [String] { entries.map(\.name) }

    /// Registered metrics in registration order.
    public var metrics: [any Metric] { entries }

    /// Adds `metric` under its ``Metric/name``.
    /// - Throws: ``MetricsError/duplicateMetric(name:)`` if the name is taken.
    public mutating func register(_ metric: any Metric) throws {
        guard !entries.contains(where: { $0.name == metric.name }) else {
            throw MetricsError.duplicateMetric(name: metric.name)
        }
        entries.append(metric)
    }

    /// The metric registered as `name` (exact, lower-case).
    /// - Throws: ``MetricsError/unknownMetric(name:known:)`` listing the registered names.
    public func metric(named name: String) throws -> any Metric {
        if let metric = entries.first(where: { $0.name == name }) { return metric }
        throw MetricsError.unknownMetric(name: name, known: names)
    }

    /// The metrics registered under `names`, in the order given.
    /// - Throws: ``MetricsError/unknownMetric(name:known:)`` for the first unknown name.
    public func metrics(named names: [String]) throws -> [any Metric] {
        try names.map { try metric(named: $0) }
    }
}
