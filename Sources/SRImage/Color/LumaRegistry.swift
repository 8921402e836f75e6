/// Luma definitions by name, so manifests and options pick one with a string.
///
/// An unknown name is an error listing the known ones; there is no silent fallback. A new
/// definition is one file (a `static let` on ``LumaDefinition``) plus one line here.
public struct LumaRegistry: Sendable {
    /// The definitions SRKit ships, in listing order:
    /// - `matlab`: ``LumaDefinition/matlab`` (MATLAB `rgb2ycbcr`, the SR evaluation default);
    /// - `bt601-256`: ``LumaDefinition/bt601x256`` (yjn870/SRCNN-pytorch `convert_rgb_to_y`);
    /// - `bt709`: ``LumaDefinition/bt709`` (HD video, studio swing).
    public static let standard: LumaRegistry = {
        var registry = LumaRegistry()
        // Built-in names are distinct literals; a collision here is a programming error.
        try! registry.register(.matlab)
        try! registry.register(.bt601x256)
        try! registry.register(.bt709)
        return registry
    }()

    private var entries: [LumaDefinition] = []

    /// An empty registry; add definitions with ``register(_:)``.
    public init() {}

    /// Registered names in registration order.
    public var names: [String] { entries.map(\.name) }

    /// Registered definitions in registration order.
    public var definitions: [LumaDefinition] { entries }

    /// Adds `definition` under its name; throws ``ImageError/invalidArgument(_:)`` if taken.
    public mutating func register(_ definition: LumaDefinition) throws {
        guard !entries.contains(where: { $0.name == definition.name }) else {
            throw ImageError.invalidArgument("Luma definition '\(definition.name)' was already registered; pick another name.")
        }
        entries.append(definition)
    }

    /// The definition registered as `name`; throws ``ImageError/invalidArgument(_:)`` listing the
    /// known names when there is none.
    public func definition(named name: String) throws -> LumaDefinition {
        if let entry = entries.first(where: { $0.name == name }) { return entry }
        throw ImageError.invalidArgument("Unknown luma definition '\(name)'; known definitions: \(names.joined(separator: ", ")).")
    }
}
