extension LumaDefinition {
    /// `bt601-256`: `Y = 16 + (64.738 R + 129.057 G + 25.064 B) / 256`, exactly as
    /// yjn870/SRCNN-pytorch's `utils.convert_rgb_to_y`, which its `prepare.py` evaluates in
    /// float32 on the 0...255 scale (use ``LumaPrecision/float32`` to reproduce its HDF5 files).
    ///
    /// Who uses it: SRCNN-pytorch and the PyTorch SRCNN/FSRCNN/ESPCN repositories that copied its
    /// `utils.py` for both training-data preparation and Y-channel evaluation.
    ///
    /// The textbook 8-bit form of BT.601 (MATLAB's weights × 256/255) has 65.738 as the R weight;
    /// SRCNN-pytorch's 64.738 looks like a one-digit slip, and it is kept here because the point of
    /// this definition is to reproduce that code's data: its Y is lower than MATLAB's by
    /// about R/256 + 0.06 (up to one grey level for saturated red).
    public static let bt601x256 = LumaDefinition(
        name: "bt601-256", weights: (64.738, 129.057, 25.064), divisor: 256, offset: 16,
        summary: "SRCNN-pytorch convert_rgb_to_y: 16 + (64.738 R + 129.057 G + 25.064 B) / 256 (its prepare.py uses float32)")
}
