import Foundation
import SRImage

/// A synthetic Set5 in the plain layout under `root`: smooth gradients, odd sizes so modcrop
/// matters (31...35 x 29), small enough that an external Python model runs in a blink.
enum SyntheticSet5 {
    static let names = ["baby", "bird", "butterfly", "head", "woman"]

    static func write(to root: URL) throws {
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Set5"), withIntermediateDirectories: true)
        for (i, name) in names.enumerated() {
            let w = 31 + i, h = 29
            var s = [UInt8]()
            for y in 0..<h { for x in 0..<w { s += [UInt8((x * 7 + y * 3) % 256), UInt8((x * y) % 256), UInt8((200 - x * 2) % 256)] } }
            try ImageEncoder.write(ByteImage(width: w, height: h, channels: 3, samples: s), to: root.appendingPathComponent("Set5/\(name).png").path)
        }
    }
}
