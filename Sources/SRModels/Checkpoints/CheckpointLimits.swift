/// Sizes no SR model checkpoint reaches, shared by the readers so that a file declaring more is
/// refused from its declarations, before anything is inflated or copied (issue 12: a 1 MB file
/// inflating to 1 GiB was read whole before being refused).
enum CheckpointLimits {
    /// Most values in one array or storage: 2^26 (256 MiB of float32). The largest SR networks
    /// (EDSR, SwinIR) have a few million values per tensor; a 16384x8192 "array" is not a model.
    static let maximumValuesPerArray = 1 << 26
}
