/// The format -> codec table, the one place a new format is registered.
extension ImageFormat {
    /// The codec that reads and writes this format.
    var codec: any ImageCodec.Type {
        switch self {
        case .png: PNGCodec.self
        case .jpeg: JPEGCodec.self
        case .tiff: TIFFCodec.self
        case .bmp: BMPCodec.self
        }
    }
}
