/// What `--partition` says: an explicit `K/N`, or `auto` (ask the scheduler).
public enum PartitionArgument: Sendable, Equatable {
    /// `--partition K/N`.
    case explicit(PartitionSpec)
    /// `--partition auto`: the index (and count) come from the environment of a job array.
    case auto

    /// Parses `auto` or `K/N`.
    public static func parse(_ text: String) throws -> PartitionArgument {
        text == "auto" ? .auto : .explicit(try PartitionSpec.parse(text))
    }

    /// The part this task runs. `count` is `--partition-count` (needed by engines that do not
    /// publish the count, such as Kubernetes Indexed Jobs; checked against those that do).
    /// `environment` is the process environment (a parameter so tests can pass their own).
    public func resolve(count: Int? = nil, environment: [String: String],
                        engines: [any PartitionEngine] = PartitionEngineRegistry.standard) throws -> PartitionSpec {
        switch self {
        case .explicit(let spec):
            if let count, count != spec.count { throw PartitionError.countConflict(source: "--partition \(spec)", count: spec.count, flag: count) }
            return spec
        case .auto:
            return try PartitionEngineRegistry.detect(environment: environment, count: count, engines: engines)
        }
    }
}
