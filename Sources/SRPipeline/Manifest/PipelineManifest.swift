import Foundation

/// A parsed, validated `prep run` manifest: where images come from, the stage graph, the record
/// fields and the shard options.
///
/// Produced by ``ManifestParser``; every reference in it has been resolved and the graph is known
/// to be acyclic, so the executor never meets a manifest error.
public struct PipelineManifest: Sendable {
    /// The manifest path as given (used in messages and provenance).
    public var file: String
    /// `name:` from the manifest, or the file name without extension.
    public var name: String
    /// Seed for `shuffle` and random `augment`; identical seeds give identical shards.
    public var seed: UInt64
    /// Every variable after `--set` overrides, as strings; recorded in `index.json`.
    public var variables: [String: String]
    /// Named image sources, in manifest order.
    public var sources: [SourceSpec]
    /// Image-level stages in a valid execution order (each after all of its inputs).
    public var stages: [StageSpec]
    /// The record schema: one field per entry of `outputs:`, joined by lineage.
    public var fields: [FieldSpec]
    /// Record-level stages after the join (`shuffle`, then the `shards` writer), in order.
    public var recordStages: [StageSpec]
    /// SHA-256 of the manifest bytes, hex; recorded in `index.json`.
    public var manifestSHA256: String

    /// The `shards` stage's options (every valid manifest has exactly one `shards` stage).
    public var shardOptions: ShardsParameters {
        for stage in recordStages { if case let .shards(p) = stage.operation { return p } }
        return ShardsParameters()
    }

    /// Whether a `shuffle` stage permutes the records.
    public var shuffles: Bool {
        recordStages.contains { if case .shuffle = $0.operation { return true } else { return false } }
    }
}

/// Where a pipeline's images come from. Files are always listed in byte order of their relative
/// paths, so the order (and thus every shard byte) is the same on every machine.
public struct SourceSpec: Sendable {
    /// How the files are named.
    public enum Selection: Sendable {
        /// Every regular file directly inside `folder` whose name matches `glob` (fnmatch syntax;
        /// `{a,b}` alternatives allowed).
        case folder(URL, glob: String)
        /// An explicit list, relative to `base`, in the given order.
        case files(base: URL, [String])
    }
    /// The id stages use in `input:`.
    public var id: String
    /// What to list.
    public var selection: Selection
    /// Where `sources.<id>` is in the manifest.
    public var location: SourceLocation
    /// `stem: "{}x4"`: the part of each file's stem that pairs it with the other sources' files
    /// (DIV2K's and EDSR's `0001x4.png` beside `0001.png`); nil pairs by the whole stem.
    public var stemPattern: StemPattern? = nil
}

/// A file-stem pattern with one `{}`, e.g. `{}x4`: `0001x4` gives the pairing key `0001`.
public struct StemPattern: Sendable, Equatable, CustomStringConvertible {
    /// Text before and after the `{}`.
    public let prefix: String, suffix: String

    /// Parses `text`; nil unless it holds exactly one `{}`.
    public init?(_ text: String) {
        let parts = text.components(separatedBy: "{}")
        guard parts.count == 2 else { return nil }
        prefix = parts[0]
        suffix = parts[1]
    }

    /// The key of `stem`, or nil when the stem does not have the pattern's form (or the key is empty).
    public func key(of stem: String) -> String? {
        guard stem.count > prefix.count + suffix.count, stem.hasPrefix(prefix), stem.hasSuffix(suffix) else { return nil }
        return String(stem.dropFirst(prefix.count).dropLast(suffix.count))
    }

    public var description: String { prefix + "{}" + suffix }
}

/// A reference to a stage's output: `stage` or `stage.port` (multi-input stages such as
/// `patches` and `augment` have one output port per named input).
public struct StageReference: Sendable, Hashable, CustomStringConvertible {
    /// The stage or source id.
    public var stage: String
    /// The port, or nil for a single-output stage.
    public var port: String?

    /// Parses `a` or `a.b`.
    public init(parsing text: String) {
        if let dot = text.firstIndex(of: ".") {
            stage = String(text[..<dot])
            port = String(text[text.index(after: dot)...])
        } else {
            stage = text
            port = nil
        }
    }

    /// A reference to `stage`, port `port`.
    public init(stage: String, port: String?) {
        self.stage = stage
        self.port = port
    }

    public var description: String { port.map { "\(stage).\($0)" } ?? stage }
}

/// One named input of a stage.
public struct StageInput: Sendable {
    /// The input's name: the port it produces on multi-input stages (`hr`, `lr`); `in` for the
    /// single input of the others.
    public var name: String
    /// What feeds it.
    public var reference: StageReference
    /// Where it is written.
    public var location: SourceLocation
}

/// One stage: an operation with its parameters and inputs.
public struct StageSpec: Sendable {
    /// Unique id; other stages and fields refer to it.
    public var id: String
    /// What it does, with typed parameters.
    public var operation: StageOperation
    /// Its inputs, in manifest order.
    public var inputs: [StageInput]
    /// Where the stage is written.
    public var location: SourceLocation

    /// Output port names: one per input for multi-input operations, otherwise none (the stage's
    /// own id is its only output).
    public var ports: [String] {
        // `input: x` (one unnamed input) keeps a single output even on multi-input operations.
        operation.kind.hasPorts && inputs.first?.name != "in" ? inputs.map(\.name) : []
    }
}

/// One field of every record: which stage's items fill it, stored how.
public struct FieldSpec: Sendable {
    /// Field name in the shard schema (`hr`, `lr`).
    public var name: String
    /// The stage output whose items fill this field.
    public var source: StageReference
    /// Stored element type; nil means the items' own (uint8 for byte images, float32 for float).
    public var dtype: FieldDType?
    /// Element order: height-width-channel (numpy/PIL) or channel-height-width (PyTorch).
    public var layout: FieldLayout
    /// For float32 fields: store sample/255 (values in [0, 1], as SRCNN's HDF5 files) instead of 0...255.
    public var normalize: Bool
    /// Where the field is written.
    public var location: SourceLocation
}

/// Element type of a record field.
public enum FieldDType: String, Sendable, CaseIterable {
    /// 8-bit unsigned; float items are rounded half away from zero and clipped to 0...255.
    case uint8
    /// 32-bit IEEE float, little-endian.
    case float32
}

/// Element order of a record field.
public enum FieldLayout: String, Sendable, CaseIterable {
    /// Rows, then columns, then channels (numpy / PIL order).
    case hwc
    /// Channels, then rows, then columns (PyTorch order).
    case chw
}
