import SRImage
import SRShards

/// `augment`: the rot90/flip variants of each item, applied identically to every input so that
/// aligned pairs stay aligned.
///
/// Variant v rotates by v mod 4 quarter turns counter-clockwise (numpy `rot90` direction) and,
/// for v ≥ 4, then mirrors left-right. In `random` mode the variant depends only on the seed and
/// the item's lineage key, never on thread timing or on which branch asks, so two `augment`
/// stages on parallel branches pick the same variant for the same patch.
enum Augmentation {
    static func apply(_ inputs: [[PipelineItem]], parameters p: AugmentParameters, seed: UInt64,
                      fail: (String) -> PipelineError) throws -> [[PipelineItem]] {
        let count = p.variants.count
        return inputs.map { items in
            var out: [PipelineItem] = []
            out.reserveCapacity(p.mode == .all ? items.count * count : items.count)
            for item in items {
                switch p.mode {
                case .all:
                    for v in 0..<count {
                        out.append(PipelineItem(key: item.key + [Int32(v)], image: transform(item.image, variant: v),
                                                provenance: varied(item.provenance, v)))
                    }
                case .random:
                    let v = Int(SeededRandom.hash(seed: seed, key: item.key) % UInt64(count))
                    out.append(PipelineItem(key: item.key, image: transform(item.image, variant: v),
                                            provenance: varied(item.provenance, v)))
                }
            }
            return out
        }
    }

    /// `provenance` after variant `v`; a second augment composes (recorded as the later variant
    /// applied to the earlier one's output, which is one of the eight again).
    static func varied(_ provenance: RecordProvenance, _ v: Int) -> RecordProvenance {
        var out = provenance
        out.variant = compose(provenance.variant, then: v)
        return out
    }

    /// The single variant equal to applying `a`, then `b` (the dihedral group D4).
    static func compose(_ a: Int, then b: Int) -> Int {
        if a == 0 { return b }
        if b == 0 { return a }
        return composition[a][b]
    }

    /// `composition[a][b]`: which of the eight variants `a` then `b` is, found once by applying
    /// both to an asymmetric 3×2 probe (only manifests with two augment stages use it).
    static let composition: [[Int]] = {
        let probe = Image<UInt8>(width: 3, height: 2, channels: 1, samples: [0, 1, 2, 3, 4, 5])
        let variants = (0..<8).map { variantOf(probe, $0) }
        return (0..<8).map { a in
            (0..<8).map { b in
                let target = variantOf(variants[a], b)
                return variants.firstIndex { $0.width == target.width && $0.samples == target.samples }!
            }
        }
    }()

    /// The dihedral variant `v` (0...7) of `image`.
    static func transform(_ image: PipelineImage, variant v: Int) -> PipelineImage {
        if v == 0 { return image }
        return image.map(bytes: { variantOf($0, v) }, floats: { variantOf($0, v) })
    }

    static func variantOf<S>(_ image: Image<S>, _ v: Int) -> Image<S> {
        let rotated = image.rotated90(v % 4)
        return v >= 4 ? rotated.flippedHorizontally() : rotated
    }
}

/// Deterministic pseudo-randomness from the manifest seed (SplitMix64 mixing).
///
/// Nothing here reads a clock or a global generator, so reruns and any `--jobs` give the same
/// choices; FFCV's transforms, which draw from numpy's global RNG, do not repeat.
enum SeededRandom {
    /// The SplitMix64 finaliser: a bijective 64-bit mix with good avalanche.
    static func mix(_ z0: UInt64) -> UInt64 {
        var z = z0 &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A 64-bit hash of the seed and a lineage key.
    static func hash(seed: UInt64, key: [Int32]) -> UInt64 {
        var h = mix(seed ^ 0x5EED_A06E_0000_0000)
        for k in key { h = mix(h ^ UInt64(UInt32(bitPattern: k))) }
        return h
    }
}
