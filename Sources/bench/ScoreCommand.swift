import ArgumentParser
import Foundation
import SRBench
import SRCommandLine
import SRFetch
import SRMetrics
import SRPartition
import SRReports

/// `bench score`: a model on datasets × scales under a named protocol.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score a model on SR test sets with PSNR and SSIM, the way published tables do.",
        discussion: """
            Protocols (every setting can be overridden by the flags below):
              srcnn    Reproduces the published bicubic rows (SRCNN MATLAB code). HR is modcropped \
            to the scale; Y = round(rgb2ycbcr) is taken first and a one-channel image is used as Y \
            directly; LR = MATLAB bicubic of Y in floating point, never rounded; the model works on \
            Y; its output is rounded once to uint8; shave = scale.
              basicsr  The modern flow (BasicSR, SwinIR). HR is modcropped; LR = MATLAB bicubic \
            of the RGB HR stored as uint8; the model works in RGB; Y is computed as a float from \
            the uint8 SR and HR; a one-channel image counts as three equal channels; shave = scale.
              selfexsr SelfExSR (CVPR 2015) and the A+ era. HR is modcropped (a no-op on SelfExSR's \
            own files); the model works on the stored channels of the uint8 LR (SelfExSR's _LR.png \
            with --lr provided; generated: MATLAB bicubic on uint8); Y = round(rgb2ycbcr) of the \
            uint8 SR and HR; a one-channel image is used as Y directly; shave = scale. \
            `--model bicubic-uint8 --lr provided --protocol selfexsr --data-root SelfExSR/` prints \
            SelfExSR's published Bicubic column.

            Grey images, one rule for HR, LR and SR alike: an image is grey when its file stores \
            one channel (a one-channel PNG, BMP, TIFF or JPEG), never because its values are equal. \
            An RGB file with equal channels (Set14 man) is RGB and its Y is rgb2ycbcr of R, G, B; a \
            one-channel file is used as Y (srcnn, selfexsr) or as R = G = B (basicsr). Under srcnn \
            a one-channel SR is the model's Y and an RGB SR is scored on its Y.

            The protocol used and every override are written into every report.

            Models: bicubic (MATLAB imresize), bicubic-uint8 (MATLAB imresize on uint8, rounded \
            after each pass), nearest, bilinear, pillow-bicubic, lanczos (Pillow), a checkpoint \
            file (MAT, torch.save, safetensors; a path with {scale}, e.g. model/x{scale}.mat, \
            loads one checkpoint per scale), and:
              exec:'COMMAND'  Any external model. Per dataset x scale the LR images are written as \
            8-bit PNG (<image>.png) to a temporary folder and COMMAND runs once through /bin/sh -c \
            with {input_dir}, {output_dir}, {scale} and {dataset} replaced (also set as SRKIT_INPUT_DIR, \
            SRKIT_OUTPUT_DIR, SRKIT_SCALE, SRKIT_DATASET). It must write one SR image per LR to \
            {output_dir}, named as for dir: below, of exactly the modcropped HR size. Under basicsr \
            and selfexsr the PNGs are the uint8 LR with the channels the grey rule gives; under \
            srcnn they are one-channel PNGs of the LR luma rounded to uint8 and one-channel output \
            is expected (RGB output is scored on its Y). A non-zero exit shows the command's \
            stderr; --model-timeout kills it. Example: Examples/exec-plugin/pillow_bicubic.py.
              dir:PATH[#METHOD]  Precomputed SR images, released result folders included, searched \
            in PATH/<dataset>/<scale>/, PATH/<dataset>/, PATH/<scale>/, PATH/ (first folder with a \
            match wins; dataset folders Set5, B100, ...; scale folders x4 or image_SRF_4; any case). \
            Names: plain (baby.png), suffix (baby_x4.png, baby_SR.png, baby_rlt.png, \
            baby_x4_SR.png, baby_SwinIR.png, baby_EDSR_x4.png), div2k (0801x4.png) and selfexsr \
            (img_001_SRF_4_SRCNN.png), with the image's catalogue aliases (SelfExSR's img_001 is \
            Set5 baby); .png/.bmp/.tif. A folder holding several methods (SelfExSR's bicubic, \
            SRCNN, A+, ...) needs #METHOD (any case); an unknown method lists the ones present; two \
            files of one method are an error.

            Datasets are found under --data-root in the common layouts: plain folders \
            (Set5/baby.png), BasicSR (Set5/GTmod12, Set5/LRbicx4), SelfExSR's data/ tree \
            (Set5/image_SRF_4/img_001_SRF_4_HR.png, _LR.png), DIV2K (DIV2K_valid_HR, \
            DIV2K_valid_LR_bicubic/X4) and SRKit's shared copies.

            Reports: table (paper style), markdown, csv (header \
            model,protocol,dataset,scale,images,psnr,ssim,seconds_per_image; with --per-image an \
            image column follows scale) and json (full provenance; PSNR infinity is written "inf"). \
            Seconds per image measure the model alone (no decoding or metrics): for built-in and \
            native models each call, with model calls run one at a time so each has the machine's \
            cores (other images' decoding and metrics overlap) and the per-image seconds never sum \
            to more than the run; for exec: the command's wall time over its images; n/a for dir:. \
            The JSON fields "timing" and modelDetails.timing say which. bench check never compares timing.

            Comparing models: repeat --model (one column each, scored on the same inputs; cells equal \
            separate runs). Tables then have one column per model with the best PSNR and SSIM of each \
            row marked (* in the table, bold in markdown), csv has one row per model x cell, json lists \
            the models (bench check and bench report read it). --label names the columns. --html FILE \
            also writes a self-contained HTML report (table, protocol, PSNR-vs-time charts, sortable \
            per-image tables, zoomed-crop gallery); with --save-images several models save under \
            DIR/<model>/<dataset>/x<scale>/.

            On a cluster, --partition K/N (or auto: Slurm array / Kubernetes Indexed Job, see prep run) \
            scores only part K of the (dataset, image) pairs, at every scale, and needs --format json \
            --output PART.json; bench merge joins the parts into the report one run writes \
            (Docs/partitioning.md).

            Examples:
              bench score --model bicubic --datasets set5,set14 --scales 2,3,4 --data-root ../shared/datasets
              bench score --model bicubic-uint8 --lr provided --protocol selfexsr --data-root ../shared/datasets/SelfExSR
              bench score --model dir:results/SelfExSR#SRCNN --protocol selfexsr --data-root ../shared/datasets/SelfExSR
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

    @Option(help: "Folder that holds the datasets (default: SRKIT_DATA, else ../shared/datasets beside the checkout, else ~/.cache/srkit/datasets).")
    var dataRoot: String?

    /// --data-root as given, else the shared data root (SRFetch.DataRoot).
    var root: String { dataRoot ?? DataRoot.resolve(explicit: nil).path }

    @Option(name: .customLong("protocol"), help: "Evaluation protocol: \(EvaluationProtocol.names.joined(separator: ", ")).")
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

    @Option(help: "LR source: generate (from HR, per the protocol) or provided (the dataset's LR files: BasicSR LRbicx4, SelfExSR _LR.png, DIV2K X4).")
    var lr: LRSource = .generate

    @OptionGroup var reportOutput: ReportOutputOptions

    @Option(help: ArgumentHelp("Save every SR image as scored, as PNG under DIR (named as --save-naming says); dir:DIR scores them again identically.", valueName: "DIR"))
    var saveImages: String?

    @Option(help: ArgumentHelp("Names for --save-images: plain (DIR/<dataset>/x<scale>/<image>.png) or selfexsr (DIR/<Set>/image_SRF_<s>/img_NNN_SRF_<s>_<Method>.png).", valueName: "plain|selfexsr"))
    var saveNaming: String = "plain"

    @Option(help: ArgumentHelp("The <Method> in selfexsr names (default: the model's name, e.g. bicubic-uint8, srcnn-9-5-5).", valueName: "NAME"))
    var saveMethod: String?

    @Option(help: "Folder of dataset catalog YAML files (default: Manifests/datasets of this checkout).")
    var catalog: String?

    @Option(help: ArgumentHelp("Also write a self-contained HTML report of the run to this file.", valueName: "file"))
    var html: String?

    @Option(help: ArgumentHelp("With --html: the gallery's zoom window in HR pixels (default: where the models differ most).",
                               valueName: "x,y,w,h"))
    var region: String?

    @Option(help: ArgumentHelp("Score only part K of N (from 0) of the (dataset, image) pairs and write a partial report for bench merge; auto: from a Slurm array or Kubernetes Indexed Job.", valueName: "K/N|auto"))
    var partition: String?

    @Option(help: ArgumentHelp("The number of parts for --partition auto where the scheduler does not publish it (Kubernetes; else SRKIT_PARTITION_COUNT).", valueName: "N"))
    var partitionCount: Int?

    func validate() throws {
        if partition != nil {
            guard reportOutput.format == .json, reportOutput.output != nil else { throw ValidationError("--partition writes a partial report for bench merge; add --format json --output PART.json.") }
            guard html == nil else { throw ValidationError("--html needs the whole run; write it from the merged report (bench merge, then bench report).") }
        }
        if partitionCount != nil, partition == nil { throw ValidationError("--partition-count needs --partition (auto or K/N).") }
        guard !models.isEmpty else { throw ValidationError("Missing expected argument '--model <model>'") }
        guard region == nil || html != nil else { throw ValidationError("--region applies to the HTML report; add --html FILE.") }
        // The report reads the saved images back by their plain names.
        guard html == nil || saveNaming == "plain" else {
            throw ValidationError("--html reads the SR images under plain names; drop --save-naming \(saveNaming) or save a second run for the report.")
        }
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
            scales: scaleList, dataRoot: root, evaluation: evaluation, lrSource: lr,
            saveImagesDirectory: saveImages ?? temporaryImages, saveNaming: saveNaming, saveMethod: saveMethod)
        var catalog = try DatasetCatalog.locate(explicit: catalog)
        // A part scores its share only: the request's datasets and the catalogue cut down to it.
        let part = try partition.map { argument -> BenchPartition in
            let spec = try PartitionArgument.parse(argument).resolve(count: partitionCount, environment: ProcessInfo.processInfo.environment)
            return try BenchPartition.make(catalog: catalog, datasets: request.datasets, spec: spec)
        }
        var scored = request
        if let part {
            scored.datasets = part.datasets
            catalog = part.restrict(catalog)
        }
        let bar = ProgressBar()
        let report = try ComparisonRunner(runner: ScoreRunner(catalog: catalog)).run(scored) { label, done, total in
            bar.update(label, done, total)
        }
        bar.finish()
        if let part, let output = reportOutput.output {
            let data = try BenchPart(partition: part, scales: scaleList, dataRoot: root, report: report).jsonData()
            try AtomicTextFile.write(String(decoding: data, as: UTF8.self) + "\n", to: output)
            return
        }
        try reportOutput.write(report)
        if let html, let images = request.saveImagesDirectory {
            try HTMLReport(report: report, reportPath: reportOutput.output ?? "the report", imagesDirectory: images, catalog: catalog,
                           dataRoot: root, region: crop).write(to: html)
        }
    }
}

extension MetricOptions.Channel: ExpressibleByArgument {}
extension LRSource: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {}
