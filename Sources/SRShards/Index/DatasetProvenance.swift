/// Where a dataset came from: tool, manifest, seed, variables and every input's hash, stored in
/// index.json so a dataset can be traced and reproduced. Holds nothing time- or machine-dependent
/// (no dates, hostnames or absolute paths) so the same manifest gives a byte-identical index.
public struct DatasetProvenance: Codable, Equatable, Sendable {
    /// Tool and version that wrote the dataset, e.g. "SRKit prep 0.1.0".
    public var tool: String
    /// Manifest file name as given on the command line (no absolute path).
    public var manifest: String
    /// SHA-256 of the manifest file's bytes, lowercase hex.
    public var manifestSHA256: String
    /// The manifest's random seed.
    public var seed: UInt64
    /// Resolved manifest variables, including `--set` overrides (stored with sorted keys).
    public var variables: [String: String]
    /// Every input file read, with its hash; paths relative to the source root.
    public var inputs: [ShardInputFile]
    /// Inputs deliberately left out, with reasons.
    public var skipped: [ShardSkippedInput]
    /// Named counters from the run, e.g. "images", "records", "patchesFromSmallImages".
    public var counts: [String: Int]
    /// The name of every input image of the run, relative to its source folder, in input order:
    /// what a record's ``RecordProvenance/input`` indexes. Present exactly when the shards carry
    /// per-record provenance (format version 2); absent from older indexes.
    public var sources: [String]?

    /// A provenance record; all fields are stored as given.
    public init(tool: String, manifest: String, manifestSHA256: String, seed: UInt64,
                variables: [String: String], inputs: [ShardInputFile], skipped: [ShardSkippedInput],
                counts: [String: Int], sources: [String]? = nil) {
        self.sources = sources
        self.tool = tool
        self.manifest = manifest
        self.manifestSHA256 = manifestSHA256
        self.seed = seed
        self.variables = variables
        self.inputs = inputs
        self.skipped = skipped
        self.counts = counts
    }
}
