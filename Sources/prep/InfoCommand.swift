import ArgumentParser
import SRImage

/// `prep info IN`: what is in an image file, read from its header.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show an image's format, size, channels and bit depth.",
        discussion: """
            Prints one line per file: the format detected from the bytes, width x height, the \
            colour model and bit depth stored in the file, and the channels SRKit decodes it to \
            (1 for grey, 3 for colour; alpha is dropped).

            Example:
              prep info Set14/bridge.png
              bridge.png: PNG 512x512, gray 8-bit, decodes to 1 channel
            """
    )

    @Argument(help: "One or more image files.")
    var inputs: [String]

    func run() throws {
        for path in inputs {
            let info = try ImageDecoder.info(contentsOf: path)
            let plural = info.channels == 1 ? "" : "s"
            print("\(path): \(info.format.displayName) \(info.width)x\(info.height), \(info.colorModel) \(info.bitDepth)-bit, decodes to \(info.channels) channel\(plural)")
        }
    }
}
