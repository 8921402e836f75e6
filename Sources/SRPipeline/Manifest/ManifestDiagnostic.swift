/// One problem found in a pipeline manifest, with where it is and what to do about it.
///
/// Every manifest error carries the file, the 1-based line and column of the offending YAML node,
/// a one-sentence message and a hint, and prints as `file:line:column: message (hint: …)`, the
/// shape compilers use, so editors can jump to it.
public struct ManifestDiagnostic: Error, CustomStringConvertible, Equatable, Sendable {
    /// What kind of mistake this is; tests and tools switch on it instead of parsing the text.
    public enum Kind: String, Sendable, Equatable {
        /// The YAML itself does not parse.
        case syntax
        /// A key that this position of the manifest does not accept.
        case unknownKey
        /// A required key or parameter is absent.
        case missingKey
        /// A value of the wrong YAML shape or type (a list where a number belongs, `abc` for an integer).
        case wrongType
        /// A value of the right type outside its allowed range or set.
        case invalidValue
        /// `op:` names no known operation.
        case unknownOperation
        /// An input or field refers to a stage, port or source that does not exist.
        case undefinedReference
        /// The stages' inputs form a cycle.
        case cycle
        /// Two sources or stages share an id.
        case duplicateID
        /// `${name}` names no variable, or `--set` names an undeclared one.
        case undefinedVariable
    }

    /// The manifest path as given on the command line.
    public let file: String
    /// 1-based line, 0 when the problem concerns the whole file (e.g. a `--set` override).
    public let line: Int
    /// 1-based column, 0 when unknown.
    public let column: Int
    /// The category of the problem.
    public let kind: Kind
    /// What is wrong, one sentence.
    public let message: String
    /// What to do about it (a close spelling, the accepted values, an example).
    public let hint: String

    /// Bundles the fields; see each property.
    public init(file: String, line: Int, column: Int, kind: Kind, message: String, hint: String) {
        self.file = file
        self.line = line
        self.column = column
        self.kind = kind
        self.message = message
        self.hint = hint
    }

    public var description: String {
        let location = line > 0 ? "\(file):\(line):\(column)" : file
        return hint.isEmpty ? "\(location): \(message)" : "\(location): \(message) (hint: \(hint))"
    }
}

/// Where a value came from in the manifest, carried by parsed values so that errors found after
/// parsing (cycles, shapes) still point at a line.
public struct SourceLocation: Sendable, Equatable, Hashable {
    /// 1-based line; 0 when not from the file.
    public let line: Int
    /// 1-based column; 0 when not from the file.
    public let column: Int

    /// A location; use ``unknown`` for values that did not come from the file.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// For values that have no place in the file (defaults, command-line overrides).
    public static let unknown = SourceLocation(line: 0, column: 0)
}

extension ManifestDiagnostic {
    /// The closest of `candidates` to `word` by edit distance, as a "did you mean" hint, or a list
    /// of the accepted values when nothing is close.
    static func suggestion(for word: String, among candidates: [String]) -> String {
        let scored = candidates.map { ($0, editDistance(word.lowercased(), $0.lowercased())) }
        if let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, word.count / 3) {
            return "did you mean '\(best.0)'?"
        }
        return "expected one of: \(candidates.joined(separator: ", "))"
    }

    /// Levenshtein distance; manifests have a handful of short keys, so the O(n·m) table is fine.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
