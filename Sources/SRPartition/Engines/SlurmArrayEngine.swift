/// Slurm job arrays (`sbatch --array=0-3`): `SLURM_ARRAY_TASK_ID` and `SLURM_ARRAY_TASK_COUNT`.
///
/// The part is `(SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN) / SLURM_ARRAY_TASK_STEP`, so arrays
/// that do not start at 0 (`--array=1-4`) or step (`--array=0-30:10`) work. The indices must form
/// one range: Slurm sets the same MIN, MAX and COUNT for `--array=1,3,9`, whose tasks cannot be
/// numbered 0..<COUNT from the environment alone, so such an array is refused.
public struct SlurmArrayEngine: PartitionEngine {
    public init() {}

    public var name: String { "Slurm" }

    public var variablesHelp: String { "SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT, set in an sbatch --array job" }

    public func detect(environment: [String: String], count: Int?) throws -> PartitionSpec? {
        guard let id = try integer("SLURM_ARRAY_TASK_ID", in: environment) else { return nil }
        guard let total = try integer("SLURM_ARRAY_TASK_COUNT", in: environment) else {
            throw PartitionError.incompleteEnvironment(engine: name, problem: "SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not (Slurm before 17.11?); pass --partition K/N")
        }
        let min = try integer("SLURM_ARRAY_TASK_MIN", in: environment) ?? 0
        let step = try integer("SLURM_ARRAY_TASK_STEP", in: environment) ?? 1
        let max = try integer("SLURM_ARRAY_TASK_MAX", in: environment)
        let contiguous = step >= 1 && id >= min && (id - min) % step == 0 && (max.map { ($0 - min) % step == 0 && ($0 - min) / step + 1 == total } ?? true)
        guard contiguous, total >= 1, (id - min) / step < total else {
            throw PartitionError.slurmNotARange(id: id, min: min, max: max, step: step, count: total)
        }
        let spec = try PartitionSpec(index: (id - min) / step, count: total, argument: "SLURM_ARRAY_TASK_ID=\(id)")
        if let count, count != total { throw PartitionError.countConflict(source: "SLURM_ARRAY_TASK_COUNT", count: total, flag: count) }
        return spec
    }
}
