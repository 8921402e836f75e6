import SRModels

/// `pickle`: the restricted unpickler and the tensor gathering behind it. The input is a
/// `data.pkl`; the target wraps it in a valid `torch.save` zip (``StoredZip``, correct CRC-32s)
/// next to storages `data/0` … `data/15` of 4 KiB each, and reads that with ``CheckpointReader``.
///
/// To reproduce a crash outside the harness, wrap the file the same way
/// (`Fuzz/scripts/wrap_pickle.py crash-file out.pth`) and run `bench score --model out.pth`.
enum PickleTarget {
    /// Storage entries offered to every pickle; the seeds' tensors reference keys "0", "1", ….
    static let storageCount = 16
    static let storageBytes = 4096

    static func make() -> FuzzTarget {
        // The storages are the same for every input: zip them (and their CRCs) once.
        var fixed = StoredZip()
        fixed.add("archive/byteorder", Array("little".utf8))
        for key in 0 ..< storageCount {
            // Small finite float32 values (k/64 for k in -64...63), different in every storage.
            let storage = (0 ..< storageBytes / 4).flatMap { i -> [UInt8] in
                let value = Float((i * 7 + key * 13) % 128 - 64) / 64
                return withUnsafeBytes(of: value.bitPattern.littleEndian, Array.init)
            }
            fixed.add("archive/data/\(key)", storage)
        }
        let prebuilt = fixed
        return FuzzTarget(name: "pickle", summary: "torch.save data.pkl (restricted unpickler, tensor views) inside a generated zip") { pickle in
            var zip = prebuilt
            zip.add("archive/data.pkl", pickle)
            CheckpointTarget.readAndInfer(zip.bytes(), path: "fuzz-input.pth")
        }
    }
}

/// A minimal zip writer (stored entries only, PKWARE APPNOTE 4.3), enough to wrap a pickle the
/// way `torch.save` does; entries are 64-byte aligned like torch's, which the reader ignores.
struct StoredZip {
    private var body: [UInt8] = []
    private var directory: [UInt8] = []
    private var count = 0

    mutating func add(_ name: String, _ data: [UInt8]) {
        let nameBytes = Array(name.utf8)
        let crc = CRC32.checksum(data)
        let offset = body.count
        body += le32(0x0403_4B50) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21)
        body += le32(crc) + le32(UInt32(data.count)) + le32(UInt32(data.count)) + le16(UInt16(nameBytes.count)) + le16(0)
        body += nameBytes + data
        directory += le32(0x0201_4B50) + le16(20) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21)
        directory += le32(crc) + le32(UInt32(data.count)) + le32(UInt32(data.count)) + le16(UInt16(nameBytes.count))
        directory += le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(UInt32(offset)) + nameBytes
        count += 1
    }

    func bytes() -> [UInt8] {
        body + directory + le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(count)) + le16(UInt16(count))
            + le32(UInt32(directory.count)) + le32(UInt32(body.count)) + le16(0)
    }

    private func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
    private func le32(_ v: UInt32) -> [UInt8] { (0 ..< 4).map { UInt8((v >> (8 * $0)) & 0xFF) } }
}

/// zip's CRC-32 (IEEE 802.3, reflected 0xEDB88320).
enum CRC32 {
    static let table: [UInt32] = (0 ..< 256).map { n in
        var c = UInt32(n)
        for _ in 0 ..< 8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ data: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in data { c = table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}
