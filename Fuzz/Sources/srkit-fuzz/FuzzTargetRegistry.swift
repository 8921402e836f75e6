#if canImport(Glibc)
import Glibc
#endif
import Foundation
import SRImage

/// Every fuzz target by name. A new target is one file in Targets/ plus one line here, and a
/// seed folder `Fuzz/corpus/<name>/` written by `Fuzz/scripts/make_seeds.py`.
enum FuzzTargetRegistry {
    static let all: [FuzzTarget] = [
        ImageDecoderTarget.make(.png),
        ImageDecoderTarget.make(.jpeg),
        ImageDecoderTarget.make(.tiff),
        ImageDecoderTarget.make(.bmp),
        CheckpointTarget.make(.mat),
        CheckpointTarget.make(.torch),
        PickleTarget.make(),
        CheckpointTarget.make(.safetensors),
        ShardTarget.make(),
        ShardIndexTarget.make(),
        ManifestTarget.make(),
    ]

    static func target(named name: String) -> FuzzTarget? {
        all.first { $0.name == name }
    }

    static func printUsage(unknown: String?) {
        var text = ""
        if let unknown { text += "srkit-fuzz: unknown target '\(unknown)'.\n" }
        text += "usage: srkit-fuzz TARGET [libFuzzer flags] [CORPUS_DIR...]   (or SRKIT_FUZZ_TARGET=TARGET)\ntargets:\n"
        for target in all {
            text += "  " + target.name.padding(toLength: 12, withPad: " ", startingAt: 0) + " " + target.summary + "\n"
        }
        FileHandle.standardError.write(Data(text.utf8))
    }
}
