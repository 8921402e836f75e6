/// The SRKit version written into reports and shard provenance.
public enum SRKitVersion {
    /// Semantic version of this checkout.
    public static let current = "0.1.0"
}
