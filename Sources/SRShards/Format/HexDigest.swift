import Crypto

/// Lowercase hex of digests, as index.json, part.json and the checksum fields store them.
package enum HexDigest {
    /// `digest`'s bytes as 2 lowercase hex digits each.
    package static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        var out = ""
        out.reserveCapacity(64)
        for byte in digest {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0F)])
        }
        return out
    }

    /// SHA-256 of `bytes`, lowercase hex.
    package static func sha256<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        hex(SHA256.hash(data: Array(bytes)))
    }

    private static let hexDigits = Array("0123456789abcdef")
}
