import ArgumentParser
import SRCommandLine

/// `prep`: turns raw image collections into SR training data.
///
/// This executable only parses arguments and prints; every decision lives in SRImage so that
/// tests exercise the same code the command runs.
@main
struct PrepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prep",
        abstract: "Prepare images for super-resolution training and evaluation.",
        discussion: """
            Image files are recognised from their bytes (PNG, JPEG, TIFF, BMP), whatever their \
            extension. Every output file is written under a temporary name and renamed when \
            complete, so an interrupted command never leaves a half-written image.
            """,
        subcommands: [
            RunCommand.self, MergeCommand.self, ValidateCommand.self, GraphCommand.self,
            InspectCommand.self, VerifyCommand.self, ExportCommand.self,
            ResizeCommand.self, ConvertCommand.self, InfoCommand.self,
        ]
    )

    /// Refuses, before parsing, any argument that is not valid UTF-8 (by its escaped bytes):
    /// Swift turns such bytes into U+FFFD, so a Latin-1 path would be "not found" as an input
    /// and, as `--output`, silently written under another name.
    static func main() {
        do { try RawArguments.requireUTF8() } catch { exit(withError: error) }
        main(nil)
    }
}
