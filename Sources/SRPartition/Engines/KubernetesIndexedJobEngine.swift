/// Kubernetes Indexed Jobs (`completionMode: Indexed`): `JOB_COMPLETION_INDEX` is 0..<completions.
///
/// Kubernetes does not put `completions` into the pod's environment, so the count comes from
/// `--partition-count` or `SRKIT_PARTITION_COUNT` (Examples/kubernetes/ sets the variable next to
/// `completions`, and a test checks the two agree).
public struct KubernetesIndexedJobEngine: PartitionEngine {
    /// The variable that carries the count.
    public static let countVariable = "SRKIT_PARTITION_COUNT"

    public init() {}

    public var name: String { "Kubernetes" }

    public var variablesHelp: String { "JOB_COMPLETION_INDEX in an Indexed Job, with the count from --partition-count or \(Self.countVariable)" }

    public func detect(environment: [String: String], count: Int?) throws -> PartitionSpec? {
        guard let index = try integer("JOB_COMPLETION_INDEX", in: environment) else { return nil }
        let fromEnvironment = try integer(Self.countVariable, in: environment)
        if let count, let fromEnvironment, count != fromEnvironment {
            throw PartitionError.countConflict(source: Self.countVariable, count: fromEnvironment, flag: count)
        }
        guard let total = count ?? fromEnvironment else {
            throw PartitionError.incompleteEnvironment(engine: name, problem: "JOB_COMPLETION_INDEX is set but not the number of parts, which Kubernetes does not publish; pass --partition-count N (the Job's completions) or set \(Self.countVariable)")
        }
        return try PartitionSpec(index: index, count: total, argument: "JOB_COMPLETION_INDEX=\(index)")
    }
}
