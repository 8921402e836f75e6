extension EvaluationProtocol {
    /// The modern BasicSR flow (BasicSR, SwinIR, EDSR's tables): LR = MATLAB bicubic of the RGB
    /// HR stored as uint8, model in RGB, Y computed as a float from the uint8 SR and HR; a
    /// one-channel file counts as three equal channels (`cv2.imread` reads it so).
    public static let basicsr = EvaluationProtocol(
        name: "basicsr", summary: "BasicSR/SwinIR: RGB model, uint8 LR, float Y, grey as three equal channels",
        modcrop: true, modelSpace: .rgb, lrStorage: .uint8, degradeKernel: "matlab-bicubic",
        channel: .y, roundY: false, gray: .throughRGB, shave: nil)
}
