/// Everything SRModels can refuse: unreadable or malformed checkpoints, pickles that would need
/// code to run, tensors that match no known network, inputs a network cannot take.
///
/// Each case carries the facts; ``description`` is one sentence: the file, what is wrong, what to do.
public enum ModelError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file could not be read at all.
    case unreadable(path: String, reason: String)
    /// The bytes match no supported checkpoint format; `magic` shows the first bytes in hex.
    case unknownFormat(path: String, magic: String)
    /// The file ends before a structure it announces: `what` needed `needed` bytes at `offset`, `available` remain.
    case truncated(path: String, what: String, offset: Int, needed: Int, available: Int)
    /// The bytes are in a known format but break its rules.
    case malformed(path: String, reason: String)
    /// A structure declares a size no SR model checkpoint has (`declared` vs `limit`, with units);
    /// refused from the declaration, before the data is inflated or read.
    case tooLarge(path: String, what: String, declared: String, limit: String)
    /// A pickle names a global that is not on the allow-list; nothing was called.
    case disallowedGlobal(path: String, global: String, allowed: [String])
    /// A tensor dtype SRModels does not read.
    case unsupportedDType(path: String, tensor: String, dtype: String)
    /// The tensors match no supported architecture; `tensors` lists `name shape` for each.
    case unknownArchitecture(path: String, tensors: [String])
    /// A tensor has a shape other than the one the inferred architecture needs.
    case shapeMismatch(path: String, tensor: String, expected: String, actual: String)
    /// The image has a channel count the network does not take.
    case channelMismatch(model: String, modelChannels: Int, inputChannels: Int)
    /// The image has no pixels.
    case emptyImage(model: String)
    /// The network cannot upscale by this factor.
    case unsupportedScale(model: String, scale: Int, supported: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            return "\(path): cannot read the checkpoint: \(reason); check the path and permissions."
        case let .unknownFormat(path, magic):
            return "\(path): not a MATLAB v5 MAT file, torch.save zip or safetensors file (first bytes \(magic)); pass a checkpoint in one of those formats."
        case let .truncated(path, what, offset, needed, available):
            return "\(path): truncated: \(what) needs \(needed) bytes at offset \(offset) but only \(available) remain; the file is incomplete, copy or download it again."
        case let .malformed(path, reason):
            return "\(path): malformed checkpoint: \(reason); re-save it with the tool that made it."
        case let .tooLarge(path, what, declared, limit):
            return "\(path): \(what) declares \(declared), more than an SR model checkpoint holds (at most \(limit)); refused before reading it: this is not a model checkpoint, or it is damaged."
        case let .disallowedGlobal(path, global, allowed):
            return "\(path): the pickle names the global '\(global)', which is not on the allow-list (\(allowed.joined(separator: ", "))); nothing was executed. Re-save only the state_dict (torch.save(model.state_dict(), path)) or convert it to safetensors."
        case let .unsupportedDType(path, tensor, dtype):
            return "\(path): tensor '\(tensor)' has dtype \(dtype), which is not supported; save the weights as float32 or float16."
        case let .unknownArchitecture(path, tensors):
            return "\(path): the tensors match no supported architecture (SRCNN, FSRCNN, ESPCN); found \(tensors.count) tensor(s): \(tensors.joined(separator: ", ")). Check that this is an SR model checkpoint."
        case let .shapeMismatch(path, tensor, expected, actual):
            return "\(path): tensor '\(tensor)' has shape \(actual) but the inferred architecture needs \(expected); the checkpoint is inconsistent, re-export it."
        case let .channelMismatch(model, modelChannels, inputChannels):
            let hint = modelChannels == 1 ? "use --protocol srcnn (Y channel)" : "use --protocol basicsr (RGB)"
            return "\(model): the network takes \(modelChannels) channel(s) but the image has \(inputChannels); \(hint)."
        case let .emptyImage(model):
            return "\(model): the input image has no pixels; pass an image at least 1x1."
        case let .unsupportedScale(model, scale, supported):
            return "\(model): cannot upscale by \(scale); this network supports \(supported)."
        }
    }
}
