/// File names as the raw bytes the file system stores versus the UTF-8 text SRKit works with.
///
/// Linux file names are any bytes but `/` and NUL; SRKit's paths are Swift strings, written into
/// messages, `index.json` and reports, so they must be valid UTF-8. A name that is not cannot be
/// opened through a `String` (Swift replaces each bad byte by U+FFFD, naming another file), so
/// such names are refused, never dropped, with the name shown by ``escaped(_:)``.
package enum FileNameText {
    /// The name as text, or nil when the bytes are not valid UTF-8.
    package static func decode<C: Collection>(_ bytes: C) -> String? where C.Element == UInt8 {
        String(validating: bytes, as: UTF8.self)
    }

    /// The name with every byte that is not part of valid UTF-8, and every control character,
    /// written as `\xNN` (upper-case hex, as `ls -b` and Python's `backslashreplace` show them):
    /// `caf\xE9.png` for Latin-1 "café.png". Valid characters are kept as they are.
    package static func escaped<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        let b = Array(bytes)
        var out = ""
        var i = 0
        while i < b.count {
            let lead = b[i]
            let length: Int
            switch lead {
            case 0x00..<0x80: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: length = 0  // continuation byte or a lead byte UTF-8 never uses
            }
            if length > 0, i + length <= b.count, let text = String(validating: b[i..<(i + length)], as: UTF8.self),
               let scalar = text.unicodeScalars.first, !(scalar.value < 0x20 || scalar.value == 0x7F) {
                out += text
                i += length
            } else {
                out += "\\x" + (lead < 16 ? "0" : "") + String(lead, radix: 16, uppercase: true)
                i += 1
            }
        }
        return out
    }
}
