import Yams

/// One stage's `params:` mapping with the reader's typed accessors, so an operation's own file
/// (a resize rule, a luma option) can read its parameters with `file:line:column` errors without
/// growing ``ManifestReader``.
struct StageParameters {
    /// The reader, for substitution and diagnostics.
    let reader: ManifestReader
    /// The `params:` mapping (unknown keys were already refused).
    let map: YAMLMapping
    /// `stage 'hr'`, for messages.
    let context: String

    /// Whether `key` is given.
    func has(_ key: String) -> Bool { map.optional(key) != nil }

    /// A whole number ≥ `minimum`, or nil when absent.
    func integer(_ key: String, minimum: Int = 1) throws -> Int? {
        try map.optional(key).map { try reader.integer($0, "\(context) \(key)", minimum: minimum) }
    }

    /// A whole number ≥ `minimum` that must be given; `purpose` says what it is for.
    func requiredInteger(_ key: String, minimum: Int = 1, purpose: String) throws -> Int {
        try reader.integer(try reader.required(map, key, purpose: purpose), "\(context) \(key)", minimum: minimum)
    }

    /// A positive finite number, or nil when absent.
    func positiveNumber(_ key: String) throws -> Double? {
        try map.optional(key).map { try reader.positiveNumber($0, "\(context) \(key)") }
    }

    /// `true`/`false`, or nil when absent.
    func boolean(_ key: String) throws -> Bool? {
        try map.optional(key).map { try reader.boolean($0, "\(context) \(key)") }
    }

    /// One of an enum's raw values, or nil when absent.
    func choice<E: RawRepresentable & CaseIterable>(_ key: String, as type: E.Type) throws -> E? where E.RawValue == String {
        try map.optional(key).map { try reader.choice($0, "\(context) \(key)", as: type) }
    }

    /// A value's text after substitution, or nil when absent.
    func string(_ key: String) throws -> String? {
        try map.optional(key).map { try reader.string($0, "\(context) \(key)") }
    }

    /// A diagnostic at `key`'s value (or at the mapping when `key` is absent).
    func diagnostic(at key: String, _ kind: ManifestDiagnostic.Kind, _ message: String, hint: String) -> ManifestDiagnostic {
        reader.diagnostic(at: map.location(of: key), kind, message, hint: hint)
    }
}
