/// Where one record came from: which input image, which window of it, which augment variant.
///
/// Stored per record in the footer of a version-2 shard (32 bytes after the v1 entry, covered
/// by the footer CRC and the shard's SHA-256), so a record can be traced to a BasicSR sub-image
/// (`<name>_s001.png`) without the ordering rules: `input` indexes index.json's
/// `provenance.sources`, and the window is given in the image the `patches` stage received.
public struct RecordProvenance: Sendable, Hashable {
    /// Position of the input image in the run's input list (index into `provenance.sources`).
    public var input: Int
    /// 1-based number of the window among the image's windows, rows outer and columns inner as
    /// BasicSR's `extract_subimages.py` counts them (`_s001` is window 1); 0 when the record is the
    /// whole image (no `patches` stage).
    public var window: Int
    /// Left edge of the window in the image the `patches` stage received (its reference input).
    public var x: Int
    /// Top edge of the window.
    public var y: Int
    /// Window width in pixels (the whole image's when ``window`` is 0).
    public var width: Int
    /// Window height in pixels.
    public var height: Int
    /// The dihedral augment variant (0...7, 0 = unchanged; see the `augment` stage).
    public var variant: Int

    /// A provenance entry; values must fit in 32 bits (the writer checks).
    public init(input: Int, window: Int, x: Int, y: Int, width: Int, height: Int, variant: Int) {
        self.input = input
        self.window = window
        self.x = x
        self.y = y
        self.width = width
        self.height = height
        self.variant = variant
    }

    /// Bytes of the encoded entry: seven u32 and one reserved u32.
    public static let encodedLength = 32

    /// The little-endian encoding: input, window, x, y, width, height, variant, 0 (u32 each).
    func encode(into bytes: inout ByteWriter) {
        bytes.append(UInt32(truncatingIfNeeded: input))
        bytes.append(UInt32(truncatingIfNeeded: window))
        bytes.append(UInt32(truncatingIfNeeded: x))
        bytes.append(UInt32(truncatingIfNeeded: y))
        bytes.append(UInt32(truncatingIfNeeded: width))
        bytes.append(UInt32(truncatingIfNeeded: height))
        bytes.append(UInt32(truncatingIfNeeded: variant))
        bytes.append(UInt32(0))
    }

    /// Whether every value fits the u32 fields (and the variant 0...7).
    var isEncodable: Bool {
        let fits = { (v: Int) in v >= 0 && v <= Int(UInt32.max) }
        return fits(input) && fits(window) && fits(x) && fits(y) && fits(width) && fits(height) && (0...7).contains(variant)
    }

    /// Decodes an entry at `offset`; nil when out of bounds, the variant is not 0...7 or the
    /// reserved word is not zero.
    static func decode(_ cursor: ByteCursor, at offset: Int) -> RecordProvenance? {
        // Called for every footer entry when a shard opens: no allocation per entry.
        guard let input = cursor.u32(at: offset), let window = cursor.u32(at: offset + 4),
              let x = cursor.u32(at: offset + 8), let y = cursor.u32(at: offset + 12),
              let width = cursor.u32(at: offset + 16), let height = cursor.u32(at: offset + 20),
              let variant = cursor.u32(at: offset + 24), let reserved = cursor.u32(at: offset + 28),
              variant <= 7, reserved == 0 else { return nil }
        return RecordProvenance(input: Int(input), window: Int(window), x: Int(x), y: Int(y),
                                width: Int(width), height: Int(height), variant: Int(variant))
    }

    /// BasicSR's sub-image name for this record: `<stem>_s001` (window 1) or `<stem>` for a
    /// whole image, with `_v<variant>` appended for an augmented record so that names stay unique.
    /// `source` is the input's name relative to its folder; its extension and folders are dropped.
    public func basicSRName(source: String) -> String {
        let file = source.split(separator: "/").last.map(String.init) ?? source
        let stem = file.contains(".") ? String(file[..<file.lastIndex(of: ".")!]) : file
        var name = stem
        if window > 0 {
            let digits = String(window)
            name += "_s" + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
        }
        if variant != 0 { name += "_v\(variant)" }
        return name
    }
}
