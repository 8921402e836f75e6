import ArgumentParser
import Foundation
import SRBench
import SRCommandLine
import SRMetrics
import SRReports

/// `bench score`: a model on datasets × scales under a named protocol.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score a model on SR test sets with PSNR and SSIM, the way published tables do.",
        discussion: """
            Protocols (every setting can be overridden by the flags below):
              srcnn    Reproduces the published bicubic rows (SRCNN MATLAB code). HR is modcropped \
            to the scale; Y = round(rgb2ycbcr) is taken first and a grey image is used as Y \
            directly; LR = MATLAB bicubic of Y in floating point, never rounded; the model works on \
            Y; its output is rounded once to uint8; shave = scale.
              basicsr  The modern flow (BasicSR, SwinIR). HR is modcropped; LR = MATLAB bicubic \
            of the RGB HR stored as uint8; the model works in RGB; Y is computed as a float from \
            the uint8 SR and HR; a grey HR counts as three equal channels; shave = scale.

            The protocol used and every override are written into every report.

            Models: bicubic (MATLAB imresize), nearest, bilinear, pillow-bicubic, lanczos (Pillow), a \
            checkpoint file (MAT, torch.save, safetensors; a path with {scale}, e.g. model/x{scale}.mat, \
            loads one checkpoint per scale), and:
              exec:'COMMAND'  Any external model. Per dataset x scale the LR images are written as \
            8-bit PNG (<image>.png) to a temporary folder and COMMAND runs once through /bin/sh -c \
            with {input_dir}, {output_dir}, {scale} and {dataset} replaced (also set as SRKIT_INPUT_DIR, \
            SRKIT_OUTPUT_DIR, SRKIT_SCALE, SRKIT_DATASET). It must write one SR image per LR to \
            {output_dir} with the same name (suffixes _x<scale>, x<scale>, _SR, _rlt, _out are \
            accepted) and exactly the modcropped HR size. Under basicsr the PNGs are the uint8 RGB \
            LR and RGB is expected back; under srcnn they are grey PNGs of the LR luma rounded to \
            uint8 and grey is expected back (other RGB output is scored on its Y). A non-zero exit \
            shows the command's stderr; --model-timeout kills it. Example: \
            Examples/exec-plugin/pillow_bicubic.py.
              dir:PATH  Precomputed SR images, searched in PATH/<dataset>/x<scale>/, PATH/<dataset>/, \
            PATH/x<scale>/, PATH/ (first folder with a match wins), named <image> plus an optional \
            suffix as above, .png/.bmp/.tif; two candidates in one folder are an error.

            Datasets are found under --data-root in the common layouts: plain folders \
            (Set5/baby.png), BasicSR (Set5/GTmod12, Set5/LRbicx4), SelfExSR (Set5/image_SRF_4/*_HR.png), \
            DIV2K (DIV2K_valid_HR, DIV2K_valid_LR_bicubic/X4) and SRKit's shared copies.

            Reports: table (paper style), markdown, csv (header \
            model,protocol,dataset,scale,images,psnr,ssim,seconds_per_image; with --per-image an \
            image column follows scale) and json (full provenance; PSNR infinity is written "inf"). \
            Seconds per image measure the model alone (no decoding or metrics): per call for built-in \
            models, the command's wall time over its images for exec:, n/a for dir:; the JSON field \
            "timing" says which. bench check never compares timing.

            Comparing models: repeat --model (one column each, scored on the same inputs; cells equal \
            separate runs). Tables then have one column per model with the best PSNR and SSIM of each \
            row marked (* in the table, bold in markdown), csv has one row per model x cell, json lists \
            the models (bench check and bench report read it). --label names the columns. --html FILE \
            also writes a self-contained HTML report (table, protocol, PSNR-vs-time charts, sortable \
            per-image tables, zoomed-crop gallery); with --save-images several models save under \
            DIR/<model>/<dataset>/x<scale>/.

            Example:
              bench score --model bicubic --datasets set5,set14 --scales 2,3,4 --data-root ../shared/datasets
              bench score --model bicubic --model x3.mat --datasets set5 --scales 3 --html report.html
            """
    )

    @Option(name: .customLong("model"), help: "Model to score (see the list above); repeat to compare models.")
    var models: [String] = []

    @Option(name: .customLong("label"), help: "Name of the model in reports, once per --model in the same order (default: the model's own name).")
    var labels: [String] = []

    @Option(help: ArgumentHelp("Seconds an exec: command may run per dataset x scale before it is killed.", valueName: "seconds"))
    var modelTimeout: Double = ExecPlugin.defaultTimeout

    @Option(help: "Comma-separated datasets: set5, set14, bsd100, urban100, div2k.")
    var datasets: String = "set5,set14,bsd100"

    @Option(help: "Comma-separated scale factors.")
    var scales: String = "2,3,4"

    @Option(help: "Folder that holds the datasets.")
    var dataRoot: String = "../shared/datasets"

    @Option(name: .customLong("protocol"), help: "Evaluation protocol: srcnn or basicsr.")
    var protocolName: String = "srcnn"

    @Option(help: "Override: compare y (BT.601 luma) or rgb.")
    var channel: MetricOptions.Channel?

    @Option(help: "Override: border pixels removed before the metrics (default: the scale).")
    var shave: Int?

    @Flag(help: "Override: round Y to integers before the metrics.")
    var roundY = false

    @Flag(help: "Override: do not crop HR to a multiple of the scale (the HR must already be one).")
    var noModcrop = false

    @Option(help: "Override: the kernel that makes LR (e.g. matlab-bicubic, pillow-bicubic).")
    var degrade: String?

    @Option(help: "LR source: generate (from HR, per the protocol) or provided (the dataset's LR files).")
    var lr: LRSource = .generate

    @Option(help: "Output format: table, markdown, csv or json.")
    var format: ReportFormat = .table

    @Option(help: "Write the report to this file instead of standard output.")
    var output: String?

    @Flag(help: "Add one row per image.")
    var perImage = false

    @Option(help: "Save every SR image as PNG under DIR/<dataset>/x<scale>/.")
    var saveImages: String?

    @Option(help: "Folder of dataset catalog YAML files (default: Manifests/datasets of this checkout).")
    var catalog: String?

    @Option(help: ArgumentHelp("Also write a self-contained HTML report of the run to this file.", valueName: "file"))
    var html: String?

    @Option(help: ArgumentHelp("With --html: the gallery's zoom window in HR pixels (default: where the models differ most).",
                               valueName: "x,y,w,h"))
    var region: String?

    func validate() throws {
        guard !models.isEmpty else { throw ValidationError("Missing expected argument '--model <model>'") }
        guard region == nil || html != nil else { throw ValidationError("--region applies to the HTML report; add --html FILE.") }
    }

    func run() throws {
        var evaluation = try EvaluationProtocol.preset(protocolName)
        if let channel { evaluation.channel = channel }
        if let shave { evaluation.shave = shave }
        if roundY { evaluation.roundY = true }
        if noModcrop { evaluation.modcrop = false }
        if let degrade { evaluation.degradeKernel = degrade }
        let scaleList = try scales.split(separator: ",").map { s -> Int in
            guard let v = Int(s.trimmingCharacters(in: .whitespaces)), v >= 1 else {
                throw ValidationError("--scales must be positive integers, got '\(s)'.")
            }
            return v
        }
        let crop = try region.map(CropRegion.parse)
        // The HTML needs the SR images; without --save-images they live in a temporary folder.
        let temporaryImages = html != nil && saveImages == nil
            ? FileManager.default.temporaryDirectory.appendingPathComponent("srkit-report-\(UUID().uuidString)").path : nil
        defer { if let temporaryImages { try? FileManager.default.removeItem(atPath: temporaryImages) } }
        let request = ComparisonRequest(
            models: try models.map { try ModelPluginRegistry.plugin(named: $0, execTimeout: modelTimeout) }, labels: labels,
            datasets: datasets.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) },
            scales: scaleList, dataRoot: dataRoot, evaluation: evaluation, lrSource: lr,
            saveImagesDirectory: saveImages ?? temporaryImages)
        let catalog = try DatasetCatalog.locate(explicit: catalog)
        let bar = ProgressBar()
        let report = try ComparisonRunner(runner: ScoreRunner(catalog: catalog)).run(request) { label, done, total in
            bar.update(label, done, total)
        }
        bar.finish()
        let text = try format.render(report, perImage: perImage)
        if let output {
            try AtomicTextFile.write(text, to: output)
        } else {
            print(text, terminator: "")
        }
        if let html, let images = request.saveImagesDirectory {
            try HTMLReport(report: report, reportPath: output ?? "the report", imagesDirectory: images, catalog: catalog,
                           dataRoot: dataRoot, region: crop).write(to: html)
        }
    }
}

extension MetricOptions.Channel: ExpressibleByArgument {}
extension LRSource: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {}
