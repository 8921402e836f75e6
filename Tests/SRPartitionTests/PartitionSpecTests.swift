import SRPartition
import XCTest

/// `--partition K/N|auto` and `--partition-count`: parsing, the engines' environments, and the
/// full text of every refusal.
final class PartitionSpecTests: XCTestCase {
    func message(_ body: () throws -> Any) -> String {
        do {
            _ = try body()
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    func testExplicitParts() throws {
        XCTAssertEqual(try PartitionSpec.parse("0/4"), try PartitionSpec(index: 0, count: 4))
        XCTAssertEqual(try PartitionSpec.parse("3/4").index, 3)
        XCTAssertEqual(try PartitionSpec.parse("0/1").isWhole, true)
        XCTAssertEqual(try PartitionArgument.parse("2/7"), .explicit(try PartitionSpec(index: 2, count: 7)))
        XCTAssertEqual(try PartitionArgument.parse("auto"), .auto)
    }

    func testBadExplicitPartsAreRefusedWithTheFix() {
        XCTAssertEqual(message { try PartitionSpec.parse("4/4") },
                       "--partition 4/4: part 4 does not exist; 4 parts are numbered 0...3 (as Slurm array and Kubernetes completion indices from 0).")
        XCTAssertEqual(message { try PartitionSpec.parse("0/0") },
                       "--partition 0/0: the number of parts is 0 but must be at least 1.")
        XCTAssertEqual(message { try PartitionSpec.parse("-1/4") },
                       "--partition -1/4: part -1 does not exist; 4 parts are numbered 0...3 (as Slurm array and Kubernetes completion indices from 0).")
        for text in ["1of4", "1/", "/4", "a/b", "1/4/2", "+1/4", " 1/4", ""] {
            XCTAssertEqual(message { try PartitionArgument.parse(text) },
                           "--partition \(text): expected K/N (part K of N, numbered from 0, e.g. 0/4) or auto.", text)
        }
        XCTAssertEqual(message { try PartitionArgument.explicit(try PartitionSpec.parse("1/4")).resolve(count: 8, environment: [:]) },
                       "--partition-count 8 disagrees with --partition 1/4 (4 parts); drop --partition-count or make them equal.")
    }

    func testAutoWithoutAnEngine() {
        XCTAssertEqual(message { try PartitionArgument.auto.resolve(environment: ["HOME": "/root"]) },
                       "--partition auto: no job array found in the environment (Slurm: SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT, set in an sbatch --array job; Kubernetes: JOB_COMPLETION_INDEX in an Indexed Job, with the count from --partition-count or SRKIT_PARTITION_COUNT); run it as a task of a job array or pass --partition K/N.")
    }

    func testSlurmArrays() throws {
        // What sbatch --array=0-3 sets for task 2 (read off slurmd 22.05 here).
        let base = ["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "4", "SLURM_ARRAY_TASK_MIN": "0",
                    "SLURM_ARRAY_TASK_MAX": "3", "SLURM_ARRAY_TASK_STEP": "1", "SLURM_ARRAY_JOB_ID": "17"]
        XCTAssertEqual(try PartitionArgument.auto.resolve(environment: base), try PartitionSpec(index: 2, count: 4))
        // --array=1-4: task 1 is part 0.
        var shifted = base
        shifted["SLURM_ARRAY_TASK_ID"] = "1"; shifted["SLURM_ARRAY_TASK_MIN"] = "1"; shifted["SLURM_ARRAY_TASK_MAX"] = "4"
        XCTAssertEqual(try PartitionArgument.auto.resolve(environment: shifted), try PartitionSpec(index: 0, count: 4))
        // --array=2-10:4 (2, 6, 10): task 6 is part 1 of 3.
        let stepped = ["SLURM_ARRAY_TASK_ID": "6", "SLURM_ARRAY_TASK_COUNT": "3", "SLURM_ARRAY_TASK_MIN": "2",
                       "SLURM_ARRAY_TASK_MAX": "10", "SLURM_ARRAY_TASK_STEP": "4"]
        XCTAssertEqual(try PartitionArgument.auto.resolve(environment: stepped), try PartitionSpec(index: 1, count: 3))
        XCTAssertEqual(try PartitionArgument.auto.resolve(count: 4, environment: base).count, 4)
        XCTAssertEqual(message { try PartitionArgument.auto.resolve(count: 5, environment: base) },
                       "--partition-count 5 disagrees with SLURM_ARRAY_TASK_COUNT (4 parts); drop --partition-count or make them equal.")
    }

    func testSlurmArraysThatAreNotOneRange() {
        // --array=3,5,9: Slurm sets MIN 3, MAX 9, STEP 1, COUNT 3 (read off slurmd 22.05 here).
        let list = ["SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_COUNT": "3", "SLURM_ARRAY_TASK_MIN": "3",
                    "SLURM_ARRAY_TASK_MAX": "9", "SLURM_ARRAY_TASK_STEP": "1"]
        XCTAssertEqual(message { try PartitionArgument.auto.resolve(environment: list) },
                       "--partition auto: Slurm task 5 of an array with min 3, max 9, step 1 and 3 task(s) cannot be numbered 0...2; submit one range (--array=0-2 or a-b:step) or pass --partition K/N.")
        XCTAssertEqual(message { try PartitionArgument.auto.resolve(environment: ["SLURM_ARRAY_TASK_ID": "1"]) },
                       "--partition auto: Slurm: SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not (Slurm before 17.11?); pass --partition K/N.")
        XCTAssertEqual(message { try PartitionArgument.auto.resolve(environment: ["SLURM_ARRAY_TASK_ID": "x", "SLURM_ARRAY_TASK_COUNT": "2"]) },
                       "--partition auto: Slurm variable SLURM_ARRAY_TASK_ID=\"x\" is not a non-negative integer.")
    }

    func testKubernetesIndexedJobs() throws {
        XCTAssertEqual(try PartitionArgument.auto.resolve(environment: ["JOB_COMPLETION_INDEX": "3", "SRKIT_PARTITION_COUNT": "8"]),
                       try PartitionSpec(index: 3, count: 8))
        XCTAssertEqual(try PartitionArgument.auto.resolve(count: 8, environment: ["JOB_COMPLETION_INDEX": "7"]),
                       try PartitionSpec(index: 7, count: 8))
        XCTAssertEqual(message { try PartitionArgument.auto.resolve(environment: ["JOB_COMPLETION_INDEX": "0"]) },
                       "--partition auto: Kubernetes: JOB_COMPLETION_INDEX is set but not the number of parts, which Kubernetes does not publish; pass --partition-count N (the Job's completions) or set SRKIT_PARTITION_COUNT.")
        XCTAssertEqual(message { try PartitionArgument.auto.resolve(environment: ["JOB_COMPLETION_INDEX": "8", "SRKIT_PARTITION_COUNT": "8"]) },
                       "--partition JOB_COMPLETION_INDEX=8: part 8 does not exist; 8 parts are numbered 0...7 (as Slurm array and Kubernetes completion indices from 0).")
        XCTAssertEqual(message { try PartitionArgument.auto.resolve(count: 4, environment: ["JOB_COMPLETION_INDEX": "1", "SRKIT_PARTITION_COUNT": "8"]) },
                       "--partition-count 4 disagrees with SRKIT_PARTITION_COUNT (8 parts); drop --partition-count or make them equal.")
        XCTAssertEqual(message { try PartitionArgument.auto.resolve(environment: ["JOB_COMPLETION_INDEX": "1", "SRKIT_PARTITION_COUNT": "2",
                                                                                  "SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_COUNT": "2"]) },
                       "--partition auto: more than one scheduler's variables are set (Slurm says 0/2, Kubernetes says 1/2); pass --partition K/N.")
    }
}
