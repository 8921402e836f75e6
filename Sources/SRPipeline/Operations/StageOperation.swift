import SRImage

/// What a stage does, with its parameters already checked and typed.
///
/// Image-level operations map each item (an image or patch with its lineage key) to zero or more
/// items; `shuffle` and `shards` work on whole records after the fields are joined.
public enum StageOperation: Sendable {
    /// Reads and decodes a source file (format detected from the bytes).
    case decode(DecodeParameters)
    /// Keeps the centred `width`×`height` region (odd margins drop the extra pixel right/bottom).
    case centerCrop(width: Int, height: Int)
    /// MATLAB `modcrop`: crops bottom/right so both sides are multiples of `scale`.
    case modcrop(scale: Int)
    /// Resizes with any kernel of ``ResamplerRegistry/standard``.
    case resize(ResizeParameters)
    /// Luma with a named definition (``LumaRegistry``), arithmetic and rounding.
    case toY(LumaParameters)
    /// Grey to RGB by replicating the plane; RGB passes through.
    case toRGB
    /// Down by `scale` with a kernel, optionally back up to the input size: the LR of an HR item.
    case degrade(DegradeParameters)
    /// Square windows at a stride; several inputs give aligned windows (same size or 1/scale).
    case patches(PatchParameters)
    /// rot90 / flip variants, all of them or one per item drawn from the seed.
    case augment(AugmentParameters)
    /// Drops items smaller than a minimum size.
    case filter(minWidth: Int, minHeight: Int)
    /// A global permutation of the records drawn from the seed.
    case shuffle
    /// The shard writer.
    case shards(ShardsParameters)

    /// The operation's name in manifests.
    public var kind: OperationKind {
        switch self {
        case .decode: .decode
        case .centerCrop: .centerCrop
        case .modcrop: .modcrop
        case .resize: .resize
        case .toY: .toY
        case .toRGB: .toRGB
        case .degrade: .degrade
        case .patches: .patches
        case .augment: .augment
        case .filter: .filter
        case .shuffle: .shuffle
        case .shards: .shards
        }
    }
}

/// Operation names as written after `op:`, with what the validator needs to know about each.
public enum OperationKind: String, Sendable, CaseIterable {
    case decode
    case centerCrop = "center-crop"
    case modcrop
    case resize
    case toY = "to-y"
    case toRGB = "to-rgb"
    case degrade
    case patches
    case augment
    case filter
    case shuffle
    case shards

    /// Whether the operation takes any number of named inputs and produces one port per input
    /// (the same windows or the same variant applied to each, so pairs stay aligned).
    public var hasPorts: Bool { self == .patches || self == .augment }

    /// Whether it works on joined records (after `outputs`) rather than on images.
    public var isRecordLevel: Bool { self == .shuffle || self == .shards }

    /// Parameter names accepted under `params:`, for validation hints and `prep validate --help`.
    public var parameters: [String] {
        switch self {
        case .decode: ["mode"]
        case .centerCrop: ["width", "height", "size"]
        case .modcrop: ["scale"]
        case .resize: ["kernel", "precision"] + ResizeRuleRegistry.keys
        case .toY: ["luma", "arithmetic", "round", "gray"]
        case .toRGB: []
        case .degrade: ["scale", "kernel", "up", "precision"]
        case .patches: ["size", "stride", "reference", "cover_edges"]
        case .augment: ["variants", "mode"]
        case .filter: ["min_width", "min_height", "min_size"]
        case .shuffle: []
        case .shards: ["size"]
        }
    }

    /// One line for `prep graph` and error hints.
    public var summary: String {
        switch self {
        case .decode: "decode a source file (PNG/JPEG/TIFF/BMP from the bytes); mode rgb|keep"
        case .centerCrop: "centred crop to width x height"
        case .modcrop: "crop bottom/right to multiples of scale (MATLAB modcrop)"
        case .resize: "resize by scale, to width x height, to a multiple, a side length or a box, with a named kernel"
        case .toY: "luma by a named definition (matlab, bt601-256, bt709), rounded or float"
        case .toRGB: "grey to RGB by replication"
        case .degrade: "down by scale with a kernel, optionally back up to the input size"
        case .patches: "size x size windows every stride pixels; several inputs stay aligned"
        case .augment: "rot90/flip variants: all (x4/x8) or one random per item"
        case .filter: "drop items below a minimum size"
        case .shuffle: "global permutation of the records from the seed"
        case .shards: "write the records as shards + index.json"
        }
    }
}

/// How `decode` delivers channels.
public enum DecodeMode: String, Sendable, CaseIterable {
    /// Always 3 channels: grey is replicated, alpha dropped (Pillow's `convert("RGB")`).
    case rgb
    /// Grey stays 1 channel, colour becomes RGB; pair with `to-y` `gray: as-y` for Y pipelines.
    case keep
}

/// `decode` parameters.
public struct DecodeParameters: Sendable, Equatable {
    /// Channel policy.
    public var mode: DecodeMode = .rgb
}

/// Whether a resampling result is rounded to bytes or kept in floating point.
public enum SamplePrecision: String, Sendable, CaseIterable {
    /// Rounded and clipped to 0...255 after each resize, as if saved as an 8-bit image.
    case uint8
    /// Kept as float (0...255 scale, unclipped, unrounded), as MATLAB on double input.
    case float32
}

/// `resize` parameters.
public struct ResizeParameters: Sendable {
    /// Kernel name from ``ResamplerRegistry/standard``.
    public var kernel: String
    /// How the output size follows from each input's size (``ResizeRuleRegistry``).
    var rule: any ResizeRule
    /// Rounding policy of the result.
    public var precision: SamplePrecision
}

/// `to-y` parameters: which luma, evaluated how, rounded how, and what grey input means.
public struct LumaParameters: Sendable {
    /// The definition (`luma:`, default `matlab`).
    public var definition: LumaDefinition
    /// Double (MATLAB) or single (numpy float32) arithmetic (`arithmetic:`, default `float64`).
    public var arithmetic: LumaPrecision
    /// `round:` `true` = `half-away` (default), `false` = `none`, or a rule name.
    public var rounding: LumaRounding
    /// One-channel input: use as Y (default) or treat as R = G = B.
    public var gray: YCbCr.GrayHandling
}

/// `degrade` parameters.
public struct DegradeParameters: Sendable {
    /// Integer downscaling factor (the SR scale).
    public var scale: Int
    /// Kernel name; `matlab-bicubic` by default.
    public var kernel: String
    /// Resize back to the input size (SRCNN-style pre-upsampled LR).
    public var up: Bool
    /// Rounding policy; `uint8` rounds after each resize, `float32` never rounds.
    public var precision: SamplePrecision
}

/// `patches` parameters.
public struct PatchParameters: Sendable {
    /// Window side in pixels of the reference input.
    public var size: Int
    /// Step between windows in reference pixels; windows start at 0, stride, … while they fit.
    public var stride: Int
    /// Name of the input whose pixels `size` and `stride` count; others are the same size or an
    /// integer factor smaller (their windows shrink by that factor).
    public var reference: String
    /// Add a last window flush with the right/bottom edge when the grid leaves pixels uncovered
    /// (BasicSR `extract_subimages.py` with `thresh_size` 0); off gives SRCNN's plain grid.
    public var coverEdges: Bool = false
}

/// Which geometric variants `augment` produces.
public enum AugmentVariants: String, Sendable, CaseIterable {
    /// Identity only (so a variable can switch augmentation off).
    case none
    /// Rotations by 0, 90, 180, 270 degrees counter-clockwise (x4).
    case rot90
    /// The 8 symmetries of the square: the 4 rotations, each also mirrored left-right (x8).
    case dihedral

    /// Number of variants.
    public var count: Int {
        switch self {
        case .none: 1
        case .rot90: 4
        case .dihedral: 8
        }
    }
}

/// Whether `augment` expands or samples.
public enum AugmentMode: String, Sendable, CaseIterable {
    /// Every variant of every item, in variant order (deterministic expansion).
    case all
    /// One variant per item, drawn from the seed and the item's lineage.
    case random
}

/// `augment` parameters.
public struct AugmentParameters: Sendable, Equatable {
    /// Variant set.
    public var variants: AugmentVariants
    /// Expansion or sampling.
    public var mode: AugmentMode
}

/// `shards` parameters.
public struct ShardsParameters: Sendable, Equatable {
    /// Target shard size in bytes (a new shard starts before a record would exceed it).
    public var size: Int = 256 << 20

    /// Defaults: 256 MiB shards.
    public init(size: Int = 256 << 20) {
        self.size = size
    }
}
