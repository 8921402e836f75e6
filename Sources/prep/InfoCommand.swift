import ArgumentParser
import Foundation
import SRCommandLine
import SRImage

/// `prep info IN`: what is in an image file, read from its header.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show an image's format, size, channels and bit depth.",
        discussion: """
            Prints one line per file: the format detected from the bytes, width x height, the \
            colour model and bit depth stored in the file, and the channels SRKit decodes it to \
            (1 for grey, 3 for colour; alpha is dropped). A valid file of a variant SRKit does \
            not decode (CMYK JPEG, float TIFF, RLE BMP, ...) is described as "not decodable" and \
            its reason printed as an error, the same one prep convert gives. Every file is \
            examined; the exit status is 1 if any could not be read or would not decode.

            Example:
              prep info Set14/bridge.png
              bridge.png: PNG 512x512, gray 8-bit, decodes to 1 channel
            """
    )

    @Argument(help: "One or more image files.")
    var inputs: [String]

    func run() throws {
        var failed = false
        for path in inputs {
            do {
                let info = try ImageDecoder.info(contentsOf: path)
                print("\(path): \(info.summary)")
                if let reason = info.unsupportedReason {
                    throw ImageError.unsupported(path: path, format: info.format, reason: reason)
                }
            } catch {
                failed = true
                FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
            }
        }
        if failed { throw ExitCode(1) }
    }
}
