/// A scheduler whose job arrays tell each task its index through the environment.
///
/// A new engine is one file conforming to this protocol plus one line in
/// ``PartitionEngineRegistry/standard``.
public protocol PartitionEngine: Sendable {
    /// Name used in messages (`Slurm`, `Kubernetes`).
    var name: String { get }
    /// The variables this engine sets, for the message when none is found.
    var variablesHelp: String { get }
    /// This task's part when `environment` holds this engine's variables, nil when it holds none
    /// of them; throws ``PartitionError`` when they are present but unusable. `count` is
    /// `--partition-count`, if given.
    func detect(environment: [String: String], count: Int?) throws -> PartitionSpec?
}

extension PartitionEngine {
    /// Reads a non-negative decimal variable; throws when present but not a number.
    func integer(_ name: String, in environment: [String: String]) throws -> Int? {
        guard let text = environment[name] else { return nil }
        guard let value = Int(text), value >= 0 else {
            throw PartitionError.badVariable(engine: self.name, variable: name, value: text)
        }
        return value
    }
}
