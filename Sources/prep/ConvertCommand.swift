import ArgumentParser
import SRCommandLine
import SRImage

/// `prep convert IN OUT`: decode, then encode in the format named by OUT's extension.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert an image to the format named by the output's extension.",
        discussion: """
            The input is decoded with SRKit's policy (alpha dropped, palettes expanded, 16-bit \
            reduced to 8-bit; see `prep info`) and written as PNG (.png), JPEG (.jpg, .jpeg), \
            BMP (.bmp) or TIFF (.tif, .tiff).

            Example:
              prep convert t1.bmp t1.png
              prep convert photo.png photo.jpg --jpeg-quality 90
            """
    )

    @Argument(help: "The image to convert (PNG, JPEG, TIFF or BMP).")
    var input: String

    @Argument(help: "Where to write the result; the extension picks the format.")
    var output: String

    @Option(help: "PNG zlib compression level, 0 (fastest, largest) to 9 (smallest).")
    var pngCompression: Int = 6

    @Option(help: "JPEG quality, 1 to 100.")
    var jpegQuality: Int = 95

    func validate() throws {
        guard (0...9).contains(pngCompression) else { throw ValidationError("--png-compression must be 0...9, got \(pngCompression).") }
        guard (1...100).contains(jpegQuality) else { throw ValidationError("--jpeg-quality must be 1...100, got \(jpegQuality).") }
    }

    func run() throws {
        let image = try ImageDecoder.decode(contentsOf: input)
        var options = EncodeOptions()
        options.pngCompressionLevel = pngCompression
        options.jpegQuality = jpegQuality
        try ImageEncoder.write(image, to: output, options: options)
        print("\(output): \(image.width)x\(image.height), \(image.channels) channel(s)")
    }
}
