import Foundation
import Yams

/// A YAML mapping seen through the manifest's rules: string keys, no duplicates, every key
/// either read or reported as unknown with a "did you mean" hint.
struct YAMLMapping {
    /// Key, where the key is written, and the value node, in document order.
    let entries: [(key: String, location: SourceLocation, value: Node)]
    /// Where the mapping itself starts.
    let location: SourceLocation
    /// What the mapping is, for messages ("stage 'lr' params").
    let context: String

    /// The value of `key`, or nil.
    func optional(_ key: String) -> Node? {
        entries.first { $0.key == key }?.value
    }

    /// Where `key`'s value is written, or the mapping's location when absent.
    func location(of key: String) -> SourceLocation {
        entries.first { $0.key == key }.map { ManifestReader.location($0.value) } ?? location
    }
}

extension ManifestReader {
    /// The 1-based position of `node`.
    static func location(_ node: Node) -> SourceLocation {
        guard let mark = node.mark else { return .unknown }
        return SourceLocation(line: mark.line, column: mark.column)
    }

    /// `node` as a mapping with unique scalar keys, refusing keys outside `allowed`.
    func mapping(_ node: Node, context: String, allowed: [String]) throws -> YAMLMapping {
        guard case let .mapping(map) = node else {
            throw diagnostic(node, .wrongType, "\(context) must be a mapping (key: value lines), found \(Self.shape(of: node))", hint: "expected keys: \(allowed.joined(separator: ", "))")
        }
        var entries: [(String, SourceLocation, Node)] = []
        for (keyNode, value) in map {
            guard case let .scalar(scalar) = keyNode else {
                throw diagnostic(keyNode, .wrongType, "\(context) has a non-text key", hint: "keys are plain words such as \(allowed.first ?? "id")")
            }
            let key = scalar.string
            if entries.contains(where: { $0.0 == key }) {
                throw diagnostic(keyNode, .duplicateID, "\(context) repeats the key '\(key)'", hint: "remove one of them")
            }
            guard allowed.contains(key) else {
                throw diagnostic(keyNode, .unknownKey, "unknown key '\(key)' in \(context)",
                                 hint: ManifestDiagnostic.suggestion(for: key, among: allowed))
            }
            entries.append((key, Self.location(keyNode), value))
        }
        return YAMLMapping(entries: entries, location: Self.location(node), context: context)
    }

    /// `mapping[key]`, or a missing-key error that says what the key is for.
    func required(_ mapping: YAMLMapping, _ key: String, purpose: String) throws -> Node {
        if let value = mapping.optional(key) { return value }
        throw ManifestDiagnostic(file: file, line: mapping.location.line, column: mapping.location.column,
                                 kind: .missingKey, message: "\(mapping.context) is missing '\(key)'", hint: purpose)
    }

    /// A scalar's text after `${variable}` substitution.
    func string(_ node: Node, _ what: String) throws -> String {
        guard case let .scalar(scalar) = node else {
            throw diagnostic(node, .wrongType, "\(what) must be a single value, found \(Self.shape(of: node))", hint: "write it on one line, e.g. \(what.split(separator: " ").last ?? ""): value")
        }
        return try substitute(scalar.string, at: node)
    }

    /// A whole number, optionally bounded below.
    func integer(_ node: Node, _ what: String, minimum: Int = Int.min) throws -> Int {
        let text = try string(node, what)
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
            throw diagnostic(node, .wrongType, "\(what) must be a whole number, got '\(text)'", hint: "for example \(what.split(separator: " ").last ?? ""): \(max(minimum, 4))")
        }
        guard value >= minimum else {
            throw diagnostic(node, .invalidValue, "\(what) must be at least \(minimum), got \(value)", hint: "")
        }
        return value
    }

    /// A positive finite number.
    func positiveNumber(_ node: Node, _ what: String) throws -> Double {
        let text = try string(node, what)
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite else {
            throw diagnostic(node, .wrongType, "\(what) must be a number, got '\(text)'", hint: "for example 0.25 or 2")
        }
        guard value > 0 else { throw diagnostic(node, .invalidValue, "\(what) must be positive, got \(value)", hint: "") }
        return value
    }

    /// YAML 1.1/1.2 booleans.
    func boolean(_ node: Node, _ what: String) throws -> Bool {
        let text = try string(node, what)
        switch text.lowercased() {
        case "true", "yes", "on", "1": return true
        case "false", "no", "off", "0": return false
        default:
            throw diagnostic(node, .wrongType, "\(what) must be true or false, got '\(text)'", hint: "write true or false")
        }
    }

    /// One of an enum's raw values.
    func choice<E: RawRepresentable & CaseIterable>(_ node: Node, _ what: String, as: E.Type) throws -> E where E.RawValue == String {
        let text = try string(node, what)
        if let value = E(rawValue: text) { return value }
        let names = E.allCases.map(\.rawValue)
        throw diagnostic(node, .invalidValue, "\(what) must be one of \(names.joined(separator: ", ")), got '\(text)'",
                         hint: ManifestDiagnostic.suggestion(for: text, among: names))
    }

    /// A diagnostic located at `node`.
    func diagnostic(_ node: Node, _ kind: ManifestDiagnostic.Kind, _ message: String, hint: String) -> ManifestDiagnostic {
        let where_ = Self.location(node)
        return ManifestDiagnostic(file: file, line: where_.line, column: where_.column, kind: kind, message: message, hint: hint)
    }

    /// A diagnostic located at `location`.
    func diagnostic(at location: SourceLocation, _ kind: ManifestDiagnostic.Kind, _ message: String, hint: String) -> ManifestDiagnostic {
        ManifestDiagnostic(file: file, line: location.line, column: location.column, kind: kind, message: message, hint: hint)
    }

    /// "a list", "a mapping", "'text'": what was found instead, for type errors.
    static func shape(of node: Node) -> String {
        switch node {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case let .scalar(s): "'\(s.string)'"
        case .alias: "an alias"
        }
    }
}
