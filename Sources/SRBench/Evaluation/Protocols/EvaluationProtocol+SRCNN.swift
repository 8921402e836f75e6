extension EvaluationProtocol {
    /// The SRCNN MATLAB evaluation (`demo_SR.m`), which reproduces the published "Bicubic" and
    /// SRCNN rows (`../shared/reference/README.md`): HR modcropped, Y = round(`rgb2ycbcr`) taken
    /// first (a one-channel file used as Y directly), LR = MATLAB bicubic of that Y in floating
    /// point, never rounded; the model works on Y; its output is rounded once; shave = scale.
    public static let srcnn = EvaluationProtocol(
        name: "srcnn", summary: "SRCNN's MATLAB demo: the model works on Y = round(rgb2ycbcr), float LR",
        modcrop: true, modelSpace: .y, lrStorage: .float, degradeKernel: "matlab-bicubic",
        channel: .y, roundY: true, gray: .useAsY, shave: nil)
}
