import Foundation
import SRImage

/// The small synthetic `prep run` the end-to-end tests share: RGB gradient images and a
/// manifest of 16x16 patches, ×4 degradation, rot90 augmentation, optional shuffle and small
/// shards, so a run spans several shard files in well under a second.
public enum SyntheticPatchRun {
    /// Writes `img<i>.png` of each size into `folder`; pixel (x, y, c) of image i is
    /// `x·(xStep + i) + y·yStep + c·cStep + (x ^ y)` mod 256, so every test keeps its own images.
    public static func writeImages(_ sizes: [(Int, Int)], xStep: Int, yStep: Int, cStep: Int, into folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (i, (w, h)) in sizes.enumerated() {
            var samples = [UInt8]()
            samples.reserveCapacity(w * h * 3)
            for y in 0..<h { for x in 0..<w { for c in 0..<3 { samples.append(UInt8(truncatingIfNeeded: x * (xStep + i) + y * yStep + c * cStep + (x ^ y))) } } }
            try ImageEncoder.write(ByteImage(width: w, height: h, channels: 3, samples: samples), to: folder.appendingPathComponent("img\(i).png").path)
        }
    }

    /// The manifest over `images/*.png` (relative to the manifest), with `shardSize` shards.
    public static func manifest(shuffle: Bool = true, shardSize: String) -> String {
        let tail = shuffle
            ? "  - {id: mix, op: shuffle, input: outputs}\n  - {id: write, op: shards, input: mix, params: {size: \(shardSize)}}"
            : "  - {id: write, op: shards, input: outputs, params: {size: \(shardSize)}}"
        return """
            version: 1
            seed: 5
            variables:
              augment: rot90
            sources:
              images: {folder: images, glob: "*.png"}
            stages:
              - {id: decode, op: decode, input: images}
              - {id: hr, op: patches, input: decode, params: {size: 16, stride: 9}}
              - {id: lr, op: degrade, input: hr, params: {scale: 4}}
              - {id: aug, op: augment, inputs: {hr: hr, lr: lr}, params: {variants: "${augment}", mode: random}}
            \(tail)
            outputs:
              hr: {from: aug.hr}
              lr: {from: aug.lr, layout: chw}

            """
    }
}
