import Foundation

/// The checkpoint formats SRModels reads, detected from the file's bytes (never its extension),
/// so `srcnn.ckpt` works whether it holds a MAT file, a torch zip or safetensors.
public enum CheckpointFormat: String, Sendable, CaseIterable {
    /// MATLAB Level-5 MAT file (`save` in MATLAB ≤ 7.2 format, or `-v6`/`-v7`): header text
    /// "MATLAB 5.0 MAT-file" and an endian indicator at byte 126.
    case mat
    /// `torch.save` (PyTorch ≥ 1.6): a zip archive holding `*/data.pkl` and `*/data/N` storages.
    case torch
    /// Hugging Face safetensors: 8-byte little-endian header length, JSON header, raw data.
    case safetensors

    /// Detects the format from the first bytes, or nil when none matches.
    ///
    /// - MAT: bytes 0..<116 start with "MATLAB 5.0 MAT-file" and bytes 126..<128 are "IM" or "MI".
    /// - torch: a zip local-file header `PK\u{3}\u{4}`.
    /// - safetensors: a header length `n` with `8 + n <= count` and byte 8 == `{`.
    public static func detect(_ bytes: [UInt8]) -> CheckpointFormat? {
        if bytes.count >= 128, bytes.starts(with: Array("MATLAB 5.0 MAT-file".utf8)),
           (bytes[126] == 0x49 && bytes[127] == 0x4D) || (bytes[126] == 0x4D && bytes[127] == 0x49) {
            return .mat
        }
        if bytes.count >= 4, bytes[0] == 0x50, bytes[1] == 0x4B, bytes[2] == 0x03, bytes[3] == 0x04 { return .torch }
        if bytes.count >= 9, bytes[8] == UInt8(ascii: "{") {
            var n: UInt64 = 0
            for i in (0..<8).reversed() { n = (n << 8) | UInt64(bytes[i]) }
            if n >= 2, n <= UInt64(bytes.count - 8) { return .safetensors }
        }
        return nil
    }
}

/// Reads any supported checkpoint into named float tensors.
public enum CheckpointReader {
    /// Reads the file at `path`, detecting its format from the bytes.
    public static func read(contentsOf path: String) throws -> Checkpoint {
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw ModelError.unreadable(path: path, reason: exists ? "permission denied or not a regular file" : "no such file")
        }
        return try read(bytes: [UInt8](data), path: path)
    }

    /// Reads a checkpoint held in memory; `path` is used in messages only.
    public static func read(bytes: [UInt8], path: String) throws -> Checkpoint {
        guard let format = CheckpointFormat.detect(bytes) else {
            let magic = bytes.prefix(8).map { String(format: "%02x", $0) }.joined(separator: " ")
            throw ModelError.unknownFormat(path: path, magic: magic.isEmpty ? "(empty file)" : magic)
        }
        switch format {
        case .mat: return Checkpoint(path: path, format: format, tensors: try MATFileReader(bytes: bytes, path: path).read())
        case .torch: return Checkpoint(path: path, format: format, tensors: try TorchCheckpointReader(bytes: bytes, path: path).read())
        case .safetensors:
            let (tensors, order) = try SafetensorsReader(bytes: bytes, path: path).read()
            return Checkpoint(path: path, format: format, tensors: tensors, order: order)
        }
    }
}
