extension EvaluationProtocol {
    /// SelfExSR's evaluation (Huang et al., CVPR 2015, `quant_eval/compute_difference.m`), also
    /// that of the A+ era: the model works on the stored channels of the uint8 LR (SelfExSR's own
    /// `_LR.png` with `--lr provided`, which is how its table was made); the SR and HR are uint8;
    /// `if size(im,3) > 1` Y = `rgb2ycbcr` on uint8 (so rounded), else the one channel is used as
    /// Y directly; shave = scale; mean of per-image PSNR and Wang et al. SSIM. HR is modcropped
    /// to the scale, a no-op on SelfExSR's own files, which are already cropped. Generated LR
    /// (`--lr generate`) is MATLAB `imresize` on uint8, rounded after each pass, the closest
    /// documented match to SelfExSR's `_LR.png` (which used replicate borders).
    public static let selfexsr = EvaluationProtocol(
        name: "selfexsr", summary: "SelfExSR/A+: RGB model on uint8 LR, Y = round(rgb2ycbcr), a one-channel file is Y",
        modcrop: true, modelSpace: .rgb, lrStorage: .uint8, degradeKernel: "matlab-bicubic-uint8",
        channel: .y, roundY: true, gray: .useAsY, shave: nil)
}
