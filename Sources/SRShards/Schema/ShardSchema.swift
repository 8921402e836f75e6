/// The fields every record of a dataset holds, in storage order. One schema value drives the
/// writer, the reader and index.json, so a shard describes itself.
public struct ShardSchema: Codable, Equatable, Sendable {
    /// Fields in the order they are stored in each record (and passed to ``ShardDatasetWriter/append(_:)-(Array<UnsafeRawBufferPointer>)``).
    public var fields: [ShardField]

    /// A schema with `fields` in storage order.
    public init(fields: [ShardField]) {
        self.fields = fields
    }

    /// The field called `name`, or nil.
    public func field(named name: String) -> ShardField? {
        fields.first { $0.name == name }
    }

    /// Throws ``ShardError/invalidSchema(reason:)`` unless there is at least one field, names are
    /// non-empty and unique, and every dimension is ≥ 1 with a record size below 2^40 bytes.
    public func validate() throws {
        if fields.isEmpty { throw ShardError.invalidSchema(reason: "the schema has no fields") }
        var seen = Set<String>()
        for field in fields {
            if field.name.isEmpty { throw ShardError.invalidSchema(reason: "a field has an empty name") }
            if !seen.insert(field.name).inserted {
                throw ShardError.invalidSchema(reason: "the field name \"\(field.name)\" is used twice")
            }
            if field.shape.isEmpty || field.shape.contains(where: { $0 < 1 || $0 > 1 << 30 }) {
                throw ShardError.invalidSchema(reason: "field \"\(field.name)\" has shape \(field.shape); every dimension must be 1...2^30")
            }
            var elements = 1
            for d in field.shape {
                let (p, overflow) = elements.multipliedReportingOverflow(by: d)
                if overflow || p > 1 << 40 {
                    throw ShardError.invalidSchema(reason: "field \"\(field.name)\" with shape \(field.shape) is larger than 2^40 bytes")
                }
                elements = p
            }
        }
    }
}
