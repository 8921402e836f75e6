/// Everything that can be wrong with `--partition` and `--partition-count`. Each description
/// names the value, what is wrong and what to do.
public enum PartitionError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Not `K/N` or `auto`.
    case unreadable(argument: String)
    /// N below 1.
    case badCount(argument: String, count: Int)
    /// K outside 0..<N.
    case indexOutOfRange(argument: String, index: Int, count: Int)
    /// `--partition auto` but no engine's variables are set.
    case noEngine(help: [String])
    /// Variables of more than one engine are set.
    case severalEngines([String])
    /// An engine variable is set but is not a non-negative integer.
    case badVariable(engine: String, variable: String, value: String)
    /// One of an engine's variables is set but a companion is missing (`problem` says which).
    case incompleteEnvironment(engine: String, problem: String)
    /// A Slurm array whose indices are not one range with a constant step.
    case slurmNotARange(id: Int, min: Int, max: Int?, step: Int, count: Int)
    /// `--partition-count` disagrees with the count from `source`.
    case countConflict(source: String, count: Int, flag: Int)

    public var description: String {
        switch self {
        case .unreadable(let argument):
            return "--partition \(argument): expected K/N (part K of N, numbered from 0, e.g. 0/4) or auto."
        case .badCount(let argument, let count):
            return "--partition \(argument): the number of parts is \(count) but must be at least 1."
        case .indexOutOfRange(let argument, let index, let count):
            return "--partition \(argument): part \(index) does not exist; \(count) part\(count == 1 ? " is" : "s are") numbered 0...\(count - 1) (as Slurm array and Kubernetes completion indices from 0)."
        case .noEngine(let help):
            return "--partition auto: no job array found in the environment (\(help.joined(separator: "; "))); run it as a task of a job array or pass --partition K/N."
        case .severalEngines(let found):
            return "--partition auto: more than one scheduler's variables are set (\(found.joined(separator: ", "))); pass --partition K/N."
        case .badVariable(let engine, let variable, let value):
            return "--partition auto: \(engine) variable \(variable)=\"\(value)\" is not a non-negative integer."
        case .incompleteEnvironment(let engine, let problem):
            return "--partition auto: \(engine): \(problem)."
        case .slurmNotARange(let id, let min, let max, let step, let count):
            return "--partition auto: Slurm task \(id) of an array with min \(min), max \(max.map(String.init) ?? "unset"), step \(step) and \(count) task(s) cannot be numbered 0...\(count - 1); submit one range (--array=0-\(count - 1) or a-b:step) or pass --partition K/N."
        case .countConflict(let source, let count, let flag):
            return "--partition-count \(flag) disagrees with \(source) (\(count) parts); drop --partition-count or make them equal."
        }
    }
}
