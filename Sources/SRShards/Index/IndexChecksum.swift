import Crypto

/// index.json's own checksum: the first key, `"checksum"`, holds the SHA-256 of the file's bytes
/// with that value's 64 hex digits replaced by 64 `0` characters.
///
/// The shards' hashes in index.json cover every record byte, but nothing covered the index
/// itself: a flipped bit in a count, a variable or an input's name was read as data. The hash is
/// over the bytes as stored, not over a re-encoding, so any reader (the numpy one included) checks
/// it with one search and one SHA-256, whatever its JSON library would print. Keys are sorted, so
/// `"checksum"` is always the first line after `{`.
public enum IndexChecksum {
    /// The bytes an index with a checksum starts with (pretty-printed, two-space indent).
    static let prefix: [UInt8] = Array("{\n  \"checksum\" : \"".utf8)
    static let digits = 64

    /// Inserts the checksum line into `json` (sorted-key pretty JSON, `{` then a newline) and fills it.
    static func seal(_ json: [UInt8]) -> [UInt8] {
        let head = Array("{\n".utf8)
        guard json.starts(with: head) else { return json }
        var bytes = prefix + [UInt8](repeating: UInt8(ascii: "0"), count: digits) + Array("\",\n".utf8)
        bytes += json[head.count...]
        let hex = Array(hexSHA256(bytes).utf8)
        bytes.replaceSubrange(prefix.count ..< prefix.count + digits, with: hex)
        return bytes
    }

    /// `bytes` (an index.json that begins with a checksum) with the checksum recomputed: for
    /// tools and tests that edit an index on purpose. Bytes without a checksum come back unchanged.
    public static func reseal(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.starts(with: prefix), bytes.count > prefix.count + digits else { return bytes }
        var out = bytes
        out.replaceSubrange(prefix.count ..< prefix.count + digits, with: [UInt8](repeating: UInt8(ascii: "0"), count: digits))
        out.replaceSubrange(prefix.count ..< prefix.count + digits, with: Array(hexSHA256(out).utf8))
        return out
    }

    /// Checks the checksum of index bytes; returns false when the index has none (written before
    /// SRKit stored one), throws ``ShardError/indexChecksumMismatch(path:stored:actual:)`` when it
    /// does not match and ``ShardError/invalidIndex(path:reason:)`` when it is malformed.
    static func check(_ bytes: [UInt8], path: String) throws -> Bool {
        guard bytes.starts(with: prefix) else { return false }
        let end = prefix.count + digits
        guard bytes.count > end, bytes[end] == UInt8(ascii: "\""),
              bytes[prefix.count ..< end].allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        else { throw ShardError.invalidIndex(path: path, reason: "the checksum is not 64 lowercase hex digits") }
        let stored = String(decoding: bytes[prefix.count ..< end], as: UTF8.self)
        var zeroed = bytes
        zeroed.replaceSubrange(prefix.count ..< end, with: [UInt8](repeating: UInt8(ascii: "0"), count: digits))
        let actual = hexSHA256(zeroed)
        guard actual == stored else { throw ShardError.indexChecksumMismatch(path: path, stored: stored, actual: actual) }
        return true
    }

    static func hexSHA256(_ bytes: [UInt8]) -> String {
        HexDigest.sha256(bytes)
    }
}
