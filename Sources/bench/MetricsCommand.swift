import ArgumentParser
import Foundation
import SRCommandLine
import SRImage
import SRMetrics

/// `bench metrics SR HR`: the metrics of one SR image against its reference.
struct MetricsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Print PSNR and SSIM of one SR image against its reference image.",
        discussion: """
            PSNR = 10 log10(255^2 / MSE) in dB, one MSE over all compared samples, in float64. \
            SSIM follows Wang et al. (MATLAB ssim_index, BasicSR calculate_ssim): 11x11 Gaussian \
            window, sigma 1.5, K1 0.01, K2 0.03, L 255, valid region only, mean of the map; with \
            --channel rgb, the mean of the per-channel values. SSIM needs at least 11x11 pixels \
            after the shave.

            The defaults are BasicSR's Y-channel test (calculate_psnr/calculate_ssim with \
            test_y_channel=True): Y as an unrounded float, grey images through RGB, no shave. For \
            the SRCNN MATLAB protocol use --round-y --gray use-as-y --shave SCALE.

            Text output is one line: `PSNR 33.6612 dB  SSIM 0.929912`. With --json, one object \
            with sorted keys: "psnr" and "ssim" as numbers, "options" (channel, gray, round_y, \
            shave), "image" and "reference". JSON has no infinity, so the PSNR of identical \
            images is written as the string "inf" (and printed as `inf` in text).

            Examples:
              bench metrics sr.png hr.png --shave 4
              bench metrics sr.png hr.png --channel rgb --json
            """
    )

    @Argument(help: "The SR (test) image: PNG, JPEG, TIFF or BMP, grey or RGB.")
    var image: String

    @Argument(help: "The reference (ground truth) image, same size and channels as the SR image.")
    var reference: String

    @Option(help: ArgumentHelp("Compare y (BT.601 luma, MATLAB rgb2ycbcr) or rgb (the stored channels).",
                               valueName: "y|rgb"))
    var channel: MetricOptions.Channel = .y

    @Option(help: ArgumentHelp("Pixels removed from every side of both images first; SR papers shave the scale factor.",
                               valueName: "pixels"))
    var shave: Int = 0

    @Flag(help: "With --channel y: round Y to integers first (MATLAB rgb2ycbcr on uint8, the SRCNN protocol).")
    var roundY = false

    @Option(help: ArgumentHelp(
        "With --channel y: how a grey image becomes Y (through-rgb: Y = 16 + 219 v/255, as BasicSR; use-as-y: unchanged, as the SRCNN code).",
        valueName: "use-as-y|through-rgb"))
    var gray: YCbCr.GrayHandling = .throughRGB

    @Option(help: ArgumentHelp("Comma-separated metrics to compute, in output order.", valueName: "names"))
    var metrics: String = MetricRegistry.standard.names.joined(separator: ",")

    @Flag(help: "Print one JSON object instead of a line of text.")
    var json = false

    func run() throws {
        let options = MetricOptions(shave: shave, channel: channel, roundY: roundY, grayHandling: gray)
        let names = metrics.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let report = try MetricsReport(
            image: ImageDecoder.decode(contentsOf: image), reference: ImageDecoder.decode(contentsOf: reference),
            options: options, metrics: MetricRegistry.standard.metrics(named: names),
            imageLabel: image, referenceLabel: reference)
        print(json ? try report.json() : report.text)
    }
}

extension YCbCr.GrayHandling: ExpressibleByArgument {}
