extension LumaDefinition {
    /// `matlab`: MATLAB `rgb2ycbcr` (ITU-R BT.601, studio swing),
    /// `Y = 16 + (65.481 R + 128.553 G + 24.966 B) / 255`, Y in 16...235.
    ///
    /// Who uses it: the SRCNN/VDSR/EDSR-era MATLAB evaluation code, BasicSR's `rgb2ycbcr` /
    /// `bgr2ycbcr(y_only=True)` (the same constants on [0, 1] input) and therefore almost every
    /// Y-channel PSNR/SSIM table; SRKit's metrics (``YCbCr``). In `float64` it gives exactly
    /// ``YCbCr/luma(_:gray:)``'s values.
    public static let matlab = LumaDefinition(
        name: "matlab", weights: (65.481, 128.553, 24.966), divisor: 255, offset: 16,
        summary: "MATLAB rgb2ycbcr, BT.601 studio swing: 16 + (65.481 R + 128.553 G + 24.966 B) / 255 (BasicSR, SR evaluation)")
}
