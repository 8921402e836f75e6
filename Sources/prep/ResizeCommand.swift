import ArgumentParser
import SRImage

/// `prep resize IN OUT (--scale S | --size WxH) --kernel NAME`.
struct ResizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resize",
        abstract: "Resize one image with a MATLAB- or Pillow-exact kernel.",
        discussion: """
            Kernels:
              matlab-bicubic        MATLAB imresize(..., 'bicubic'): Keys cubic a=-0.5, antialiased \
            when shrinking, symmetric borders, computed in floating point and rounded once at the \
            end (MATLAB on double input, BasicSR's imresize). The usual way SR papers make LR images.
              matlab-bicubic-uint8  The same, but rounded and clipped after each 1-D pass, as MATLAB \
            does when given a uint8 image.
              pillow-bicubic, pillow-bilinear, pillow-lanczos, nearest
                                    Identical to Pillow's Image.resize with BICUBIC, BILINEAR, \
            LANCZOS or NEAREST, fixed-point rounding included.

            With --scale the output is ceil(input * S) on each side (MATLAB's rule); with --size \
            it is exactly W x H. The output format follows OUT's extension (.png, .jpg, .bmp, .tif).

            Examples:
              prep resize butterfly.png lr.png --scale 0.25 --kernel matlab-bicubic
              prep resize face.png small.png --size 64x64 --kernel pillow-bicubic
            """
    )

    @Argument(help: "The image to resize (PNG, JPEG, TIFF or BMP).")
    var input: String

    @Argument(help: "Where to write the result; the extension picks the format.")
    var output: String

    @Option(help: "Scale factor applied to both sides, e.g. 0.25 to shrink by 4 or 3 to enlarge by 3.")
    var scale: Double?

    @Option(help: ArgumentHelp("Exact output size, width x height.", valueName: "WxH"))
    var size: OutputSize?

    @Option(help: "Resampling kernel (see the list above).")
    var kernel: String = "matlab-bicubic"

    func validate() throws {
        switch (scale, size) {
        case (nil, nil): throw ValidationError("Give either --scale S or --size WxH.")
        case (.some, .some): throw ValidationError("Give only one of --scale and --size.")
        case let (s?, nil) where !(s > 0 && s.isFinite): throw ValidationError("--scale must be a positive number, got \(s).")
        default: break
        }
    }

    func run() throws {
        let resampler = try ResamplerRegistry.standard.resampler(named: kernel)
        let target: ResizeTarget = if let scale { .scale(scale) } else { .size(width: size!.width, height: size!.height) }
        let image = try ImageDecoder.decode(contentsOf: input)
        let result = try resampler.resize(image, to: target)
        try ImageEncoder.write(result, to: output)
        print("\(output): \(result.width)x\(result.height), \(result.channels) channel(s), \(resampler.name)")
    }
}

/// `WxH` on the command line, e.g. `64x48`.
struct OutputSize: ExpressibleByArgument {
    let width: Int
    let height: Int

    init?(argument: String) {
        let parts = argument.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), w > 0, h > 0 else { return nil }
        (width, height) = (w, h)
    }
}
