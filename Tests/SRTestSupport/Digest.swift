import Crypto
import Foundation

/// SHA-256 helpers for comparing decoded pixels with golden digests made by Pillow scripts.
public enum Digest {
    /// Lower-case hex SHA-256 of `bytes`.
    public static func sha256Hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        SHA256.hash(data: Array(bytes)).map { String(format: "%02x", $0) }.joined()
    }
}
