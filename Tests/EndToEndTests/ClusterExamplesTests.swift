import Foundation
import SRTestSupport
import XCTest
import Yams

/// Checks the cluster examples for what the engines need, since no Kubernetes cluster runs here
/// (the Slurm ones also run for real in .ci/slurm-examples.sh).
final class ClusterExamplesTests: XCTestCase {
    var examples: URL { SharedData.repositoryRoot.appendingPathComponent("Examples") }

    /// Every YAML document of `file`, as dictionaries.
    func documents(_ file: String) throws -> [[String: Any]] {
        let text = try String(contentsOf: examples.appendingPathComponent("kubernetes/\(file)"), encoding: .utf8)
        return try Yams.load_all(yaml: text).map { try XCTUnwrap($0 as? [String: Any], file) }
    }

    func container(_ job: [String: Any]) throws -> [String: Any] {
        let spec = try XCTUnwrap(job["spec"] as? [String: Any])
        let pod = try XCTUnwrap((spec["template"] as? [String: Any])?["spec"] as? [String: Any])
        XCTAssertEqual(pod["restartPolicy"] as? String, "Never", "a Job's pods must not restart in place")
        let containers = try XCTUnwrap(pod["containers"] as? [[String: Any]])
        XCTAssertEqual(containers.count, 1)
        return containers[0]
    }

    /// The command line of a container, joined.
    func commandLine(_ c: [String: Any]) -> String {
        (((c["command"] as? [String]) ?? []) + ((c["args"] as? [String]) ?? [])).joined(separator: " ")
    }

    /// An Indexed Job whose pods run `--partition auto` with SRKIT_PARTITION_COUNT = completions.
    func checkIndexedJob(_ job: [String: Any], tool: String, file: StaticString = #filePath, line: UInt = #line) throws -> (count: Int, command: String) {
        XCTAssertEqual(job["apiVersion"] as? String, "batch/v1", file: file, line: line)
        XCTAssertEqual(job["kind"] as? String, "Job", file: file, line: line)
        let spec = try XCTUnwrap(job["spec"] as? [String: Any])
        XCTAssertEqual(spec["completionMode"] as? String, "Indexed", "JOB_COMPLETION_INDEX is set only in Indexed mode", file: file, line: line)
        let completions = try XCTUnwrap(spec["completions"] as? Int)
        XCTAssertNotNil(spec["parallelism"])
        let c = try container(job)
        let env = try XCTUnwrap(c["env"] as? [[String: Any]])
        let count = env.first { $0["name"] as? String == "SRKIT_PARTITION_COUNT" }?["value"] as? String
        XCTAssertEqual(count, String(completions), "SRKIT_PARTITION_COUNT must equal completions (Kubernetes does not publish it)", file: file, line: line)
        let command = commandLine(c)
        XCTAssertTrue(command.hasPrefix("sh -c \(tool) "), command, file: file, line: line)
        XCTAssertTrue(command.contains("--partition auto"), command, file: file, line: line)
        XCTAssertTrue(command.contains("$(JOB_COMPLETION_INDEX)"), "each index writes its own part", file: file, line: line)
        XCTAssertNotNil(c["image"])
        XCTAssertNotNil(c["volumeMounts"], "parts go to a volume all pods and the merge share", file: file, line: line)
        return (completions, command)
    }

    func testPrepIndexedJobAndMergeJob() throws {
        let job = try documents("prep-indexed-job.yaml")
        XCTAssertEqual(job.count, 1)
        let (_, command) = try checkIndexedJob(job[0], tool: "prep run")
        XCTAssertTrue(command.contains("--output /data/parts/t91/part-$(JOB_COMPLETION_INDEX)"), command)
        XCTAssertTrue(command.contains("--force"), "a retried index replaces its own partial output")
        let merge = try documents("prep-merge-job.yaml")
        XCTAssertEqual(merge.count, 1)
        XCTAssertEqual(merge[0]["kind"] as? String, "Job")
        XCTAssertNil((merge[0]["spec"] as? [String: Any])?["completionMode"])
        XCTAssertEqual(commandLine(try container(merge[0])), "prep merge /data/parts/t91 --output /data/shards/t91 --force --quiet")
    }

    func testBenchIndexedJobAndMergeJob() throws {
        let docs = try documents("bench-indexed-job.yaml")
        XCTAssertEqual(docs.count, 2)
        let (_, command) = try checkIndexedJob(docs[0], tool: "bench score")
        XCTAssertTrue(command.contains("--format json --output /data/bench/part-$(JOB_COMPLETION_INDEX).json"), command)
        let limits = (try container(docs[0])["resources"] as? [String: Any])?["limits"] as? [String: Any]
        XCTAssertEqual(limits?["nvidia.com/gpu"] as? Int, 1, "one GPU per pod for an exec: model")
        XCTAssertEqual(commandLine(try container(docs[1])), "sh -c bench merge /data/bench/part-*.json --format json --output /data/bench/report.json")
    }

    /// The sbatch scripts parse (bash -n), read the part from the array and chain the merge.
    func testSlurmScripts() throws {
        let slurm = examples.appendingPathComponent("slurm")
        for name in ["prep-array.sbatch", "prep-merge.sbatch", "bench-array.sbatch", "bench-merge.sbatch", "submit.sh", "local-cluster.sh"] {
            let r = try CommandRunner.runShell("bash -n '\(slurm.appendingPathComponent(name).path)'")
            XCTAssertEqual(r.status, 0, name + r.stderr)
        }
        let prep = try String(contentsOf: slurm.appendingPathComponent("prep-array.sbatch"), encoding: .utf8)
        XCTAssertTrue(prep.contains("SRKIT_PARTITION:-auto"))
        let bench = try String(contentsOf: slurm.appendingPathComponent("bench-array.sbatch"), encoding: .utf8)
        XCTAssertTrue(bench.contains("--gres=gpu:1"))
        let submit = try String(contentsOf: slurm.appendingPathComponent("submit.sh"), encoding: .utf8)
        XCTAssertEqual(submit.components(separatedBy: "--dependency=afterok:\"${array%%;*}\"").count - 1, 2, "both merges wait for their array")
    }
}
