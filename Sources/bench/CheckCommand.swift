import ArgumentParser
import SRBench

/// `bench check`: fails when a report moved against its committed baseline.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Compare a JSON report with a baseline; exit 1 if any cell moved beyond tolerance.",
        discussion: """
            Every cell (dataset x scale, PSNR and SSIM) that differs from the baseline by more than \
            the tolerance is listed, improvements included, so baselines only change on purpose: \
            regenerate them with `bench score --format json --output FILE`.

            Reports and baselines may hold several models (bench score with repeated --model); \
            --baseline can be repeated, and the baselines' models are pooled: every model must be in \
            both, and each is compared with its namesake. Findings then start with the model's name.

            Example:
              bench check report.json --baseline Manifests/baselines/bicubic-srcnn.json
              bench check comparison.json --baseline Manifests/baselines/bicubic-srcnn.json --baseline Manifests/baselines/lanczos-srcnn.json
            """
    )

    @Argument(help: "Report written by `bench score --format json`.")
    var report: String

    @Option(name: .customLong("baseline"), help: "Baseline report to compare with (repeatable).")
    var baselines: [String] = []

    @Option(help: "Largest accepted PSNR change, dB.")
    var toleranceDb: Double = 0.005

    @Option(help: "Largest accepted SSIM change.")
    var toleranceSsim: Double = 0.0005

    func validate() throws {
        guard !baselines.isEmpty else { throw ValidationError("Missing expected argument '--baseline <baseline>'") }
    }

    func run() throws {
        let check = ComparisonCheck(check: BaselineCheck(toleranceDB: toleranceDb, toleranceSSIM: toleranceSsim))
        let findings = try check.compare(try ComparisonReport.read(from: report),
                                         baselines: try baselines.map { ($0, try ComparisonReport.read(from: $0)) })
        let baseline = baselines.joined(separator: ", ")
        guard findings.isEmpty else {
            print("\(report) differs from \(baseline) in \(findings.count) place(s):")
            for f in findings { print("  \(f)") }
            throw ExitCode(1)
        }
        print("\(report) matches \(baseline) within \(toleranceDb) dB and \(toleranceSsim) SSIM.")
    }
}
