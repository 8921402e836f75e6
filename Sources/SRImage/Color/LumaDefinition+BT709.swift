extension LumaDefinition {
    /// `bt709`: ITU-R BT.709 studio swing, `Y = 16 + 219 (0.2126 R + 0.7152 G + 0.0722 B) / 255`,
    /// i.e. weights 46.5594, 156.6288, 15.8118 over 255; Y in 16...235.
    ///
    /// Who uses it: HD video (the BT.709 matrix FFmpeg and broadcast tools apply to HD material),
    /// so video-SR data whose frames were converted from HD YUV; not the image-SR evaluation
    /// convention, which is ``matlab``.
    public static let bt709 = LumaDefinition(
        name: "bt709", weights: (46.5594, 156.6288, 15.8118), divisor: 255, offset: 16,
        summary: "ITU-R BT.709 studio swing: 16 + (46.5594 R + 156.6288 G + 15.8118 B) / 255 (HD video)")
}
