/// The container formats SRKit reads, identified from a file's leading bytes.
public enum ImageFormat: String, Sendable, CaseIterable, Codable {
    case png
    case jpeg
    case tiff
    case bmp

    /// Human-readable name used in messages ("PNG", "JPEG", …).
    public var displayName: String {
        switch self {
        case .png: "PNG"
        case .jpeg: "JPEG"
        case .tiff: "TIFF"
        case .bmp: "BMP"
        }
    }
}
