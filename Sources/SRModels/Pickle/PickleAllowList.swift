/// The only globals a checkpoint pickle may name. Everything else is refused when the GLOBAL /
/// STACK_GLOBAL opcode is read, before anything could be called; the allowed ones are not
/// imported or called either, but interpreted by ``PickleMachine`` (an `OrderedDict` becomes a
/// dict, `_rebuild_tensor_v2` a tensor view).
public enum PickleAllowList {
    /// `module.name` of every allowed global, sorted.
    public static let globals: [String] = (
        ["collections.OrderedDict", "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_parameter"]
            + ["Float", "Half", "BFloat16", "Double", "Long", "Int", "Short", "Char", "Byte", "Bool"].map { "torch.\($0)Storage" }
    ).sorted()

    static let set = Set(globals)
}
