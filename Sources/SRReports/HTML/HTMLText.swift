/// Text made safe for HTML and SVG: `&`, `<`, `>`, `"` and `'` as entities, so a model name
/// or an `exec:` command can never close a tag or an attribute.
enum HTMLText {
    /// `text` escaped for element content and quoted attribute values alike.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// An `id` fragment from `text`: ASCII letters and digits kept, everything else `-`.
    static func identifier(_ text: String) -> String {
        String(text.unicodeScalars.map { s in
            s.isASCII && (("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s)) ? Character(s) : "-"
        })
    }
}
