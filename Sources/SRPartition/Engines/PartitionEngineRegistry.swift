/// The schedulers `--partition auto` understands, tried together: exactly one must be present.
public enum PartitionEngineRegistry {
    /// Slurm job arrays and Kubernetes Indexed Jobs.
    public static let standard: [any PartitionEngine] = [SlurmArrayEngine(), KubernetesIndexedJobEngine()]

    /// The part from whichever engine's variables are set; an error when none or several are.
    public static func detect(environment: [String: String], count: Int?, engines: [any PartitionEngine] = standard) throws -> PartitionSpec {
        var found: [(String, PartitionSpec)] = []
        for engine in engines {
            if let spec = try engine.detect(environment: environment, count: count) { found.append((engine.name, spec)) }
        }
        guard let first = found.first else { throw PartitionError.noEngine(help: engines.map { "\($0.name): \($0.variablesHelp)" }) }
        guard found.count == 1 else { throw PartitionError.severalEngines(found.map { "\($0.0) says \($0.1)" }) }
        return first.1
    }
}
