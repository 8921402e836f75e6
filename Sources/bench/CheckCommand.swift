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

            Example:
              bench check report.json --baseline Manifests/baselines/bicubic-srcnn.json
            """
    )

    @Argument(help: "Report written by `bench score --format json`.")
    var report: String

    @Option(help: "Baseline report to compare with.")
    var baseline: String

    @Option(help: "Largest accepted PSNR change, dB.")
    var toleranceDb: Double = 0.005

    @Option(help: "Largest accepted SSIM change.")
    var toleranceSsim: Double = 0.0005

    func run() throws {
        let check = BaselineCheck(toleranceDB: toleranceDb, toleranceSSIM: toleranceSsim)
        let findings = check.compare(try ScoreReport.read(from: report), baseline: try ScoreReport.read(from: baseline))
        guard findings.isEmpty else {
            print("\(report) differs from \(baseline) in \(findings.count) place(s):")
            for f in findings { print("  \(f)") }
            throw ExitCode(1)
        }
        print("\(report) matches \(baseline) within \(toleranceDb) dB and \(toleranceSsim) SSIM.")
    }
}
