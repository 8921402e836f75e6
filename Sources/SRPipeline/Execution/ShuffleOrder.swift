/// The order of a shuffled dataset: records sorted by a keyed hash of their origin.
///
/// Each record gets the 64-bit key `mix(mix(mix(seed ^ C) ^ input) ^ record)` (SplitMix64's
/// finaliser, ``SeededRandom/mix(_:)``) from its ``RecordOrigin``, and the dataset is the
/// records in ascending key order, ties (probability about n²/2⁶⁵) broken by origin. Sorting by
/// independent uniform keys is a uniformly random permutation, like Fisher–Yates, but with one
/// property Fisher–Yates lacks: a record's position relative to any other depends only on the two
/// records, not on how many records exist or which machine made them. So each part of a
/// partitioned run (`prep run --partition K/N`) sorts its own records by the same key, and
/// `prep merge` interleaves the sorted parts with a k-way merge, reading each part front to back
/// and holding one record per part — the result is byte-identical to one machine's run and the
/// merge's memory does not grow with the dataset. An unshuffled dataset is the same merge by
/// origin alone (input order, then record order).
///
/// Until SRKit 0.x this was a Fisher–Yates permutation of the record count; datasets made by
/// that version are ordered differently (same records, same seed, different order).
public struct ShuffleOrder: Sendable {
    /// The manifest seed.
    public let seed: UInt64
    /// Whether the manifest shuffles; when false the key is the origin alone.
    public let shuffles: Bool

    /// The order for a manifest with `seed` that does (or does not) shuffle.
    public init(seed: UInt64, shuffles: Bool) {
        self.seed = seed
        self.shuffles = shuffles
    }

    /// The sort key of a record: compare keys to compare positions in the dataset.
    public struct Key: Comparable, Sendable {
        /// The keyed hash (0 for an unshuffled dataset).
        public let hash: UInt64
        /// The record's origin, the tie-breaker (and the whole key when not shuffled).
        public let input: Int
        /// See ``RecordOrigin/record``.
        public let record: Int

        public static func < (a: Key, b: Key) -> Bool {
            if a.hash != b.hash { return a.hash < b.hash }
            if a.input != b.input { return a.input < b.input }
            return a.record < b.record
        }
    }

    /// Domain separation from the other uses of the seed (augment draws).
    static let salt: UInt64 = 0x5348_5546_464C_4521  // "SHUFFLE!"

    /// The key of `origin`.
    public func key(_ origin: RecordOrigin) -> Key {
        guard shuffles else { return Key(hash: 0, input: origin.input, record: origin.record) }
        var h = SeededRandom.mix(seed ^ Self.salt)
        h = SeededRandom.mix(h ^ UInt64(truncatingIfNeeded: origin.input))
        h = SeededRandom.mix(h ^ UInt64(truncatingIfNeeded: origin.record))
        return Key(hash: h, input: origin.input, record: origin.record)
    }

    /// Positions into `origins` in dataset order (a permutation of `origins.indices`).
    /// - Complexity: O(n log n); 16 bytes of memory per record.
    public func permutation(_ origins: [RecordOrigin]) -> [Int] {
        let keyed = origins.map { key($0) }
        return keyed.indices.sorted { keyed[$0] < keyed[$1] }
    }
}
